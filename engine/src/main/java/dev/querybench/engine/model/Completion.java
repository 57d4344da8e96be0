package dev.querybench.engine.model;

import java.time.Duration;

/**
 * One model answer.
 *
 * @param text the answer text
 * @param usage token usage
 * @param latency wall-clock time of the call that answered
 * @param finishReason why generation stopped, as the provider said (e.g. STOP, LENGTH)
 * @param modelId the model id the provider reports having used
 * @param provenance which model answered, after how many retries and fallbacks, and whether from the cache
 */
public record Completion(String text, Usage usage, Duration latency, String finishReason, String modelId,
        Provenance provenance) {

    public Completion {
        text = text == null ? "" : text;
        usage = usage == null ? Usage.NONE : usage;
        latency = latency == null ? Duration.ZERO : latency;
        finishReason = finishReason == null ? "" : finishReason;
        modelId = modelId == null ? "" : modelId;
        provenance = provenance == null ? Provenance.UNKNOWN : provenance;
    }

    /** An answer whose provenance is not known. */
    public Completion(String text, Usage usage, Duration latency, String finishReason, String modelId) {
        this(text, usage, latency, finishReason, modelId, Provenance.UNKNOWN);
    }

    /** The same answer with another provenance. */
    public Completion withProvenance(Provenance newProvenance) {
        return new Completion(text, usage, latency, finishReason, modelId, newProvenance);
    }
}
