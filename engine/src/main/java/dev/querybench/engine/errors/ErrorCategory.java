package dev.querybench.engine.errors;

/** The kinds of failure a user can meet, each with whether trying again may help. */
public enum ErrorCategory {
    CONFIGURATION(false),
    INVALID_INPUT(false),
    AUTHENTICATION(false),
    PERMISSION(false),
    NOT_FOUND(false),
    RATE_LIMIT(true),
    TIMEOUT(true),
    NETWORK(true),
    SERVER(true),
    SYNTAX(false),
    REFUSED(false),
    MALFORMED_ANSWER(true),
    INTERNAL(false);

    private final boolean retryableByDefault;

    ErrorCategory(boolean retryableByDefault) {
        this.retryableByDefault = retryableByDefault;
    }

    public boolean retryableByDefault() {
        return retryableByDefault;
    }
}
