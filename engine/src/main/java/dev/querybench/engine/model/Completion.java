package dev.querybench.engine.model;

import java.time.Duration;

/**
 * One model answer.
 *
 * @param text the answer text
 * @param usage token usage
 * @param latency wall-clock time of the call
 * @param finishReason why generation stopped, as the provider said (e.g. STOP, LENGTH)
 * @param modelId the model id the provider reports having used
 */
public record Completion(String text, Usage usage, Duration latency, String finishReason, String modelId) {

    public Completion {
        text = text == null ? "" : text;
        usage = usage == null ? Usage.NONE : usage;
        finishReason = finishReason == null ? "" : finishReason;
        modelId = modelId == null ? "" : modelId;
    }
}
