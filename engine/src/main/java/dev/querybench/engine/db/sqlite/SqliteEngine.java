package dev.querybench.engine.db.sqlite;

import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.io.IOException;
import dev.querybench.engine.db.WriteAccess;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseEngine;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.SqlSyntax;
import dev.querybench.engine.db.SqlSyntax.Feature;
import java.util.Optional;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.nio.file.Path;

/** SQLite files, registered as a {@link DatabaseEngine} service. */
public final class SqliteEngine implements DatabaseEngine {

    /** The dialect of this engine: its names, URL form and how its SQL text reads. */
    public static final Dialect DIALECT = new Dialect("SQLite", "sqlite", 0, List.of("sqlite", "sqlite3"), false,
            SqlSyntax.of(Feature.BACKTICK_NAMES, Feature.BRACKET_NAMES, Feature.UNCLOSED_COMMENTS_END_TEXT,
                    Feature.NAMED_PARAMETERS));

    /** The URL options the JDBC driver understands, to catch typos before connecting. */
    private static final Set<String> DRIVER_OPTIONS = Set.of("open_mode", "journal_mode", "synchronous", "busy_timeout",
            "foreign_keys", "date_class", "date_precision", "date_string_format", "transaction_mode", "shared_cache",
            "cache_size", "mmap_size", "mode", "cache", "immutable", "jdbc.explicit_readonly", "query_only",
            "recursive_triggers", "case_sensitive_like", "temp_store", "page_size", "limit_attached");

    @Override
    public Dialect dialect() {
        return DIALECT;
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

    @Override
    public DatabaseErrors.Kind errorKind(String state, int code, String text) {
        if (text.contains("interrupted")) {
            return DatabaseErrors.Kind.TIMEOUT;
        }
        if (text.contains("syntax error") || text.contains("incomplete input") || text.contains("unrecognized token")) {
            return DatabaseErrors.Kind.SYNTAX;
        }
        if (text.contains("no such table") || text.contains("no such column") || text.contains("ambiguous column")
                || text.contains("no such function")) {
            return DatabaseErrors.Kind.UNKNOWN_OBJECT;
        }
        if (text.contains("readonly") || text.contains("read-only") || text.contains("not authorized")
                || text.contains("too many attached") || text.contains("query_only")) {
            return DatabaseErrors.Kind.PERMISSION;
        }
        if (text.contains("not a database") || text.contains("unable to open")) {
            return DatabaseErrors.Kind.UNKNOWN_DATABASE;
        }
        if (text.contains("string or blob too big")) {
            return DatabaseErrors.Kind.TOO_LARGE;
        }
        return null;
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public Optional<String> tableCountQuery() {
        return Optional.of("SELECT count(*) FROM sqlite_master WHERE type IN ('table','view')");
    }

    @Override
    public String manualReaderSetup(ConnectionUrl url, String reader) {
        return "-- SQLite has no accounts: QueryBench opens the file read-only (SQLITE_OPEN_READONLY,"
                + " query_only, no ATTACH, no extensions).\n-- To protect it from every program: chmod a-w "
                + url.database();
    }

    @Override
    public String manualReaderFix() {
        return "SQLite needs no reader: the file is opened read-only";
    }

    /** The first bytes of every SQLite database file. */
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    @Override
    public Optional<ErrorResponse> fileProblem(String path) {
        if (path == null || path.isBlank()) {
            return Optional.of(problem("the SQLite URL names no file", "write jdbc:sqlite:/path/to/file.db"));
        }
        if (path.equals(":memory:") || path.startsWith(":memory:")) {
            return Optional.of(problem("an in-memory SQLite database is empty", "point the URL at a database file"));
        }
        Path file = Path.of(path);
        if (!Files.exists(file)) {
            return Optional.of(ErrorResponse.of(ErrorCategory.NOT_FOUND, "SQLite file " + file + " does not exist",
                    "check the path (relative paths are relative to the workspace), or build it from its SQL scripts"));
        }
        if (Files.isDirectory(file)) {
            return Optional.of(problem(file + " is a folder, not an SQLite file", "point the URL at the .db file"));
        }
        if (!Files.isReadable(file)) {
            return Optional.of(ErrorResponse.of(ErrorCategory.PERMISSION, "SQLite file " + file + " is not readable",
                    "give the user running QueryBench read access to it"));
        }
        byte[] head = new byte[HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return Optional.of(problem("cannot read " + file + ": " + e.getMessage(), "check the file"));
        }
        if (read == 0) {
            return Optional.of(problem("SQLite file " + file + " is empty: it holds no tables",
                    "build the database from its SQL scripts first"));
        }
        if (read < head.length || !java.util.Arrays.equals(head, HEADER)) {
            return Optional.of(problem(file + " is not an SQLite database (it does not start with the SQLite header)",
                    "point the URL at an SQLite database file"));
        }
        return Optional.empty();
    }

    @Override
    public WriteAccess fileWriteAccess(Path file) {
        boolean writable = Files.isWritable(file);
        List<String> findings = List.of(writable
                ? "the file is writable by this user; QueryBench still opens it read-only (SQLITE_OPEN_READONLY,"
                        + " query_only, no ATTACH)"
                : "the file is read-only for this user");
        String advice = writable ? "-- SQLite has no accounts; to protect the file from every program, not only"
                + " QueryBench:\n-- chmod a-w " + file : "";
        return new WriteAccess(writable, findings, advice);
    }

    private static ErrorResponse problem(String message, String remedy) {
        return ErrorResponse.of(ErrorCategory.INVALID_INPUT, message, remedy);
    }

    @Override
    public void buildIfMissing(Path file, List<Path> scripts) {
        new SqliteDatabaseBuilder().buildIfMissing(file, scripts);
    }
}
