package dev.querybench.engine.errors;

import java.util.Objects;

/**
 * A failure explained for a person: what went wrong and what to do about it.
 *
 * <p>Messages never contain secrets; callers redact before building one.
 *
 * @param category what kind of failure this is
 * @param retryable whether trying the same thing again may succeed
 * @param message what is wrong, in plain words
 * @param remedy the next step the user can take
 */
public record ErrorResponse(ErrorCategory category, boolean retryable, String message, String remedy) {

    public ErrorResponse {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(message, "message");
        remedy = remedy == null ? "" : remedy;
    }

    public static ErrorResponse of(ErrorCategory category, String message, String remedy) {
        return new ErrorResponse(category, category.retryableByDefault(), message, remedy);
    }

    /** Message and remedy on one or two lines, as shown in the CLI and dialogs. */
    public String describe() {
        return remedy.isBlank() ? message : message + System.lineSeparator() + "  → " + remedy;
    }
}
