package dev.querybench.engine.report;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.nio.file.Path;

/** A report that could not be written. */
final class ExportException extends QueryBenchException {

    private static final long serialVersionUID = 1L;

    ExportException(Path file, Exception cause) {
        super(ErrorResponse.of(ErrorCategory.INTERNAL, "cannot write " + file + ": " + cause.getMessage(),
                "check that the output folder is writable and has space"), cause);
    }
}
