package dev.querybench.engine.health;

/** How an endpoint is doing. */
public enum HealthState {
    /** It answers, quickly enough, and calls to it are not failing. */
    UP,
    /** It answers, but slowly, with rate limits, or its breaker is trying it again. */
    DEGRADED,
    /** It does not answer usefully, or its breaker is open. */
    DOWN
}
