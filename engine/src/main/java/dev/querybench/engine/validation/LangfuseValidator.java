package dev.querybench.engine.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.tracing.langfuse.IngestionResult;
import dev.querybench.engine.tracing.langfuse.LangfuseClient;
import dev.querybench.engine.tracing.langfuse.LangfuseConnections;
import dev.querybench.engine.tracing.langfuse.LangfuseEndpoint;
import dev.querybench.engine.tracing.langfuse.LangfuseException;
import dev.querybench.engine.tracing.langfuse.LangfuseHealth;
import dev.querybench.engine.tracing.langfuse.LangfuseProject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks a Langfuse connection step by step, each step its own checklist line with a remedy:
 * health endpoint, authentication (the projects endpoint with the public and secret key), project
 * access, and a trace round trip (one trace sent through ingestion, then read back, polling while
 * Langfuse's worker processes it). A step that cannot run because an earlier one failed is
 * reported as not checked. Thread-safe.
 */
public final class LangfuseValidator {

    public static final String HEALTH = "Langfuse health";
    public static final String AUTHENTICATION = "Langfuse authentication";
    public static final String PROJECT = "Langfuse project access";
    public static final String ROUND_TRIP = "Langfuse trace round trip";
    public static final String CONFIGURATION = "Langfuse configuration";

    private final Duration pollLimit;
    private final Duration pollInterval;
    private final Clock clock;

    /**
     * @param pollLimit how long to wait for the test trace to become readable
     * @param pollInterval pause between reads
     * @param clock time source for the test trace
     */
    public LangfuseValidator(Duration pollLimit, Duration pollInterval, Clock clock) {
        this.pollLimit = pollLimit;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    /** Interactive defaults: read the trace back for up to 30 seconds. */
    public static LangfuseValidator withDefaults(Clock clock) {
        return new LangfuseValidator(Duration.ofSeconds(30), Duration.ofMillis(500), clock);
    }

    /** The workspace's {@code langfuse:} section, then {@link #validateConnection} when it resolves. */
    public List<CheckResult> validateWorkspace(Workspace workspace, SecretResolver secrets, Duration timeout) {
        List<CheckResult> results = new ArrayList<>();
        Optional<LangfuseEndpoint> endpoint;
        try {
            endpoint = LangfuseConnections.resolve(workspace, secrets);
        } catch (QueryBenchException e) {
            results.add(CheckResult.fail(CONFIGURATION, e.error().message(), e.error().remedy()));
            return results;
        }
        if (endpoint.isEmpty()) {
            results.add(CheckResult.fail(CONFIGURATION, "querybench.yaml has no langfuse: section",
                    "run querybench langfuse setup, or add langfuse: {host: …, publicKey: {env: …},"
                            + " secretKey: {env: …}}"));
            return results;
        }
        String state = workspace.config().langfuse().enabledOrDefault() ? "" : " (tracing is disabled: enabled: false)";
        results.add(CheckResult.ok(CONFIGURATION, endpoint.get().host() + ", public key "
                + endpoint.get().publicKey() + state));
        results.addAll(validateConnection(new LangfuseClient(endpoint.get(), timeout)));
        return results;
    }

    /** The four steps against one server. */
    public List<CheckResult> validateConnection(LangfuseClient client) {
        List<CheckResult> results = new ArrayList<>();
        String host = client.endpoint().host().toString();
        try {
            LangfuseHealth health = client.health();
            if (!health.ok()) {
                results.add(CheckResult.fail(HEALTH, host + " reports status " + health.status(),
                        "check the Langfuse containers: docker compose ps, docker compose logs langfuse-web"));
                return notChecked(results, "Langfuse is not healthy");
            }
            results.add(CheckResult.ok(HEALTH, "Langfuse " + health.version() + " at " + host + " answered in "
                    + health.latency().toMillis() + " ms"));
        } catch (LangfuseException e) {
            results.add(CheckResult.fail(HEALTH, e.getMessage(), e.status() == 0
                    ? "start Langfuse (querybench langfuse setup writes and starts one) and check langfuse.host"
                    : "check the Langfuse containers: docker compose ps, docker compose logs langfuse-web"));
            return notChecked(results, "Langfuse did not answer");
        }
        List<LangfuseProject> projects;
        try {
            projects = client.projects();
            results.add(CheckResult.ok(AUTHENTICATION, "the keys were accepted (public key "
                    + client.endpoint().publicKey() + ")"));
        } catch (LangfuseException e) {
            String remedy = e.status() == 401
                    ? "copy the project's public and secret key from Langfuse (project settings, API keys) into the"
                            + " variables that langfuse.publicKey and langfuse.secretKey name"
                    : e.error().remedy();
            results.add(CheckResult.fail(AUTHENTICATION, e.getMessage(), remedy));
            return notChecked(results, "the keys were not accepted");
        }
        if (projects.isEmpty()) {
            results.add(CheckResult.fail(PROJECT, "the keys give access to no project",
                    "use project-scoped API keys (organisation keys cannot write traces)"));
            results.add(CheckResult.warn(ROUND_TRIP, "not checked: no project", "fix the project access first"));
            return results;
        }
        LangfuseProject project = projects.getFirst();
        results.add(CheckResult.ok(PROJECT, "project " + project.name() + " (" + project.id() + ")"
                + (project.organizationName().isEmpty() ? "" : " of " + project.organizationName())));
        results.add(roundTrip(client));
        return results;
    }

    private CheckResult roundTrip(LangfuseClient client) {
        ObjectMapper json = new ObjectMapper();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        ObjectNode event = json.createObjectNode();
        event.put("id", UUID.randomUUID().toString());
        event.put("timestamp", clock.instant().toString());
        event.put("type", "trace-create");
        ObjectNode body = event.putObject("body");
        body.put("id", traceId);
        body.put("timestamp", clock.instant().toString());
        body.put("name", "querybench-connection-check");
        body.putArray("tags").add("querybench").add("validation");
        body.putObject("metadata").put("purpose", "querybench langfuse validate");
        long start = System.nanoTime();
        try {
            IngestionResult result = client.ingest(List.of(event));
            if (!result.errors().isEmpty()) {
                IngestionResult.EventError error = result.errors().getFirst();
                return CheckResult.fail(ROUND_TRIP, "ingestion refused the test trace (HTTP " + error.status() + "): "
                        + error.message(), "check Langfuse's logs (docker compose logs langfuse-web)");
            }
            long deadline = System.nanoTime() + pollLimit.toNanos();
            while (true) {
                if (client.trace(traceId).isPresent()) {
                    return CheckResult.ok(ROUND_TRIP, "trace " + traceId + " written and read back in "
                            + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
                }
                if (System.nanoTime() > deadline) {
                    return CheckResult.fail(ROUND_TRIP, "the test trace was accepted but could not be read back within "
                                    + pollLimit.toSeconds() + " s",
                            "Langfuse's worker writes traces: check that langfuse-worker runs (docker compose ps)"
                                    + " and its logs, and that ClickHouse and MinIO are healthy");
                }
                Thread.sleep(pollInterval);
            }
        } catch (LangfuseException e) {
            return CheckResult.fail(ROUND_TRIP, e.getMessage(), e.error().remedy());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail(ROUND_TRIP, "interrupted", "run the check again");
        }
    }

    private static List<CheckResult> notChecked(List<CheckResult> results, String because) {
        for (String step : List.of(AUTHENTICATION, PROJECT, ROUND_TRIP)) {
            if (results.stream().noneMatch(r -> r.name().equals(step))) {
                results.add(CheckResult.warn(step, "not checked: " + because, "fix the step above first"));
            }
        }
        return results;
    }
}
