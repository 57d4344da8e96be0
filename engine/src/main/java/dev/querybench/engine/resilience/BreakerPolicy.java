package dev.querybench.engine.resilience;

import dev.querybench.engine.config.BreakerSettings;
import java.time.Duration;

/**
 * When an endpoint's circuit breaker opens and for how long. It opens when the failure rate
 * over the last {@code window} calls (after {@code minimumCalls}) reaches
 * {@code failureRatePercent}, and at once, for {@code quotaOpenFor}, when the quota is used up,
 * the key is refused or the model is unknown: failures that more calls cannot fix.
 *
 * @param failureRatePercent failure rate that opens the breaker
 * @param window calls the rate is measured over
 * @param minimumCalls calls needed before the rate counts
 * @param openFor how long it stays open before trial calls
 * @param halfOpenCalls trial calls that decide whether it closes again
 * @param quotaOpenFor how long an unfixable failure keeps it open
 */
public record BreakerPolicy(int failureRatePercent, int window, int minimumCalls, Duration openFor, int halfOpenCalls,
        Duration quotaOpenFor) {

    public static final BreakerPolicy DEFAULTS = new BreakerPolicy(50, 20, 10, Duration.ofSeconds(30), 3,
            Duration.ofMinutes(10));

    public BreakerPolicy {
        if (failureRatePercent < 1 || failureRatePercent > 100 || window < 1 || minimumCalls < 1 || halfOpenCalls < 1) {
            throw new IllegalArgumentException("failureRatePercent 1-100 and positive window, minimumCalls and"
                    + " halfOpenCalls are required");
        }
    }

    /** The policy a workspace's settings describe; unset values are the defaults. */
    public static BreakerPolicy from(BreakerSettings s) {
        if (s == null) {
            return DEFAULTS;
        }
        return new BreakerPolicy(
                s.failureRatePercent() == null ? DEFAULTS.failureRatePercent : s.failureRatePercent(),
                s.window() == null ? DEFAULTS.window : s.window(),
                s.minimumCalls() == null ? DEFAULTS.minimumCalls : s.minimumCalls(),
                s.openMillis() == null ? DEFAULTS.openFor : Duration.ofMillis(s.openMillis()),
                s.halfOpenCalls() == null ? DEFAULTS.halfOpenCalls : s.halfOpenCalls(),
                s.quotaOpenMillis() == null ? DEFAULTS.quotaOpenFor : Duration.ofMillis(s.quotaOpenMillis()));
    }
}
