package dev.querybench.engine.model;

import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;

/** A model call that failed, explained. */
public final class ModelException extends QueryBenchException {

    private static final long serialVersionUID = 1L;

    public ModelException(ErrorResponse error, Throwable cause) {
        super(error, cause);
    }
}
