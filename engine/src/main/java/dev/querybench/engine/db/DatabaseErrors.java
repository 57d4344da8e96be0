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
import javax.net.ssl.SSLException;

/**
 * Turns JDBC driver errors into what a user can act on: an {@link ErrorResponse} (category,
 * retryable, message, remedy) and, for queries, a {@link QueryFailure}. Knows the SQLSTATEs and
 * vendor codes each engine knows ({@link DatabaseEngine#errorKind}), and the network and TLS
 * exceptions drivers wrap. Immutable and thread-safe.
 */
public final class DatabaseErrors {

    /** What went wrong, before it is worded for a person. */
    public enum Kind {
        TLS_MISMATCH, AUTHENTICATION, UNKNOWN_DATABASE, UNREACHABLE, TIMEOUT, PERMISSION, SYNTAX, UNKNOWN_OBJECT,
        DATA, TOO_LARGE, OTHER
    }


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
            case UNKNOWN_DATABASE -> !dialect.isServer() ? ErrorResponse.of(ErrorCategory.INVALID_INPUT,
                    "the file is not an " + engine + " database (" + detail + ")",
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
        Kind byCode = dialect.engine().errorKind(state, code, text);
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
