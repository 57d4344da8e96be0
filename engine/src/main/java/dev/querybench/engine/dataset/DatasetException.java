package dev.querybench.engine.dataset;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;

/** A dataset file that cannot be read, with the place and the fix. */
public final class DatasetException extends QueryBenchException {

    private static final long serialVersionUID = 1L;

    public DatasetException(String message, String remedy, Throwable cause) {
        super(ErrorResponse.of(ErrorCategory.INVALID_INPUT, message, remedy), cause);
    }
}
