package dev.querybench.engine.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure a {@link ScriptedModelStub} can inject into a chat call. Each stub renders a fault in
 * its own provider's dialect: status code, headers and error body as that provider sends them
 * (for example a rate limit is {@code retry-after-ms} for OpenAI, {@code retry-after} for
 * Anthropic and a {@code google.rpc.RetryInfo} detail for Gemini).
 *
 * @param kind what goes wrong
 * @param status the HTTP status for {@link Kind#STATUS}, otherwise 0 (the stub picks the provider's)
 * @param delay the retry hint for {@link Kind#RATE_LIMITED}, the delay for {@link Kind#SLOW}
 */
public record Fault(Kind kind, int status, Duration delay) {

    /** The failure classes the stubs know. */
    public enum Kind {
        /** An error status with the provider's generic error body. */
        STATUS,
        /** The key is refused. */
        UNAUTHORIZED,
        /** The key is valid but may not use this model. */
        PERMISSION_DENIED,
        /** The provider does not know the model. */
        UNKNOWN_MODEL,
        /** Too many requests for now, with a retry hint. */
        RATE_LIMITED,
        /**
         * Too many requests, the wait told only by the provider's rate-limit headers (OpenAI's
         * {@code x-ratelimit-*}, Anthropic's {@code anthropic-ratelimit-*}; Gemini's RetryInfo).
         */
        RATE_LIMITED_BY_HEADERS,
        /** The account's quota or credit is used up; waiting minutes will not help. */
        QUOTA_EXHAUSTED,
        /** The provider is overloaded (Anthropic 529, others 503). */
        OVERLOADED,
        /** The answer comes after {@code delay}: longer than the client's timeout, it is a timeout. */
        SLOW,
        /**
         * The answer's status and headers come at once, its body only after {@code delay}: a
         * trickling body, a timeout when longer than the client's.
         */
        SLOW_BODY,
        /** The connection is closed before any response. */
        CONNECTION_RESET,
        /** HTTP 200 with a body that is not valid JSON. */
        MALFORMED_JSON,
        /** The answer is withheld by the provider's safety system. */
        CONTENT_FILTER,
        /** The prompt exceeds the model's context window. */
        CONTEXT_TOO_LONG
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        delay = delay == null ? Duration.ZERO : delay;
    }

    public static Fault status(int status) {
        return new Fault(Kind.STATUS, status, null);
    }

    public static Fault serverError() {
        return status(500);
    }

    public static Fault unauthorized() {
        return new Fault(Kind.UNAUTHORIZED, 0, null);
    }

    public static Fault permissionDenied() {
        return new Fault(Kind.PERMISSION_DENIED, 0, null);
    }

    public static Fault unknownModel() {
        return new Fault(Kind.UNKNOWN_MODEL, 0, null);
    }

    public static Fault rateLimited(Duration retryAfter) {
        return new Fault(Kind.RATE_LIMITED, 0, retryAfter);
    }

    /** A 429 whose wait is given only by the rate-limit headers saying the request limit resets after {@code reset}. */
    public static Fault rateLimitedByHeaders(Duration reset) {
        return new Fault(Kind.RATE_LIMITED_BY_HEADERS, 0, reset);
    }

    public static Fault quotaExhausted() {
        return new Fault(Kind.QUOTA_EXHAUSTED, 0, null);
    }

    public static Fault overloaded() {
        return new Fault(Kind.OVERLOADED, 0, null);
    }

    public static Fault slow(Duration delay) {
        return new Fault(Kind.SLOW, 0, delay);
    }

    public static Fault slowBody(Duration delay) {
        return new Fault(Kind.SLOW_BODY, 0, delay);
    }

    public static Fault connectionReset() {
        return new Fault(Kind.CONNECTION_RESET, 0, null);
    }

    public static Fault malformedJson() {
        return new Fault(Kind.MALFORMED_JSON, 0, null);
    }

    public static Fault contentFilter() {
        return new Fault(Kind.CONTENT_FILTER, 0, null);
    }

    public static Fault contextTooLong() {
        return new Fault(Kind.CONTEXT_TOO_LONG, 0, null);
    }
}
