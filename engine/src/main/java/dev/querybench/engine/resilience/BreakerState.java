package dev.querybench.engine.resilience;

/** The state of an endpoint's circuit breaker, as health views show it. */
public enum BreakerState {
    /** Calls go through. */
    CLOSED,
    /** A few trial calls decide whether the endpoint is back. */
    HALF_OPEN,
    /** Calls are refused without being sent, until the open period ends. */
    OPEN
}
