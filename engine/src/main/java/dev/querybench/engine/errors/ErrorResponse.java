package dev.querybench.engine.errors;

import java.time.Duration;
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
 * @param retryAfter how long the other side asked us to wait before trying again, or null when it did not say
 */
public record ErrorResponse(ErrorCategory category, boolean retryable, String message, String remedy,
        Duration retryAfter) {

    public ErrorResponse {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(message, "message");
        remedy = remedy == null ? "" : remedy;
        if (retryAfter != null && retryAfter.isNegative()) {
            retryAfter = Duration.ZERO;
        }
    }

    /** A response without a retry hint. */
    public ErrorResponse(ErrorCategory category, boolean retryable, String message, String remedy) {
        this(category, retryable, message, remedy, null);
    }

    public static ErrorResponse of(ErrorCategory category, String message, String remedy) {
        return new ErrorResponse(category, category.retryableByDefault(), message, remedy);
    }

    /** The same response with the other side's retry hint. */
    public ErrorResponse withRetryAfter(Duration hint) {
        return new ErrorResponse(category, retryable, message, remedy, hint);
    }

    /** Message and remedy on one or two lines, as shown in the CLI and dialogs ({@link Explanation#lines()}). */
    public String describe() {
        return Explanation.of(this).lines();
    }
}
