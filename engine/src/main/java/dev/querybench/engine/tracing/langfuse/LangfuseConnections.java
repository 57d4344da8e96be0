package dev.querybench.engine.tracing.langfuse;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.LangfuseConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a workspace's {@code langfuse:} section into an endpoint with keys: each key reference is
 * looked up in the process environment first, then in the section's env file. Stateless.
 */
public final class LangfuseConnections {

    private LangfuseConnections() {}

    /**
     * The workspace's Langfuse endpoint.
     *
     * @return empty when the workspace has no {@code langfuse:} section
     * @throws ConfigException when the section is there but a key cannot be found or the host is invalid
     */
    public static Optional<LangfuseEndpoint> resolve(Workspace workspace, SecretResolver secrets) {
        LangfuseConfig config = workspace.config().langfuse();
        if (config == null) {
            return Optional.empty();
        }
        SecretResolver withFile = secrets;
        if (config.envFile() != null && !config.envFile().isBlank()) {
            Map<String, String> fromFile = new HashMap<>(EnvFile.read(workspace.resolve(config.envFile())));
            fromFile.putAll(environmentOf(secrets, config));
            withFile = new SecretResolver(fromFile);
        }
        String publicKey = key(withFile, config.publicKey(), "publicKey", config);
        String secretKey = key(withFile, config.secretKey(), "secretKey", config);
        try {
            return Optional.of(LangfuseEndpoint.of(config.hostOrDefault(), publicKey, secretKey));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("querybench.yaml, langfuse.host: " + e.getMessage(),
                    "write the server's base URL, such as " + LangfuseConfig.DEFAULT_HOST, e);
        }
    }

    /** The process environment's values of the referenced variables (they win over the env file). */
    private static Map<String, String> environmentOf(SecretResolver secrets, LangfuseConfig config) {
        Map<String, String> values = new HashMap<>();
        for (SecretRef ref : new SecretRef[] {config.publicKey(), config.secretKey()}) {
            if (ref != null && ref.env() != null) {
                secrets.resolve(ref).ifPresent(v -> values.put(ref.env(), v));
            }
        }
        return values;
    }

    private static String key(SecretResolver secrets, SecretRef ref, String field, LangfuseConfig config) {
        if (ref == null) {
            throw new ConfigException("querybench.yaml: langfuse." + field + " is missing",
                    "add " + field + ": {env: LANGFUSE_" + (field.equals("publicKey") ? "PUBLIC" : "SECRET")
                            + "_KEY} (or run querybench langfuse setup)", null);
        }
        return secrets.resolve(ref).orElseThrow(() -> new ConfigException(
                "the Langfuse " + field + " is not set: " + ref.describe() + " is empty"
                        + (config.envFile() == null ? "" : " and " + config.envFile() + " does not define it"),
                ref.howToSet() + ", with the project's "
                        + (field.equals("publicKey") ? "public (pk-lf-…)" : "secret (sk-lf-…)") + " key", null));
    }
}
