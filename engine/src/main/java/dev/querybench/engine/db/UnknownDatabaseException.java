package dev.querybench.engine.db;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.util.List;

/**
 * A question names a database that is neither a database profile of the workspace nor a
 * database file next to the dataset. Runs and scoring record the item as ERROR (a dataset
 * problem) with this message and go on with the other questions.
 */
public final class UnknownDatabaseException extends QueryBenchException {

    private static final long serialVersionUID = 1L;

    private static final int LISTED = 30;

    private final String questionId;
    private final String database;
    private final List<String> known;

    /**
     * @param questionId the question that names the database
     * @param database the name it gives
     * @param known the databases that can be named, in the order users should read them
     */
    public UnknownDatabaseException(String questionId, String database, List<String> known) {
        super(ErrorResponse.of(ErrorCategory.NOT_FOUND, message(questionId, database, known),
                "name one of the known databases in the question, add a database profile with that name under"
                        + " databases: in querybench.yaml, or put the file at database/" + database + "/" + database
                        + ".sqlite next to the dataset"));
        this.questionId = questionId;
        this.database = database;
        this.known = List.copyOf(known);
    }

    private static String message(String questionId, String database, List<String> known) {
        String listed = known.isEmpty() ? "none"
                : String.join(", ", known.subList(0, Math.min(LISTED, known.size())))
                        + (known.size() > LISTED ? " … and " + (known.size() - LISTED) + " more" : "");
        return "question " + questionId + " names database '" + database + "', which is not known; known databases: "
                + listed;
    }

    public String questionId() {
        return questionId;
    }

    public String database() {
        return database;
    }

    public List<String> known() {
        return known;
    }
}
