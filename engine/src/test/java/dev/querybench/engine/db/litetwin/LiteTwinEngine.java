package dev.querybench.engine.db.litetwin;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseEngine;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.SqlSyntax;
import dev.querybench.engine.db.SqlSyntax.Feature;
import dev.querybench.engine.db.sqlite.SqliteEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A fifth engine that exists only in tests: SQLite files under another name ({@code jdbc:litetwin:}),
 * reading SQL like SQLite except that {@code […]} is not a quoted name. It is what "one new package
 * plus one registration" asks of a new engine: this package and a line in a services file, which
 * {@code NewEngineByRegistrationTest} writes for a child JVM; no main class names it. Stateless.
 */
public final class LiteTwinEngine implements DatabaseEngine {

    /** SQLite's syntax without bracketed names, so the lexer's reading of the twin can be told apart. */
    public static final Dialect DIALECT = new Dialect("LiteTwin", "litetwin", 0, List.of("litetwin", "twin"), false,
            SqlSyntax.of(Feature.BACKTICK_NAMES, Feature.UNCLOSED_COMMENTS_END_TEXT, Feature.NAMED_PARAMETERS));

    /** The engine whose files and messages the twin shares. */
    private final SqliteEngine sqlite = new SqliteEngine();

    @Override
    public Dialect dialect() {
        return DIALECT;
    }

    @Override
    public DatabaseBackend open(ConnectionProfile profile, DatabaseErrors errors) {
        return new LiteTwinBackend(Path.of(profile.url().database()), errors);
    }

    @Override
    public Set<String> driverOptions() {
        return sqlite.driverOptions();
    }

    @Override
    public void checkOptions(Map<String, String> options, Duration timeout) {
        sqlite.checkOptions(options, timeout);
    }

    @Override
    public String tlsFix() {
        return "LiteTwin files need no TLS; remove TLS options from the URL";
    }

    @Override
    public String promptHints() {
        return "- LiteTwin is SQLite under another name: write SQLite SQL.";
    }

    @Override
    public String serverName(String productVersion) {
        return "LiteTwin " + productVersion;
    }

    @Override
    public boolean createsReaders() {
        return false;
    }

    @Override
    public DatabaseErrors.Kind errorKind(String sqlState, int vendorCode, String text) {
        return sqlite.errorKind(sqlState, vendorCode, text);
    }

    @Override
    public Optional<String> tableCountQuery() {
        return sqlite.tableCountQuery();
    }
}
