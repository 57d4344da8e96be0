package dev.querybench.engine.health;

import dev.querybench.engine.resilience.BreakerState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One check of one endpoint, with figures over its recent checks.
 *
 * @param endpoint the model profile's name
 * @param state up, degraded or down
 * @param checkedAt when the check ended
 * @param latency how long this check took
 * @param latencyP50 median latency of the recent successful checks (zero before any)
 * @param latencyP95 95th percentile latency of the recent successful checks (zero before any)
 * @param breaker the endpoint's circuit breaker as the session sees it
 * @param lastError the most recent failure's message, or empty when there was none yet
 * @param detail what this check found
 */
public record HealthStatus(String endpoint, HealthState state, Instant checkedAt, Duration latency,
        Duration latencyP50, Duration latencyP95, BreakerState breaker, String lastError, String detail) {

    public HealthStatus {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(state, "state");
        lastError = lastError == null ? "" : lastError;
        detail = detail == null ? "" : detail;
    }
}
