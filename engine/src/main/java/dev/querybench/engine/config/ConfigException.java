package dev.querybench.engine.config;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;

/** A workspace configuration that cannot be used, with what to change. */
public final class ConfigException extends QueryBenchException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message, String remedy, Throwable cause) {
        super(ErrorResponse.of(ErrorCategory.CONFIGURATION, message, remedy), cause);
    }
}
