package dev.querybench.engine.tracing.langfuse;

import java.util.List;

/**
 * Langfuse's per-event answer to an ingestion batch (HTTP 207).
 *
 * @param successes ids of accepted events
 * @param errors refused events
 */
public record IngestionResult(List<String> successes, List<EventError> errors) {

    public IngestionResult {
        successes = List.copyOf(successes);
        errors = List.copyOf(errors);
    }

    /**
     * One refused event.
     *
     * @param id the event's envelope id
     * @param status HTTP-like status Langfuse gave it
     * @param message why, as Langfuse said (may be empty)
     */
    public record EventError(String id, int status, String message) {

        /** A server-side or rate-limit failure that may pass when sent again. */
        public boolean retryable() {
            return status == 429 || status >= 500;
        }
    }
}
