package dev.querybench.engine.tracing.langfuse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One Langfuse request waiting to be sent: an ingestion event (path {@link LangfuseClient#INGESTION}, body
 * is the event; events are sent together in batches) or a JSON {@code POST} to another endpoint.
 *
 * @param path the endpoint's path
 * @param body the event or request body
 * @param attempts how often it was sent and refused with a retryable error
 */
public record Outgoing(String path, ObjectNode body, int attempts) {

    public Outgoing {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
    }

    public static Outgoing event(ObjectNode event) {
        return new Outgoing(LangfuseClient.INGESTION, event, 0);
    }

    /** A JSON {@code POST} of {@code body} to {@code path}. */
    public static Outgoing post(String path, ObjectNode body) {
        return new Outgoing(path, body, 0);
    }

    public boolean isEvent() {
        return LangfuseClient.INGESTION.equals(path);
    }

    /** The envelope id of an ingestion event. */
    String eventId() {
        return body.path("id").asText();
    }

    Outgoing retried() {
        return new Outgoing(path, body, attempts + 1);
    }
}
