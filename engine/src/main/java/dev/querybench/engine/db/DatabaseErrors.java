package dev.querybench.engine.db;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.Redactor;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Turns JDBC driver errors into what a user can act on: an {@link ErrorResponse} (category,
 * retryable, message, remedy) and, for queries, a {@link QueryFailure}. Knows the SQLSTATEs and
 * vendor codes of PostgreSQL, MySQL/MariaDB, Trino's and SQLite's messages, and the network and
 * TLS exceptions drivers wrap. Immutable and thread-safe.
 */
public final class DatabaseErrors {

    /** What went wrong, before it is worded for a person. */
    public enum Kind {
        TLS_MISMATCH, AUTHENTICATION, UNKNOWN_DATABASE, UNREACHABLE, TIMEOUT, PERMISSION, SYNTAX, UNKNOWN_OBJECT,
        DATA, TOO_LARGE, OTHER
    }

    private static final Set<Integer> MYSQL_PERMISSION = Set.of(1044, 1142, 1143, 1227, 1290, 1792, 1370, 1045);
    private static final Set<Integer> MYSQL_UNKNOWN_OBJECT = Set.of(1146, 1054, 1305, 1109, 1051, 1630);
    private static final Set<Integer> MYSQL_TIMEOUT = Set.of(1317, 3024, 1969);

    private final Redactor redactor;

    public DatabaseErrors() {
        this(Redactor.none());
    }

    public DatabaseErrors(Redactor redactor) {
        this.redactor = redactor;
    }

    /** The error as a user sees it: what is wrong with this database and what to do. */
    public ErrorResponse handleDatabaseError(SQLException error, Dialect dialect) {
        return describe(error, dialect);
    }

    /** Like {@link #handleDatabaseError}, for any throwable with a driver error somewhere in its causes. */
    public ErrorResponse describe(Throwable error, Dialect dialect) {
        Kind kind = kindOf(error, dialect);
        String detail = redactor.redact(innermostMessage(error));
        String engine = dialect.displayName();
        return switch (kind) {
            case TLS_MISMATCH -> ErrorResponse.of(ErrorCategory.CONFIGURATION,
                    "TLS mismatch: the client and the " + engine + " server disagree about encryption (" + detail + ")",
                    DatabaseBackends.engine(dialect).tlsFix());
            case AUTHENTICATION -> ErrorResponse.of(ErrorCategory.AUTHENTICATION,
                    engine + " refused the user name or password (" + detail + ")",
                    "check the username and the password's environment variable in the database profile");
            case UNKNOWN_DATABASE -> dialect == Dialect.SQLITE ? ErrorResponse.of(ErrorCategory.INVALID_INPUT,
                    "the file is not an SQLite database (" + detail + ")",
                    "check the database path, or rebuild the file from its SQL scripts")
                    : ErrorResponse.of(ErrorCategory.NOT_FOUND,
                    "the database does not exist on the " + engine + " server (" + detail + ")",
                    "check the database name in the profile (for Trino: the catalog and schema)");
            case UNREACHABLE -> ErrorResponse.of(ErrorCategory.NETWORK,
                    "cannot reach the " + engine + " server (" + detail + ")",
                    "check host and port, that the server is running and that no firewall blocks the port");
            case TIMEOUT -> ErrorResponse.of(ErrorCategory.TIMEOUT,
                    engine + " stopped the query at its time limit (" + detail + ")",
                    "simplify the query or raise the query timeout in run settings");
            case PERMISSION -> ErrorResponse.of(ErrorCategory.PERMISSION,
                    "permission denied by " + engine + " (" + detail + ")",
                    "only read-only queries run here; if a read is refused, grant SELECT to the account");
            case SYNTAX -> ErrorResponse.of(ErrorCategory.SYNTAX, "syntax error: " + detail,
                    "check the SQL against the " + engine + " dialect");
            case UNKNOWN_OBJECT -> ErrorResponse.of(ErrorCategory.NOT_FOUND, "unknown table, column or function: "
                    + detail, "check names against the schema (querybench validate db lists it)");
            case DATA -> ErrorResponse.of(ErrorCategory.INVALID_INPUT, engine + " could not compute the result: "
                    + detail, "check types, casts and divisions in the query");
            case TOO_LARGE -> ErrorResponse.of(ErrorCategory.INVALID_INPUT, "the query builds a value or result larger"
                    + " than safe execution allows (" + detail + ")",
                    "ask for less: a LIMIT, fewer or shorter columns (the bounds are in docs/safe-execution.md)");
            case OTHER -> ErrorResponse.of(ErrorCategory.SERVER, engine + " failed: " + detail,
                    "read the server's message; try again if the server was busy");
        };
    }

    /** The kind of a query's failure, for verdicts. */
    public QueryFailure classify(Throwable error, Dialect dialect) {
        return switch (kindOf(error, dialect)) {
            case SYNTAX -> QueryFailure.SYNTAX;
            case UNKNOWN_OBJECT -> QueryFailure.SCHEMA;
            case PERMISSION -> QueryFailure.PERMISSION;
            case TIMEOUT -> QueryFailure.TIMEOUT;
            default -> QueryFailure.RUNTIME;
        };
    }

    /** Decides what went wrong from SQLSTATE, vendor code, wrapped exceptions and, last, the message. */
    public Kind kindOf(Throwable error, Dialect dialect) {
        List<Throwable> chain = chain(error);
        String text = String.join(" | ", chain.stream().map(t -> String.valueOf(t.getMessage())).toList())
                .toLowerCase(Locale.ROOT);
        if (chain.stream().anyMatch(t -> t instanceof SSLException) || isTlsMessage(text)) {
            return Kind.TLS_MISMATCH;
        }
        SQLException sql = innermostSqlException(chain);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        int code = sql == null ? 0 : sql.getErrorCode();
        Kind byCode = switch (dialect) {
            case POSTGRESQL -> postgres(state, text);
            case MYSQL -> mysql(state, code, text);
            case TRINO -> trino(text);
            case SQLITE -> sqlite(text);
        };
        if (byCode != null) {
            return byCode;
        }
        if (chain.stream().anyMatch(t -> t instanceof ConnectException || t instanceof UnknownHostException
                || t instanceof NoRouteToHostException)
                || state.startsWith("08") || text.contains("connection refused")) {
            return Kind.UNREACHABLE;
        }
        if (chain.stream().anyMatch(t -> t instanceof SQLTimeoutException)) {
            return Kind.TIMEOUT;
        }
        if (chain.stream().anyMatch(t -> t instanceof SocketTimeoutException)) {
            return Kind.UNREACHABLE;
        }
        if (state.startsWith("22")) {
            return Kind.DATA;
        }
        return Kind.OTHER;
    }

    private static Kind postgres(String state, String text) {
        return switch (state) {
            case "28P01", "28000" -> Kind.AUTHENTICATION;
            case "3D000" -> Kind.UNKNOWN_DATABASE;
            case "57014" -> Kind.TIMEOUT;
            case "42501", "25006" -> Kind.PERMISSION;
            case "42601" -> Kind.SYNTAX;
            case "42P01", "42703", "42883", "3F000", "42704" -> Kind.UNKNOWN_OBJECT;
            default -> text.contains("password authentication failed") ? Kind.AUTHENTICATION : null;
        };
    }

    private static Kind mysql(String state, int code, String text) {
        if (code == 1045 || text.contains("access denied for user") && text.contains("using password")) {
            return Kind.AUTHENTICATION;
        }
        if (code == 1049 || text.contains("unknown database")) {
            return Kind.UNKNOWN_DATABASE;
        }
        if (MYSQL_TIMEOUT.contains(code) || "70100".equals(state) || text.contains("max_statement_time exceeded")
                || text.contains("maximum statement execution time exceeded")) {
            return Kind.TIMEOUT;
        }
        if (MYSQL_PERMISSION.contains(code) || "25006".equals(state) || text.contains("read only transaction")) {
            return Kind.PERMISSION;
        }
        if (code == 1064 || code == 1149 || text.contains("you have an error in your sql syntax")) {
            return Kind.SYNTAX;
        }
        if (MYSQL_UNKNOWN_OBJECT.contains(code) || "42S02".equals(state) || "42S22".equals(state)) {
            return Kind.UNKNOWN_OBJECT;
        }
        if (text.contains("communications link failure")) {
            return Kind.UNREACHABLE;
        }
        return null;
    }

    private static Kind trino(String text) {
        if (text.contains("authentication failed") || text.contains("401") && text.contains("unauthorized")) {
            return Kind.AUTHENTICATION;
        }
        if (text.contains("access denied")) {
            return Kind.PERMISSION;
        }
        if (text.contains("exceeded maximum time limit") || text.contains("exceeded the maximum execution time")
                || text.contains("query was canceled") || text.contains("exceeded_time_limit")
                || text.contains("user_canceled") || text.contains("query was cancelled")) {
            return Kind.TIMEOUT;
        }
        if ((text.contains("catalog") && (text.contains("not found") || text.contains("does not exist")))
                || (text.contains("schema") && text.contains("does not exist") && !text.contains("table"))) {
            return Kind.UNKNOWN_DATABASE;
        }
        if (text.contains("mismatched input") || text.contains("extraneous input") || text.contains("syntax error")
                || text.contains("no viable alternative")) {
            return Kind.SYNTAX;
        }
        if (text.contains("cannot be resolved") || text.contains("does not exist") || text.contains("not registered")
                || text.contains("table") && text.contains("not found")) {
            return Kind.UNKNOWN_OBJECT;
        }
        if (text.contains("division by zero") || text.contains("cannot cast") || text.contains("type_mismatch")
                || text.contains("cannot apply operator")) {
            return Kind.DATA;
        }
        if (text.contains("failed to connect") || text.contains("error executing query") && text.contains("connect")) {
            return Kind.UNREACHABLE;
        }
        return null;
    }

    private static Kind sqlite(String text) {
        if (text.contains("interrupted")) {
            return Kind.TIMEOUT;
        }
        if (text.contains("syntax error") || text.contains("incomplete input") || text.contains("unrecognized token")) {
            return Kind.SYNTAX;
        }
        if (text.contains("no such table") || text.contains("no such column") || text.contains("ambiguous column")
                || text.contains("no such function")) {
            return Kind.UNKNOWN_OBJECT;
        }
        if (text.contains("readonly") || text.contains("read-only") || text.contains("not authorized")
                || text.contains("too many attached") || text.contains("query_only")) {
            return Kind.PERMISSION;
        }
        if (text.contains("not a database") || text.contains("unable to open")) {
            return Kind.UNKNOWN_DATABASE;
        }
        if (text.contains("string or blob too big")) {
            return Kind.TOO_LARGE;
        }
        return null;
    }

    private static boolean isTlsMessage(String text) {
        return text.contains("does not support ssl") || text.contains("ssl connection")
                || text.contains("ssl is required") || text.contains("sslhandshake") || text.contains("ssl handshake")
                || text.contains("ssl off") || text.contains("requires ssl")
                || text.contains("no pg_hba.conf entry") && text.contains("no encryption");
    }


    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
            if (t instanceof SQLException s && s.getNextException() != null && t.getCause() == null) {
                chain.add(s.getNextException());
            }
        }
        return chain;
    }

    private static SQLException innermostSqlException(List<Throwable> chain) {
        SQLException found = null;
        for (Throwable t : chain) {
            if (t instanceof SQLException s && (found == null || s.getSQLState() != null || s.getErrorCode() != 0)) {
                found = s;
            }
        }
        return found;
    }

    private static String innermostMessage(Throwable error) {
        List<Throwable> chain = chain(error);
        String best = null;
        for (Throwable t : chain) {
            boolean hasMessage = t.getMessage() != null && !t.getMessage().isBlank();
            if (hasMessage && (best == null || t instanceof SQLException)) {
                best = t.getMessage();
            }
        }
        if (best == null) {
            return error.getClass().getSimpleName();
        }
        String first = best.strip().lines().findFirst().orElse(best);
        return first.length() > 300 ? first.substring(0, 300) + "…" : first;
    }
}
