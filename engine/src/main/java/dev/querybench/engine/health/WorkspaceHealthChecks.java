package dev.querybench.engine.health;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.tracing.langfuse.LangfuseClient;
import dev.querybench.engine.tracing.langfuse.LangfuseConnections;
import dev.querybench.engine.tracing.langfuse.LangfuseEndpoint;
import dev.querybench.engine.tracing.langfuse.LangfuseHealth;
import dev.querybench.engine.validation.CheckResult;
import dev.querybench.engine.validation.ModelEndpointValidator;
import dev.querybench.engine.validation.ValidationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every endpoint a workspace depends on as a {@link HealthCheck}: its database (a trivial query
 * through the safe executor), each model profile (the provider's model list) and Langfuse when
 * the workspace uses it (its health endpoint). Stateless.
 */
public final class WorkspaceHealthChecks {

    private WorkspaceHealthChecks() {}

    /**
     * @param executor the workspace session's safe executor
     * @param timeout how long one probe may take
     */
    public static List<HealthCheck> of(Workspace workspace, SafeExecutor executor, SecretResolver secrets,
            ModelEndpointValidator validator, Duration timeout) {
        return of(workspace, executor, secrets, validator, timeout, List.of());
    }

    /**
     * The workspace's endpoints and also {@code extraModels}, such as a model given on the command
     * line ({@link dev.querybench.engine.session.WorkspaceSession#modelProfile}); an extra model the
     * same as a workspace profile is checked once.
     */
    public static List<HealthCheck> of(Workspace workspace, SafeExecutor executor, SecretResolver secrets,
            ModelEndpointValidator validator, Duration timeout, List<ModelConfig> extraModels) {
        List<HealthCheck> checks = new ArrayList<>();
        checks.add(database("Database " + workspace.config().database().nameOrDefault(), executor, timeout));
        for (ModelConfig model : workspace.config().models()) {
            checks.add(HealthCheck.of(model, secrets, validator, null));
        }
        for (ModelConfig model : extraModels) {
            if (!workspace.config().models().contains(model)) {
                checks.add(HealthCheck.of(model, secrets, validator, null));
            }
        }
        Optional<LangfuseEndpoint> langfuse;
        try {
            langfuse = workspace.config().langfuse() == null ? Optional.empty()
                    : LangfuseConnections.resolve(workspace, secrets);
        } catch (QueryBenchException e) {
            checks.add(new HealthCheck("Langfuse", () -> ValidationResult.failed("Langfuse", Duration.ZERO, e.error()),
                    null));
            return checks;
        }
        langfuse.ifPresent(endpoint -> checks.add(langfuse(endpoint, timeout)));
        return checks;
    }

    /** {@code SELECT 1} through the safe executor, timed. */
    public static HealthCheck database(String name, SafeExecutor executor, Duration timeout) {
        QueryLimits limits = new QueryLimits(timeout, 1);
        return new HealthCheck(name, () -> {
            long start = System.nanoTime();
            try {
                executor.execute("SELECT 1", limits);
                Duration latency = Duration.ofNanos(System.nanoTime() - start);
                return new ValidationResult(name, CheckResult.Status.OK, "answered in " + latency.toMillis() + " ms",
                        latency, List.of(), null);
            } catch (QueryExecutionException e) {
                return ValidationResult.failed(name, Duration.ofNanos(System.nanoTime() - start), ErrorResponse.of(
                        ErrorCategory.NETWORK, e.getMessage(), "check that the database server is running and reachable"));
            }
        }, null);
    }

    /** Langfuse's health endpoint. */
    public static HealthCheck langfuse(LangfuseEndpoint endpoint, Duration timeout) {
        LangfuseClient client = new LangfuseClient(endpoint, timeout);
        return new HealthCheck("Langfuse", () -> {
            long start = System.nanoTime();
            try {
                LangfuseHealth health = client.health();
                return health.ok() ? new ValidationResult("Langfuse", CheckResult.Status.OK, "version "
                        + health.version(), health.latency(), List.of(), null)
                        : ValidationResult.failed("Langfuse", health.latency(), ErrorResponse.of(ErrorCategory.SERVER,
                                "Langfuse reports status " + health.status(), "look at the Langfuse server's logs"));
            } catch (QueryBenchException e) {
                return ValidationResult.failed("Langfuse", Duration.ofNanos(System.nanoTime() - start), e.error());
            }
        }, null);
    }
}
