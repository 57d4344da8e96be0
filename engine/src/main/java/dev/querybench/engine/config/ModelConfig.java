package dev.querybench.engine.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A model profile: which model, where, and with which generation parameters.
 *
 * @param name profile name used in run settings and results
 * @param spec provider and model, such as {@code openai:gpt-4o-mini}
 * @param baseUrl endpoint override (any OpenAI-compatible server), or null for the provider default
 * @param apiKey secret reference for the key, or null when the endpoint needs none
 * @param temperature sampling temperature, default 0
 * @param maxTokens answer length limit, default 1024
 * @param timeoutSeconds per-call timeout, default 60
 * @param fallback profiles asked in this order when this one fails or is unavailable (never null)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ModelConfig(
        String name, String spec, String baseUrl, SecretRef apiKey, Double temperature, Integer maxTokens,
        Integer timeoutSeconds, List<String> fallback) {

    public ModelConfig {
        fallback = fallback == null ? List.of() : List.copyOf(fallback);
    }

    /** A profile without a fallback chain. */
    public ModelConfig(String name, String spec, String baseUrl, SecretRef apiKey, Double temperature, Integer maxTokens,
            Integer timeoutSeconds) {
        this(name, spec, baseUrl, apiKey, temperature, maxTokens, timeoutSeconds, List.of());
    }

    public double temperatureOrDefault() {
        return temperature == null ? 0.0 : temperature;
    }

    public int maxTokensOrDefault() {
        return maxTokens == null ? 1024 : maxTokens;
    }

    public int timeoutSecondsOrDefault() {
        return timeoutSeconds == null ? 60 : timeoutSeconds;
    }

    /** The same profile talking to another endpoint. */
    public ModelConfig withBaseUrl(String url) {
        return new ModelConfig(name, spec, url, apiKey, temperature, maxTokens, timeoutSeconds, fallback);
    }
}
