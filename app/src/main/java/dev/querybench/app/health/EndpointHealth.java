package dev.querybench.app.health;

import java.util.List;
import java.util.Locale;

/**
 * One endpoint as the Health panel shows it.
 *
 * @param name the endpoint ("Database ridgeline", a model profile, "Langfuse")
 * @param state up, degraded, down or not checked
 * @param latencyText "p50 120 ms · p95 340 ms · last 98 ms"
 * @param breaker the circuit breaker's state ("closed", "open", "half open")
 * @param detail what the last check found
 * @param lastError the most recent failure, or blank
 * @param checkedAt "12:03:41", or blank
 * @param sparkline recent latencies in milliseconds, oldest first (a failed check is -1)
 */
public record EndpointHealth(String name, State state, String latencyText, String breaker, String detail,
        String lastError, String checkedAt, List<Double> sparkline) {

    public EndpointHealth {
        sparkline = List.copyOf(sparkline);
    }

    /** How an endpoint is doing. */
    public enum State {
        UNKNOWN, UP, DEGRADED, DOWN;

        public String styleClass() {
            return "health-" + name().toLowerCase(Locale.ROOT);
        }

        public String label() {
            return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        }
    }
}
