package dev.querybench.engine.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.report.CsvResultsExporter;
import dev.querybench.engine.report.JsonResultsExporter;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.session.RunRequest;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.AnthropicStub;
import dev.querybench.engine.testing.Fault;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleFixture;
import dev.querybench.engine.testing.SampleScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs through a workspace whose primary model is flaky or down and whose fallback is
 * healthy: every item must be answered, with the retries and fallbacks it took in the results.
 */
class ResilientRunTest {

    private static final String KEY = "sk-ant-steady-0123456";
    private static final String STEADY_SPEC = "anthropic:claude-haiku-4-5";

    @TempDir
    Path dir;
    OpenAiStub flaky;
    AnthropicStub steady;

    @BeforeEach
    void startStubs() {
        flaky = OpenAiStub.start();
        steady = AnthropicStub.start().requireKey(KEY);
    }

    @AfterEach
    void stopStubs() {
        flaky.close();
        steady.close();
    }

    /** The sample workspace with a flaky primary, a steady fallback, fast retries and {@code breaker}. */
    private Workspace workspace(int questions, String retry, String breaker) throws Exception {
        Path root = SampleFixture.withQuestions(dir.resolve("ws"), questions, "resilience");
        Files.writeString(root.resolve("querybench.yaml"), """
                name: resilience
                database: {name: ridgeline, type: sqlite, path: .querybench/ridgeline.db, init: [db/schema.sql, db/data.sql]}
                dataset: dataset.yaml
                variants: [ddl-basic, ddl-samples-hints]
                models:
                  - {name: flaky, spec: "openai:gpt-4o-mini", baseUrl: "%s", timeoutSeconds: 1, fallback: [steady]}
                  - {name: steady, spec: "%s", baseUrl: "%s", apiKey: {env: ANTHROPIC_API_KEY}, timeoutSeconds: 5}
                resilience:
                  retry: %s
                  circuitBreaker: %s
                run: {models: [flaky], concurrency: 8}
                """.formatted(flaky.baseUrl(), STEADY_SPEC, steady.baseUrl(), retry, breaker));
        Workspace ws = new WorkspaceLoader().load(root);
        SampleScript.answerGold(flaky, ws.dataset().questions());
        SampleScript.answerGold(steady, ws.dataset().questions());
        return ws;
    }

    private WorkspaceSession open(Workspace ws) {
        return WorkspaceSession.open(ws, new SecretResolver(Map.of("ANTHROPIC_API_KEY", KEY)), Clock.systemUTC());
    }

    @Test
    void aTwoHundredItemRunWithThirtyPercentFailuresAnswersEveryItemWithBoundedRetries() throws Exception {
        Workspace ws = workspace(100, "{maxAttempts: 4, initialBackoffMillis: 5, maxBackoffMillis: 50,"
                + " maxRetryAfterMillis: 500}", "{failureRatePercent: 90, window: 50, minimumCalls: 50}");
        flaky.failRandomly(0.30, 20261123, Fault.rateLimited(Duration.ofMillis(20)), Fault.serverError(),
                Fault.slow(Duration.ofMillis(1500)));
        RunResults results;
        try (WorkspaceSession session = open(ws)) {
            results = session.run(session.plan(RunRequest.defaults()), RunListener.NONE, new Cancellation());
            assertThat(session.runStore().items(results.run().id())).extracting(i -> i.provenance().retries())
                    .containsExactlyInAnyOrderElementsOf(results.items().stream()
                            .map(i -> i.provenance().retries()).toList());
        }

        assertThat(results.complete()).isTrue();
        assertThat(results.items()).hasSize(200).allSatisfy(item -> {
            assertThat(item.error()).as(item.key().toString()).isNull();
            assertThat(item.answer()).isNotNull();
            assertThat(item.outcome()).isEqualTo(Outcome.PASS);
            assertThat(item.provenance().retries()).as("at most 3 retries per model, 2 models").isBetween(0, 6);
            assertThat(item.provenance().answeredBy())
                    .isEqualTo(item.provenance().fallbacks() > 0 ? STEADY_SPEC : "openai:gpt-4o-mini");
        });
        int retries = results.items().stream().mapToInt(i -> i.provenance().retries()).sum();
        int fallbacks = results.items().stream().mapToInt(i -> i.provenance().fallbacks()).sum();
        assertThat(retries).as("30% of calls failed, so there were retries").isGreaterThan(20);
        int calls = flaky.calls() + steady.calls();
        assertThat(calls).as("every call is one answer, one retry or one fallback")
                .isBetween(200 + retries, 200 + retries + fallbacks);

        Path out = dir.resolve("out");
        JsonNode doc = new ObjectMapper().readTree(new JsonResultsExporter().export(results, out).toFile());
        int jsonRetries = 0;
        for (JsonNode cell : doc.path("cells")) {
            jsonRetries += cell.path("retries").asInt();
            assertThat(cell.has("fallbacks")).isTrue();
            assertThat(cell.path("answeredBy").path("openai:gpt-4o-mini").asInt()).isPositive();
        }
        assertThat(jsonRetries).isEqualTo(retries);
        assertThat(doc.path("items").get(0).has("answeredBy")).isTrue();
        String csv = Files.readString(new CsvResultsExporter().export(results, out));
        assertThat(csv.lines().findFirst().orElseThrow()).contains("answered_by", "retries", "fallbacks");
    }

    @Test
    void withThePrimaryHardDownEveryItemIsAnsweredByTheSecondaryAndTheBreakerIsOpen() throws Exception {
        Workspace ws = workspace(54, "{maxAttempts: 2, initialBackoffMillis: 5, maxBackoffMillis: 20}",
                "{failureRatePercent: 50, window: 10, minimumCalls: 5, openMillis: 600000}");
        flaky.down(Fault.status(503));
        try (WorkspaceSession session = open(ws)) {
            RunResults results = session.run(session.plan(RunRequest.defaults()), RunListener.NONE, new Cancellation());
            assertThat(results.complete()).isTrue();
            assertThat(results.items()).hasSize(108).allSatisfy(item -> {
                assertThat(item.outcome()).isEqualTo(Outcome.PASS);
                assertThat(item.provenance().answeredBy()).isEqualTo(STEADY_SPEC);
                assertThat(item.provenance().fallbacks()).isOne();
            });
            Endpoint primary = session.endpoints().endpoints().stream().filter(e -> e.name().equals("flaky"))
                    .findFirst().orElseThrow();
            assertThat(primary.breakerState()).isEqualTo(BreakerState.OPEN);
            assertThat(flaky.calls()).as("once open, the breaker stops calls to the primary").isLessThan(40);
            assertThat(steady.calls()).isEqualTo(108);
            assertThat(results.cells()).allSatisfy(cell -> {
                assertThat(cell.fallbackItems()).isEqualTo(54);
                assertThat(cell.answeredBy()).containsOnlyKeys(STEADY_SPEC);
            });
            List<ItemResult> stored = session.runStore().items(results.run().id());
            assertThat(stored).allSatisfy(i -> assertThat(i.provenance().answeredBy()).isEqualTo(STEADY_SPEC));
        }
    }
}
