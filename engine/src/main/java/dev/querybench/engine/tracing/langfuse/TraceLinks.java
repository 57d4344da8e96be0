package dev.querybench.engine.tracing.langfuse;

import dev.querybench.engine.config.LangfuseConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.run.ItemResult;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run item's trace is in Langfuse's web interface:
 * {@code <host>/project/<project id>/traces/<trace id>}, with the same trace id the tracer gave
 * the item. Immutable.
 *
 * @param host the Langfuse server's base URL, without a trailing slash
 * @param projectId the project the workspace's keys belong to
 */
public record TraceLinks(URI host, String projectId) {

    private static final Logger LOG = LoggerFactory.getLogger(TraceLinks.class);

    public TraceLinks {
        Objects.requireNonNull(host, "host");
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalArgumentException("a Langfuse project id is needed for trace links");
        }
    }

    /** The web address of the trace of {@code item} in run {@code runId}. */
    public URI traceUrl(String runId, ItemResult item) {
        return URI.create(host + "/project/" + projectId + "/traces/" + LangfuseEvents.traceId(runId, item));
    }

    /**
     * Asks the workspace's Langfuse which project its keys belong to. Makes one HTTP request, so
     * call it off the UI thread.
     *
     * @return empty when the workspace traces nothing (no {@code langfuse:} section, or turned off)
     *     or when Langfuse cannot be asked (down, keys missing or refused); the reason is logged
     */
    public static Optional<TraceLinks> forWorkspace(Workspace workspace, SecretResolver secrets, Duration timeout) {
        LangfuseConfig config = workspace.config().langfuse();
        if (config == null || !config.enabledOrDefault()) {
            return Optional.empty();
        }
        try {
            Optional<LangfuseEndpoint> endpoint = LangfuseConnections.resolve(workspace, secrets);
            if (endpoint.isEmpty() || !endpoint.get().hasKeys()) {
                return Optional.empty();
            }
            return new LangfuseClient(endpoint.get(), timeout).projects().stream().findFirst()
                    .map(project -> new TraceLinks(endpoint.get().host(), project.id()));
        } catch (QueryBenchException e) {
            LOG.info("No links to Langfuse traces: {}", e.error().describe());
            return Optional.empty();
        }
    }
}
