package dev.querybench.engine.db;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;

/** A query that failed or was refused, with the kind of failure. */
public final class QueryExecutionException extends QueryBenchException {

    private static final long serialVersionUID = 1L;

    private final QueryFailure failure;

    public QueryExecutionException(QueryFailure failure, String message, Throwable cause) {
        super(ErrorResponse.of(categoryOf(failure), message, remedyOf(failure)), cause);
        this.failure = failure;
    }

    /** A failure worded by {@link DatabaseErrors} rather than by its kind alone. */
    public QueryExecutionException(QueryFailure failure, ErrorResponse error, Throwable cause) {
        super(error, cause);
        this.failure = failure;
    }

    /**
     * The work the query belonged to was cancelled (its thread was interrupted), before the query
     * ran or while it ran: no verdict on the query, and the caller stays interrupted.
     */
    public static QueryExecutionException cancelled(Throwable cause) {
        return new QueryExecutionException(QueryFailure.RUNTIME, "interrupted: the work was cancelled", cause);
    }

    public QueryFailure failure() {
        return failure;
    }

    private static ErrorCategory categoryOf(QueryFailure failure) {
        return switch (failure) {
            case SYNTAX -> ErrorCategory.SYNTAX;
            case SCHEMA -> ErrorCategory.NOT_FOUND;
            case PERMISSION -> ErrorCategory.PERMISSION;
            case TIMEOUT -> ErrorCategory.TIMEOUT;
            case REFUSED -> ErrorCategory.REFUSED;
            case RUNTIME -> ErrorCategory.INVALID_INPUT;
        };
    }

    private static String remedyOf(QueryFailure failure) {
        return switch (failure) {
            case SYNTAX -> "check the SQL against the database's dialect";
            case SCHEMA -> "check table and column names against the schema";
            case PERMISSION -> "only read-only queries run here";
            case TIMEOUT -> "simplify the query or raise the query timeout in run settings";
            case REFUSED -> "write a single SELECT (or WITH … SELECT) statement";
            case RUNTIME -> "read the database's message above";
        };
    }
}
