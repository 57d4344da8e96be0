package dev.querybench.engine.config;

/**
 * How a failed model call is retried; unset values take the defaults named below.
 *
 * @param maxAttempts calls per model and item, the first included (default 4)
 * @param initialBackoffMillis wait before the first retry (default 500)
 * @param multiplier growth of the wait per retry (default 2.0)
 * @param maxBackoffMillis longest wait between retries (default 20000)
 * @param jitter random spread of each wait, 0 to 1 (default 0.5)
 * @param maxRetryAfterMillis longest provider-requested wait that is honoured; a longer one moves to the
 *     next model instead of waiting (default 60000)
 */
public record RetrySettings(Integer maxAttempts, Long initialBackoffMillis, Double multiplier, Long maxBackoffMillis,
        Double jitter, Long maxRetryAfterMillis) {}
