package dev.querybench.engine.model.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What makes two calls the same call: provider, model, endpoint, generation parameters and the
 * prompt (kept only as its SHA-256). The key never contains a secret.
 *
 * @param provider provider id
 * @param model the model as configured
 * @param parameters endpoint and generation parameters, canonically written (see {@link #parameters(String, double, int)})
 * @param promptSha256 hex SHA-256 of the prompt
 */
public record CacheKey(String provider, String model, String parameters, String promptSha256) {

    public CacheKey {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(promptSha256, "promptSha256");
    }

    /** The key of {@code prompt} sent to a model with these parameters. */
    public static CacheKey of(String provider, String model, String parameters, String prompt) {
        return new CacheKey(provider, model, parameters, sha256(prompt));
    }

    /** Endpoint and generation parameters written the same way every time. */
    public static String parameters(String baseUrl, double temperature, int maxTokens) {
        return "baseUrl=" + (baseUrl == null ? "" : baseUrl) + ";temperature=" + temperature + ";maxTokens=" + maxTokens;
    }

    /** The digest the cache stores the answer under. */
    public String digest() {
        return sha256(provider + "\n" + model + "\n" + parameters + "\n" + promptSha256);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
