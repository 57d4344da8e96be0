package dev.querybench.engine.resilience;

import dev.querybench.engine.config.RetrySettings;
import java.time.Duration;

/**
 * How one endpoint retries a failed call: exponential backoff with jitter, at least as long as
 * the provider asked ({@code Retry-After} and its kin), but never longer than
 * {@code maxRetryAfter}: a provider asking for more is passed over for the next model instead.
 *
 * @param maxAttempts calls per item and endpoint, the first included
 * @param initialBackoff wait before the first retry
 * @param multiplier growth of the wait per retry
 * @param maxBackoff longest computed wait
 * @param jitter random spread of each computed wait, 0 to 1
 * @param maxRetryAfter longest provider-requested wait that is honoured
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
        double jitter, Duration maxRetryAfter) {

    public static final RetryPolicy DEFAULTS = new RetryPolicy(4, Duration.ofMillis(500), 2.0, Duration.ofSeconds(20),
            0.5, Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxAttempts < 1 || multiplier < 1 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("maxAttempts ≥ 1, multiplier ≥ 1 and 0 ≤ jitter ≤ 1 are required");
        }
    }

    /** The policy a workspace's settings describe; unset values are the defaults. */
    public static RetryPolicy from(RetrySettings s) {
        if (s == null) {
            return DEFAULTS;
        }
        return new RetryPolicy(
                s.maxAttempts() == null ? DEFAULTS.maxAttempts : s.maxAttempts(),
                s.initialBackoffMillis() == null ? DEFAULTS.initialBackoff : Duration.ofMillis(s.initialBackoffMillis()),
                s.multiplier() == null ? DEFAULTS.multiplier : s.multiplier(),
                s.maxBackoffMillis() == null ? DEFAULTS.maxBackoff : Duration.ofMillis(s.maxBackoffMillis()),
                s.jitter() == null ? DEFAULTS.jitter : s.jitter(),
                s.maxRetryAfterMillis() == null ? DEFAULTS.maxRetryAfter : Duration.ofMillis(s.maxRetryAfterMillis()));
    }
}
