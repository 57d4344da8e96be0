package dev.querybench.engine.tracing.langfuse;

import java.time.Duration;

/**
 * How the Langfuse tracer batches, retries and keeps events.
 *
 * @param queueCapacity events held in memory before further ones go straight to disk
 * @param maxBatchEvents most events in one ingestion request
 * @param maxBatchBytes most bytes in one ingestion request (Langfuse accepts up to 3.5 MB)
 * @param flushInterval longest time an event waits in memory before it is sent
 * @param minBackoff first wait after Langfuse could not be reached
 * @param maxBackoff longest wait between attempts while it cannot be reached
 * @param maxAttempts how often an event refused with a retryable error (429, 5xx) is tried
 * @param closeGrace how long closing waits for sending before it keeps the rest on disk (the end of a run
 *     waits no longer for Langfuse)
 * @param maxSpillBytes most bytes kept on disk; beyond, the oldest events are dropped, counted and warned of
 * @param requestTimeout limit for each HTTP call
 */
public record LangfuseTracerSettings(int queueCapacity, int maxBatchEvents, int maxBatchBytes, Duration flushInterval,
        Duration minBackoff, Duration maxBackoff, int maxAttempts, Duration closeGrace, long maxSpillBytes,
        Duration requestTimeout) {

    public static final LangfuseTracerSettings DEFAULTS = new LangfuseTracerSettings(10_000, 100, 3_000_000,
            Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(30), 5, Duration.ofMillis(400),
            64L * 1024 * 1024, Duration.ofSeconds(10));

    public LangfuseTracerSettings {
        if (queueCapacity < 1 || maxBatchEvents < 1 || maxBatchBytes < 1024 || maxAttempts < 1) {
            throw new IllegalArgumentException("queue, batch and attempt limits must be positive");
        }
    }

    public LangfuseTracerSettings withBackoff(Duration min, Duration max) {
        return new LangfuseTracerSettings(queueCapacity, maxBatchEvents, maxBatchBytes, flushInterval, min, max,
                maxAttempts, closeGrace, maxSpillBytes, requestTimeout);
    }

    public LangfuseTracerSettings withFlushInterval(Duration interval) {
        return new LangfuseTracerSettings(queueCapacity, maxBatchEvents, maxBatchBytes, interval, minBackoff,
                maxBackoff, maxAttempts, closeGrace, maxSpillBytes, requestTimeout);
    }

    public LangfuseTracerSettings withCloseGrace(Duration grace) {
        return new LangfuseTracerSettings(queueCapacity, maxBatchEvents, maxBatchBytes, flushInterval, minBackoff,
                maxBackoff, maxAttempts, grace, maxSpillBytes, requestTimeout);
    }

    public LangfuseTracerSettings withQueueCapacity(int capacity) {
        return new LangfuseTracerSettings(capacity, maxBatchEvents, maxBatchBytes, flushInterval, minBackoff,
                maxBackoff, maxAttempts, closeGrace, maxSpillBytes, requestTimeout);
    }

    public LangfuseTracerSettings withMaxSpillBytes(long bytes) {
        return new LangfuseTracerSettings(queueCapacity, maxBatchEvents, maxBatchBytes, flushInterval, minBackoff,
                maxBackoff, maxAttempts, closeGrace, bytes, requestTimeout);
    }

    public LangfuseTracerSettings withRequestTimeout(Duration timeout) {
        return new LangfuseTracerSettings(queueCapacity, maxBatchEvents, maxBatchBytes, flushInterval, minBackoff,
                maxBackoff, maxAttempts, closeGrace, maxSpillBytes, timeout);
    }
}
