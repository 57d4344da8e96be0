package dev.querybench.engine.tracing.langfuse;

import dev.querybench.engine.config.LangfuseConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.tracing.CostEstimator;
import dev.querybench.engine.tracing.RunTracing;
import dev.querybench.engine.tracing.Tracer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a workspace's {@link RunTracing}: a {@link LangfuseTracer} when the workspace has an
 * enabled {@code langfuse:} section whose keys resolve, otherwise no tracer (prompt versions are
 * recorded either way). A Langfuse problem never stops a run from starting: it is logged and the
 * run goes untraced. Stateless.
 */
public final class LangfuseTracing {

    private static final Logger LOG = LoggerFactory.getLogger(LangfuseTracing.class);

    /** Folder under the workspace's state folder where events wait for Langfuse. */
    public static final String OUTBOX = "langfuse/outbox";

    private LangfuseTracing() {}

    public static RunTracing forWorkspace(Workspace workspace, SecretResolver secrets, Clock clock) {
        return forWorkspace(workspace, secrets, clock, LangfuseTracerSettings.DEFAULTS, CostEstimator.NONE);
    }

    /**
     * Tracing for a workspace whose generations are priced from {@code prices} by the model that
     * really answered (Langfuse's {@code costDetails}).
     */
    public static RunTracing forWorkspace(Workspace workspace, SecretResolver secrets, Clock clock,
            dev.querybench.engine.config.PriceTable prices) {
        return forWorkspace(workspace, secrets, clock, LangfuseTracerSettings.DEFAULTS, priced(prices));
    }

    /**
     * Prices from a price table; the estimator's profile is read as the spec of the model that
     * answered ({@code openai:gpt-4o-mini}), as the item's provenance gives it.
     */
    static CostEstimator priced(dev.querybench.engine.config.PriceTable prices) {
        return (spec, modelId, usage) -> prices.price(spec).map(p -> new dev.querybench.engine.tracing.Cost(
                p.cost(new dev.querybench.engine.model.Usage(usage.inputTokens(), 0)).doubleValue(),
                p.cost(new dev.querybench.engine.model.Usage(0, usage.outputTokens())).doubleValue()));
    }

    public static RunTracing forWorkspace(Workspace workspace, SecretResolver secrets, Clock clock,
            LangfuseTracerSettings settings, CostEstimator costs) {
        Path prompts = workspace.resolve(workspace.config().prompts());
        Path runs = workspace.stateFolder().resolve("runs");
        Tracer tracer = tracer(workspace, secrets, clock, settings).orElse(Tracer.NONE);
        return new RunTracing(tracer, new PromptFileLinks(prompts), costs, runs, clock);
    }

    private static Optional<Tracer> tracer(Workspace workspace, SecretResolver secrets, Clock clock,
            LangfuseTracerSettings settings) {
        LangfuseConfig config = workspace.config().langfuse();
        if (config == null || !config.enabledOrDefault()) {
            return Optional.empty();
        }
        try {
            Optional<LangfuseEndpoint> endpoint = LangfuseConnections.resolve(workspace, secrets);
            if (endpoint.isEmpty()) {
                return Optional.empty();
            }
            LangfuseClient client = new LangfuseClient(endpoint.get(), settings.requestTimeout());
            LangfuseTracerSettings bounded = settings.maxSpillBytes() == LangfuseTracerSettings.DEFAULTS.maxSpillBytes()
                    ? settings.withMaxSpillBytes(config.outboxBytesOrDefault()) : settings;
            return Optional.of(new LangfuseTracer(client, workspace.stateFolder().resolve(OUTBOX), bounded,
                    config.datasetRunsOrDefault() ? new DatasetRunItemsLinker() : null, clock));
        } catch (QueryBenchException e) {
            LOG.warn("Langfuse tracing is off for this run: {}", e.error().describe());
            return Optional.empty();
        }
    }
}
