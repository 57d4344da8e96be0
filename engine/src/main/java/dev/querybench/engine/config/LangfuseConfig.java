package dev.querybench.engine.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The optional {@code langfuse:} section of {@code querybench.yaml}: where a Langfuse server is and
 * which secret references hold its project keys. Keys are only ever referenced; the values live in
 * the environment or in the env file that {@code querybench langfuse setup} writes. Immutable.
 *
 * @param host base URL of the Langfuse server, such as {@code http://localhost:3000}; null for that default
 * @param publicKey reference to the project's public key ({@code pk-lf-…})
 * @param secretKey reference to the project's secret key ({@code sk-lf-…})
 * @param envFile an env file (relative to the workspace) consulted for {@code env} references the
 *     process environment does not define; null when there is none
 * @param enabled whether runs are traced; null means yes
 * @param datasetRuns whether runs push the dataset and link each item to its dataset item; null means yes
 * @param outboxMegabytes most megabytes of events kept on disk while Langfuse cannot be reached (the oldest are
 *     dropped, with a warning, to make room); null means 64
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LangfuseConfig(
        String host, SecretRef publicKey, SecretRef secretKey, String envFile, Boolean enabled, Boolean datasetRuns,
        Integer outboxMegabytes) {

    /** Settings with the default outbox size. */
    public LangfuseConfig(String host, SecretRef publicKey, SecretRef secretKey, String envFile, Boolean enabled,
            Boolean datasetRuns) {
        this(host, publicKey, secretKey, envFile, enabled, datasetRuns, null);
    }

    /** The outbox's size limit in bytes. */
    public long outboxBytesOrDefault() {
        return (outboxMegabytes == null || outboxMegabytes < 1 ? 64L : outboxMegabytes) * 1024 * 1024;
    }

    public static final String DEFAULT_HOST = "http://localhost:3000";

    public String hostOrDefault() {
        return host == null || host.isBlank() ? DEFAULT_HOST : host;
    }

    public boolean enabledOrDefault() {
        return enabled == null || enabled;
    }

    public boolean datasetRunsOrDefault() {
        return datasetRuns == null || datasetRuns;
    }
}
