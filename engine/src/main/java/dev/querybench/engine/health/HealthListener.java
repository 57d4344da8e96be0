package dev.querybench.engine.health;

/**
 * Told of every state change, for alerts and status views. Called on the monitor's thread:
 * implementations must be thread-safe and quick (hand slow work to another thread); an
 * exception from one listener does not stop the monitor or the other listeners.
 */
@FunctionalInterface
public interface HealthListener {

    void stateChanged(HealthEvent event);
}
