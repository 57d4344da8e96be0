package dev.querybench.engine.config;

import java.util.Map;

/**
 * How model calls survive a provider's bad minutes: retries, circuit breakers, rate limits and
 * the choice among a profile's fallback chain. Every part is optional.
 *
 * @param retry retry settings, or null for the defaults
 * @param circuitBreaker circuit-breaker settings, or null for the defaults
 * @param rateLimits requests per minute by provider id ({@code openai}, {@code gemini}, …); unlisted providers
 *     are not limited
 * @param selection which model of a chain is asked first: {@code in-order} (default), {@code quality} (best
 *     accuracy so far in the run among healthy models) or {@code cost} (cheapest healthy model above
 *     {@code qualityFloor})
 * @param qualityFloor the accuracy a model must keep to be chosen by {@code cost} selection (default 0.6)
 * @param patienceSeconds how long a run waits, without a single answer from a model's chain, for rate limits
 *     to lift and open circuit breakers to let a trial call through before its waiting items are left
 *     unanswered (default 300)
 */
public record ResilienceConfig(RetrySettings retry, BreakerSettings circuitBreaker, Map<String, Integer> rateLimits,
        String selection, Double qualityFloor, Long patienceSeconds) {

    public static final ResilienceConfig DEFAULTS = new ResilienceConfig(null, null, null, null, null, null);

    /** Settings without a patience of their own (the default). */
    public ResilienceConfig(RetrySettings retry, BreakerSettings circuitBreaker, Map<String, Integer> rateLimits,
            String selection, Double qualityFloor) {
        this(retry, circuitBreaker, rateLimits, selection, qualityFloor, null);
    }

    public ResilienceConfig {
        rateLimits = rateLimits == null ? Map.of() : Map.copyOf(rateLimits);
    }
}
