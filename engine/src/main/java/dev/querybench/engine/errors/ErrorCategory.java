package dev.querybench.engine.errors;

/** The kinds of failure a user can meet, each with whether trying again may help. */
public enum ErrorCategory {
    CONFIGURATION(false),
    INVALID_INPUT(false),
    AUTHENTICATION(false),
    PERMISSION(false),
    NOT_FOUND(false),
    RATE_LIMIT(true),
    /** The account's quota or credit is used up: waiting seconds will not help. */
    QUOTA(false),
    TIMEOUT(true),
    NETWORK(true),
    SERVER(true),
    SYNTAX(false),
    REFUSED(false),
    /** A provider's safety system withheld the answer. */
    CONTENT_FILTER(false),
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
