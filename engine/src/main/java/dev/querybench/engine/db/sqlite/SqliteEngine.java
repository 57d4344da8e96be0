package dev.querybench.engine.db.sqlite;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseEngine;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.Dialect;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.nio.file.Path;

/** SQLite files, registered as a {@link DatabaseEngine} service. */
public final class SqliteEngine implements DatabaseEngine {

    /** The URL options the JDBC driver understands, to catch typos before connecting. */
    private static final Set<String> DRIVER_OPTIONS = Set.of("open_mode", "journal_mode", "synchronous", "busy_timeout",
            "foreign_keys", "date_class", "date_precision", "date_string_format", "transaction_mode", "shared_cache",
            "cache_size", "mmap_size", "mode", "cache", "immutable", "jdbc.explicit_readonly", "query_only",
            "recursive_triggers", "case_sensitive_like", "temp_store", "page_size", "limit_attached");

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public DatabaseBackend open(ConnectionProfile profile, DatabaseErrors errors) {
        String path = profile.url().database();
        if (path == null) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION,
                    "the SQLite URL of profile '" + profile.name() + "' names no file",
                    "write jdbc:sqlite:/path/to/file.db"));
        }
        return new SqliteBackend(Path.of(path), profile.pool().maximumSize(), profile.pool().connectTimeout());
    }

    @Override
    public Set<String> driverOptions() {
        return DRIVER_OPTIONS;
    }

    @Override
    public void checkOptions(Map<String, String> options, Duration timeout) {
        options.putIfAbsent("open_mode", "1");
    }

    @Override
    public String tlsFix() {
        return "SQLite files need no TLS; remove TLS options from the URL";
    }

    @Override
    public String promptHints() {
        return """
                    - Dates are stored as ISO text ('2024-03-17'); use date(), strftime('%Y', col) and julianday().
                    - There is no RIGHT/FULL JOIN before SQLite 3.39; string concatenation is ||.
                    - Use LIMIT n for top-N; integer division truncates, multiply by 1.0 for ratios.""";
    }

    @Override
    public String serverName(String productVersion) {
        return "SQLite " + productVersion;
    }

    @Override
    public boolean createsReaders() {
        return false;
    }
}
