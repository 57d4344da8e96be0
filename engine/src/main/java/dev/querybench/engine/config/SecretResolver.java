package dev.querybench.engine.config;

import java.util.Map;
import java.util.Optional;

/**
 * Looks up the secret a {@link SecretRef} points at. The environment is passed in, so tests and
 * the app decide what the process sees. Thread-safe when the given map is not modified.
 */
public final class SecretResolver {

    private final Map<String, String> environment;

    public SecretResolver(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** A resolver that finds nothing, for checks that must not read secrets. */
    public static SecretResolver none() {
        return new SecretResolver(Map.of());
    }

    public static SecretResolver fromSystemEnvironment() {
        return new SecretResolver(System.getenv());
    }

    /** The secret, or empty when the reference is null or points at nothing. */
    public Optional<String> resolve(SecretRef ref) {
        if (ref == null || ref.env() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(environment.get(ref.env())).filter(v -> !v.isBlank());
    }
}
