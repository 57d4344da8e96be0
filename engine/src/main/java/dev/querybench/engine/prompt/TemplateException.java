package dev.querybench.engine.prompt;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.FileProblem;
import dev.querybench.engine.errors.QueryBenchException;

/** A prompt template that cannot be loaded or rendered. */
public final class TemplateException extends QueryBenchException {

    private static final long serialVersionUID = 1L;

    private final transient FileProblem problem;

    public TemplateException(String message, String remedy) {
        super(ErrorResponse.of(ErrorCategory.CONFIGURATION, message, remedy));
        this.problem = null;
    }

    /** A problem in a template file, with its place. */
    public TemplateException(FileProblem problem) {
        super(problem.toResponse(ErrorCategory.CONFIGURATION));
        this.problem = problem;
    }

    /** The problem with its place; one without a known place names no file. */
    public FileProblem problem() {
        return problem != null ? problem
                : new FileProblem("", 0, 0, "", error().message(), error().remedy());
    }
}
