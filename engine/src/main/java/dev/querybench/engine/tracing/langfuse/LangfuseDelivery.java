package dev.querybench.engine.tracing.langfuse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery attempt of {@link LangfuseTracer}'s waiting entries: runs of events as ingestion
 * batches within the batch limits, other requests (dataset items and links) one by one. Events a
 * 207 answer refuses with a retryable status, and dataset links that arrive before their item, come
 * back to be sent again a few times; an outage (no connection, 5xx, 429, refused keys) stops the
 * attempt and hands back everything not yet sent. Counts what was sent, refused and retried.
 * Thread-safe for one sender thread at a time; the counters may be read from any thread.
 */
final class LangfuseDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(LangfuseTracer.class);

    /** What one delivery attempt left over, and whether Langfuse could not be used at all. */
    record Result(List<Outgoing> remaining, boolean outage, String problem) {}

    private final LangfuseClient client;
    private final LangfuseTracerSettings settings;
    private final AtomicLong sent = new AtomicLong();
    /** Requests other than ingestion events (dataset items and links), counted apart from events. */
    private final AtomicLong sentRequests = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();

    LangfuseDelivery(LangfuseClient client, LangfuseTracerSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    long sent() {
        return sent.get();
    }

    long sentRequests() {
        return sentRequests.get();
    }

    long rejected() {
        return rejected.get();
    }

    long retried() {
        return retried.get();
    }

    /** Sends entries in order: runs of events as ingestion batches, other requests one by one. */
    Result deliver(List<Outgoing> entries) {
        List<Outgoing> remaining = new ArrayList<>();
        int i = 0;
        while (i < entries.size()) {
            if (entries.get(i).isEvent()) {
                List<Outgoing> batch = new ArrayList<>();
                int bytes = 0;
                while (i < entries.size() && entries.get(i).isEvent() && batch.size() < settings.maxBatchEvents()) {
                    int size = LangfuseEvents.size(entries.get(i).body());
                    if (!batch.isEmpty() && bytes + size > settings.maxBatchBytes()) {
                        break;
                    }
                    batch.add(entries.get(i));
                    bytes += size;
                    i++;
                }
                try {
                    IngestionResult result = client.ingest(batch.stream().map(o -> (JsonNode) o.body()).toList());
                    account(batch, result, remaining);
                } catch (LangfuseException e) {
                    if (blocksEverything(e) || e.status() == 404) {
                        remaining.addAll(batch);
                        remaining.addAll(entries.subList(i, entries.size()));
                        return new Result(remaining, true, e.getMessage());
                    }
                    rejected.addAndGet(batch.size());
                    LOG.warn("Langfuse refused a batch of {} events: {}", batch.size(), e.getMessage());
                }
            } else {
                Outgoing request = entries.get(i);
                i++;
                try {
                    client.post(request.path(), request.body());
                    sentRequests.incrementAndGet();
                } catch (LangfuseException e) {
                    if (blocksEverything(e)) {
                        remaining.add(request);
                        remaining.addAll(entries.subList(i, entries.size()));
                        return new Result(remaining, true, e.getMessage());
                    }
                    if ((e.status() == 404 || e.status() == 409) && request.attempts() + 1 < settings.maxAttempts()) {
                        // a dataset run item may arrive before its dataset item exists
                        remaining.add(request.retried());
                        retried.incrementAndGet();
                    } else {
                        rejected.incrementAndGet();
                        LOG.warn("Langfuse refused {}: {}", request.path(), e.getMessage());
                    }
                }
            }
        }
        return new Result(remaining, false, null);
    }

    private void account(List<Outgoing> batch, IngestionResult result, List<Outgoing> remaining) {
        Map<String, IngestionResult.EventError> errors = new HashMap<>();
        result.errors().forEach(e -> errors.put(e.id(), e));
        for (Outgoing event : batch) {
            IngestionResult.EventError error = errors.get(event.eventId());
            if (error == null) {
                sent.incrementAndGet();
            } else if (error.retryable() && event.attempts() + 1 < settings.maxAttempts()) {
                remaining.add(event.retried());
                retried.incrementAndGet();
            } else {
                rejected.incrementAndGet();
                LOG.warn("Langfuse refused {} event {} (HTTP {}): {}", event.body().path("type").asText(),
                        event.eventId(), error.status(), error.message());
            }
        }
    }

    /** Failures that say nothing about the events themselves: keep them all and try later. */
    private static boolean blocksEverything(LangfuseException e) {
        return e.transientFailure() || e.status() == 401 || e.status() == 403;
    }
}
