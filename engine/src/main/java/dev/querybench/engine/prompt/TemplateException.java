package dev.querybench.engine.prompt;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;

/** A prompt template that cannot be loaded or rendered. */
public final class TemplateException extends QueryBenchException {

    private static final long serialVersionUID = 1L;

    public TemplateException(String message, String remedy) {
        super(ErrorResponse.of(ErrorCategory.CONFIGURATION, message, remedy));
    }
}
