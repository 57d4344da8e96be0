package dev.querybench.engine.tracing;

/**
 * Counters of a tracer since it started.
 *
 * @param queued events handed to the tracer
 * @param sent events the backend accepted (other requests, such as dataset links, are not counted here)
 * @param rejected events the backend refused for good (logged with the reason)
 * @param retried events sent again after a retryable per-event error
 * @param waiting events kept on disk until the backend is reachable
 * @param dropped events given up locally (the oldest, when the disk queue reached its size limit)
 * @param reachable whether the last attempt to reach the backend succeeded
 */
public record TracerStats(long queued, long sent, long rejected, long retried, long waiting, long dropped,
        boolean reachable) {

    public static final TracerStats EMPTY = new TracerStats(0, 0, 0, 0, 0, 0, true);
}
