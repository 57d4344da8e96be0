package dev.querybench.engine.db;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import java.sql.SQLException;

/**
 * An administrator's refusal of the statements that create a reader account, as an engine
 * recognises it in its server's error ({@link DatabaseEngine#readerRefusal}), worded here once for
 * every engine: what was refused, with the server's own words in brackets, and the fix. Only the
 * fix for a missing right differs by engine ({@link DatabaseEngine#readerRightsFix()}).
 */
public enum ReaderRefusal {

    /** The account may not create accounts or grant reading. */
    NO_RIGHT,
    /** An account of that name exists already. */
    NAME_TAKEN;

    /**
     * The refusal as the user sees it.
     *
     * @param who "the account NAME", for the message
     * @param reader the account that was to be created
     * @param rightsFix the engine's fix for {@link #NO_RIGHT}
     */
    public ErrorResponse explain(SQLException e, String who, String reader, String rightsFix) {
        String server = e.getMessage() == null ? "" : " (" + e.getMessage().strip() + ")";
        return switch (this) {
            case NO_RIGHT -> ErrorResponse.of(ErrorCategory.PERMISSION, who + " may not create accounts or grant"
                    + " reading" + server, rightsFix);
            case NAME_TAKEN -> ErrorResponse.of(ErrorCategory.INVALID_INPUT, "an account named " + reader
                    + " exists already" + server, "choose another name, or use that account in the profile");
        };
    }
}
