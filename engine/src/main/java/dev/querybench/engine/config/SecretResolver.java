package dev.querybench.engine.config;

import dev.querybench.engine.secrets.OsKeyring;
import dev.querybench.engine.secrets.SecretStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up the secret a {@link SecretRef} points at: an environment variable ({@code {env: NAME}})
 * or an OS keyring entry ({@code {keyring: NAME}}). The environment is passed in, so tests and
 * the app decide what the process sees; the keyring is asked only when a reference names it.
 * Thread-safe when the given map is not modified.
 */
public final class SecretResolver {

    private final Map<String, String> environment;
    private final SecretStore keyring;

    /** Resolves against {@code environment} and the OS keyring (QueryBench's home from {@code QUERYBENCH_HOME}). */
    public SecretResolver(Map<String, String> environment) {
        this(environment, new OsKeyring(home(environment)));
    }

    public SecretResolver(Map<String, String> environment, SecretStore keyring) {
        this.environment = Map.copyOf(environment);
        this.keyring = keyring;
    }

    /** A resolver that finds nothing, for checks that must not read secrets. */
    public static SecretResolver none() {
        return new SecretResolver(Map.of(), SecretStore.none());
    }

    public static SecretResolver fromSystemEnvironment() {
        return new SecretResolver(System.getenv());
    }

    /** QueryBench's home: {@code $QUERYBENCH_HOME}, else {@code ~/.querybench}. */
    public static Path home(Map<String, String> environment) {
        String home = environment.get("QUERYBENCH_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".querybench");
    }

    /**
     * The secret, or empty when the reference is null or points at nothing.
     *
     * @throws dev.querybench.engine.secrets.KeyringUnavailableException when a keyring reference
     *     cannot be looked up because no keyring service answers, naming the fix
     */
    public Optional<String> resolve(SecretRef ref) {
        if (ref == null) {
            return Optional.empty();
        }
        if (ref.env() != null) {
            return Optional.ofNullable(environment.get(ref.env())).filter(v -> !v.isBlank());
        }
        return ref.keyring() == null ? Optional.empty() : keyring.get(ref.keyring()).filter(v -> !v.isBlank());
    }

    /** The keyring this resolver reads, for commands that store secrets. */
    public SecretStore keyring() {
        return keyring;
    }
}
