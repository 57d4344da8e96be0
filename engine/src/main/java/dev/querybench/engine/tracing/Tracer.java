package dev.querybench.engine.tracing;

/**
 * Receives what a run did, item by item, for an observability backend such as Langfuse.
 *
 * <p>Called on the run's hot path from worker threads, possibly at once: implementations must be
 * thread-safe, must return quickly (queue the work, never wait for a network) and must never
 * throw — an unreachable backend may not slow or fail a run. {@link #NONE} does nothing.
 */
public interface Tracer extends AutoCloseable {

    /** The tracer used when tracing is off: it ignores everything. */
    Tracer NONE = new Tracer() { };

    /** A run (new or resumed) began. */
    default void runStarted(TracedRun run) { }

    /** One item of the run finished; called once per item evaluated in this attempt. */
    default void itemFinished(TracedItem item) { }

    /** What the tracer has done so far, for status lines. */
    default TracerStats stats() {
        return TracerStats.EMPTY;
    }

    /**
     * Sends what can be sent within a short grace period and keeps the rest for later (the
     * Langfuse tracer keeps it on disk). Never throws.
     */
    @Override
    default void close() { }
}
