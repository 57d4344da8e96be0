package dev.querybench.engine.errors;

/** An exception that carries a user-facing {@link ErrorResponse}. */
public class QueryBenchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorResponse error;

    public QueryBenchException(ErrorResponse error) {
        this(error, null);
    }

    public QueryBenchException(ErrorResponse error, Throwable cause) {
        super(error.message(), cause);
        this.error = error;
    }

    public ErrorResponse error() {
        return error;
    }
}
