package dev.querybench.engine.health;

/**
 * An endpoint's state changed.
 *
 * @param previous the status before, or null for the endpoint's first check
 * @param current the status now
 */
public record HealthEvent(HealthStatus previous, HealthStatus current) {

    /** The state before, or null for the first check. */
    public HealthState from() {
        return previous == null ? null : previous.state();
    }

    public HealthState to() {
        return current.state();
    }
}
