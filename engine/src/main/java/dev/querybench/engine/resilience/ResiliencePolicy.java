package dev.querybench.engine.resilience;

import dev.querybench.engine.config.ResilienceConfig;
import java.util.Map;

/**
 * Everything that decides how a session's model calls survive trouble. Immutable.
 *
 * @param retry per-endpoint retries
 * @param breaker per-endpoint circuit breakers
 * @param requestsPerMinute rate limit by provider id; providers not listed are not limited
 * @param selection which member of a fallback chain is asked first
 * @param qualityFloor accuracy a model must keep to be chosen by {@link Selection#COST}
 * @param patience how long items wait, while a chain gives no answer at all, for rate limits to lift and
 *     breakers to half-open before they are left unanswered
 */
public record ResiliencePolicy(RetryPolicy retry, BreakerPolicy breaker, Map<String, Integer> requestsPerMinute,
        Selection selection, double qualityFloor, java.time.Duration patience) {

    /** Default patience: five minutes without any answer. */
    public static final java.time.Duration DEFAULT_PATIENCE = java.time.Duration.ofMinutes(5);

    public static final ResiliencePolicy DEFAULTS = new ResiliencePolicy(RetryPolicy.DEFAULTS, BreakerPolicy.DEFAULTS,
            Map.of(), Selection.IN_ORDER, 0.6, DEFAULT_PATIENCE);

    /** A policy with the default patience. */
    public ResiliencePolicy(RetryPolicy retry, BreakerPolicy breaker, Map<String, Integer> requestsPerMinute,
            Selection selection, double qualityFloor) {
        this(retry, breaker, requestsPerMinute, selection, qualityFloor, DEFAULT_PATIENCE);
    }

    /** How the first model of a chain is chosen for each item. */
    public enum Selection {
        /** The chain's order: primary, then secondary, … */
        IN_ORDER,
        /** The healthy model with the best accuracy so far in the run. */
        QUALITY,
        /** The cheapest healthy model whose accuracy so far stays above the quality floor. */
        COST
    }

    public ResiliencePolicy {
        requestsPerMinute = Map.copyOf(requestsPerMinute);
        patience = patience == null || patience.isNegative() ? DEFAULT_PATIENCE : patience;
    }

    /** The policy a workspace's settings describe; unset values are the defaults. */
    public static ResiliencePolicy from(ResilienceConfig config) {
        if (config == null) {
            return DEFAULTS;
        }
        Selection selection = switch (config.selection() == null ? "in-order" : config.selection()) {
            case "quality" -> Selection.QUALITY;
            case "cost" -> Selection.COST;
            default -> Selection.IN_ORDER;
        };
        return new ResiliencePolicy(RetryPolicy.from(config.retry()), BreakerPolicy.from(config.circuitBreaker()),
                config.rateLimits(), selection, config.qualityFloor() == null ? DEFAULTS.qualityFloor
                        : config.qualityFloor(), config.patienceSeconds() == null ? DEFAULT_PATIENCE
                        : java.time.Duration.ofSeconds(config.patienceSeconds()));
    }
}
