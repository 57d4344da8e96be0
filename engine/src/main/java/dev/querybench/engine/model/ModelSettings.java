package dev.querybench.engine.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a model and how it should generate: one model profile's connection and
 * generation parameters, resolved (the key is the secret itself, never written anywhere).
 *
 * @param baseUrl endpoint, or null for the provider's default
 * @param apiKey the key, or null when the endpoint needs none
 * @param temperature sampling temperature
 * @param maxTokens answer length limit in tokens
 * @param timeout per-call timeout
 */
public record ModelSettings(String baseUrl, String apiKey, double temperature, int maxTokens, Duration timeout) {

    public ModelSettings {
        Objects.requireNonNull(timeout, "timeout");
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
        baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
    }

    /** The base URL, or {@code fallback} when none is set. */
    public String baseUrlOr(String fallback) {
        return baseUrl == null ? fallback : baseUrl;
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "ModelSettings[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "****") + ", temperature="
                + temperature + ", maxTokens=" + maxTokens + ", timeout=" + timeout + "]";
    }
}
