package dev.querybench.engine.model;

/**
 * Tokens a call consumed, as the provider reported them (0 when it reported none).
 *
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 */
public record Usage(long inputTokens, long outputTokens) {

    public static final Usage NONE = new Usage(0, 0);

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
    }
}
