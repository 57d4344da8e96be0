package dev.querybench.engine.tracing.langfuse;

import static dev.querybench.engine.tracing.langfuse.LangfuseTestSupport.FAST;
import static dev.querybench.engine.tracing.langfuse.LangfuseTestSupport.SECRETS;
import static dev.querybench.engine.tracing.langfuse.LangfuseTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunPlan;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.session.RunRequest;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.LangfuseStandIn;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleScript;
import dev.querybench.engine.tracing.Cost;
import dev.querybench.engine.tracing.CostEstimator;
import dev.querybench.engine.tracing.RunTracing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sample run with tracing on, against the Langfuse stand-in: up, down, and coming back. */
class LangfuseTracedRunTest {

    private static final CostEstimator PRICE = (profile, modelId, usage) ->
            Optional.of(new Cost(usage.inputTokens() * 0.15e-6, usage.outputTokens() * 0.6e-6));

    @TempDir
    Path dir;
    OpenAiStub model;
    LangfuseStandIn langfuse;
    Workspace workspace;
    List<Question> questions;

    @BeforeEach
    void setUp() throws Exception {
        model = OpenAiStub.start();
        langfuse = LangfuseStandIn.start();
        workspace = LangfuseTestSupport.workspace(dir, langfuse.host());
        List<Question> all = workspace.dataset().questions();
        questions = all.subList(0, 12);
        SampleScript.answerGold(model, questions.subList(0, 7));
        SampleScript.answerWrong(model, questions.subList(7, 12));
    }

    @AfterEach
    void tearDown() {
        model.close();
        langfuse.close();
    }

    private RunResults run(RunTracing tracing) {
        try (WorkspaceSession session = WorkspaceSession.open(workspace, SECRETS, Clock.systemUTC(), tracing)) {
            return run(session);
        }
    }

    private RunResults run(WorkspaceSession session) {
        RunPlan plan = session.plan(new RunRequest(List.of(), List.of("openai:gpt-4o-mini"), model.baseUrl(), 4,
                questions.stream().map(Question::id).toList()));
        return session.run(plan, RunListener.NONE, new Cancellation());
    }

    private RunTracing tracing() {
        return LangfuseTracing.forWorkspace(workspace, SECRETS, Clock.systemUTC(), FAST, PRICE);
    }

    @Test
    void everyItemBecomesATraceWithItsGenerationUsageCostSpanAndScores() throws Exception {
        RunResults results = run(tracing());
        int items = results.items().size();
        assertThat(items).isEqualTo(12 * 2);

        await("all traces arrived", Duration.ofSeconds(10), () -> langfuse.events("score-create").size() == items);
        assertThat(langfuse.violations()).isEmpty();
        assertThat(langfuse.traces()).hasSize(items);
        Map<String, JsonNode> generations = byTrace("generation-create");
        Map<String, JsonNode> spans = byTrace("span-create");
        Map<String, JsonNode> scores = byTrace("score-create");
        for (ItemResult item : results.items()) {
            String traceId = LangfuseEvents.traceId(results.run().id(), item);
            JsonNode trace = langfuse.traces().get(traceId);
            assertThat(trace).as("trace of %s", item.key()).isNotNull();
            Question q = workspace.dataset().question(item.key().questionId()).orElseThrow();
            assertThat(trace.path("name").asText()).isEqualTo("querybench-item");
            assertThat(trace.path("input").path("question").asText()).isEqualTo(q.text());
            assertThat(trace.path("output").path("sql").asText()).isEqualTo(item.sql());
            JsonNode metadata = trace.path("metadata");
            assertThat(metadata.path("runId").asText()).isEqualTo(results.run().id());
            assertThat(metadata.path("variant").asText()).isEqualTo(item.key().variant());
            assertThat(metadata.path("model").asText()).isEqualTo("openai:gpt-4o-mini");
            assertThat(metadata.path("verdict").asText()).isEqualTo(item.outcome().name());
            assertThat(metadata.path("dataset").asText()).isEqualTo(workspace.dataset().name());

            JsonNode generation = generations.get(traceId).path("body");
            assertThat(generation.path("input").get(0).path("content").asText()).isEqualTo(item.prompt());
            assertThat(generation.path("output").asText()).isEqualTo(item.answer());
            assertThat(generation.path("model").asText()).isEqualTo(item.modelId());
            assertThat(generation.path("usageDetails").path("input").asLong()).isEqualTo(item.usage().inputTokens());
            assertThat(generation.path("usageDetails").path("output").asLong()).isEqualTo(item.usage().outputTokens());
            assertThat(generation.path("usageDetails").path("total").asLong()).isEqualTo(item.usage().totalTokens());
            double expectedCost = item.usage().inputTokens() * 0.15e-6 + item.usage().outputTokens() * 0.6e-6;
            assertThat(generation.path("costDetails").path("total").asDouble()).isCloseTo(expectedCost, within(1e-12));
            Instant genStart = Instant.parse(generation.path("startTime").asText());
            Instant genEnd = Instant.parse(generation.path("endTime").asText());
            assertThat(Duration.between(genStart, genEnd).toMillis()).isEqualTo(item.latencyMs());

            JsonNode span = spans.get(traceId).path("body");
            assertThat(span.path("name").asText()).isEqualTo("execute-sql");
            assertThat(Instant.parse(span.path("startTime").asText())).isAfterOrEqualTo(genEnd);
            assertThat(span.path("input").path("predictedSql").asText()).isEqualTo(item.sql());

            JsonNode score = scores.get(traceId).path("body");
            assertThat(score.path("name").asText()).isEqualTo("execution_match");
            assertThat(score.path("value").asDouble()).isEqualTo(item.outcome() == Outcome.PASS ? 1.0 : 0.0);
        }
        assertThat(results.items().stream().filter(i -> i.outcome() == Outcome.PASS)).hasSize(14);

        assertThat(langfuse.datasets()).containsKey(workspace.dataset().name());
        assertThat(langfuse.datasetItems()).hasSize(questions.size());
        await("run items linked", Duration.ofSeconds(5), () -> langfuse.runItems().size() == items);
        assertThat(langfuse.runItems().stream().map(r -> r.path("traceId").asText()).collect(Collectors.toSet()))
                .isEqualTo(langfuse.traces().keySet());
        assertThat(langfuse.runItems().stream().map(r -> r.path("datasetRunName").asText()).distinct())
                .hasSize(2);
        Path versions = workspace.stateFolder().resolve("runs").resolve(results.run().id())
                .resolve("prompt-versions.json");
        JsonNode recorded = new ObjectMapper().readTree(Files.readString(versions));
        assertThat(recorded.path("variants").path("ddl-basic").path("sha256").asText()).hasSize(64);
    }

    @Test
    void aWorkspaceSessionPricesItsGenerationsByTheModelThatAnswered() throws Exception {
        RunResults results;
        try (WorkspaceSession session = WorkspaceSession.open(workspace, SECRETS, Clock.systemUTC())) {
            results = run(session);
        }
        int items = results.items().size();
        await("all generations arrived", Duration.ofSeconds(10),
                () -> langfuse.events("generation-create").size() == items);
        var price = dev.querybench.engine.config.PriceTable.shipped().price("openai:gpt-4o-mini").orElseThrow();
        for (JsonNode event : langfuse.events("generation-create")) {
            JsonNode generation = event.path("body");
            long in = generation.path("usageDetails").path("input").asLong();
            long out = generation.path("usageDetails").path("output").asLong();
            assertThat(generation.path("costDetails").path("total").asDouble()).isCloseTo(
                    price.cost(new dev.querybench.engine.model.Usage(in, out)).doubleValue(), within(1e-12));
        }
    }

    @Test
    void aJudgedItemAlsoGetsTheJudgesScoreWithItsVerdictAndRationale() throws Exception {
        try (OpenAiStub judge = OpenAiStub.start().models("gpt-4o")) {
            judge.defaultAnswer("{\"verdict\": \"equivalent\", \"score\": 0.75, \"rationale\": \"Same rows.\"}");
            Path yaml = workspace.root().resolve("querybench.yaml");
            Files.writeString(yaml, Files.readString(yaml).replace("\nrun:\n", """

                      - name: judge-model
                        spec: openai:gpt-4o
                        baseUrl: %s
                    judge: {model: judge-model}
                    run:
                    """.formatted(judge.baseUrl())));
            workspace = new dev.querybench.engine.config.WorkspaceLoader().load(workspace.root());

            RunResults results = run(tracing());
            int items = results.items().size();
            await("both scores of every item arrived", Duration.ofSeconds(10),
                    () -> langfuse.events("score-create").size() == 2 * items);
            assertThat(langfuse.violations()).isEmpty();
            // Both variants often produce the same SQL, and the same judge prompt is answered from the cache.
            assertThat(judge.calls()).isBetween(1, items);
            assertThat(results.items()).allSatisfy(i -> assertThat(i.judge().decision().id()).isEqualTo("equivalent"));
            List<JsonNode> judgeScores = langfuse.events("score-create").stream().map(e -> e.path("body"))
                    .filter(b -> b.path("name").asText().equals("llm_judge")).toList();
            assertThat(judgeScores).hasSize(items).allSatisfy(score -> {
                assertThat(score.path("value").asDouble()).isEqualTo(0.75);
                assertThat(score.path("comment").asText()).isEqualTo("equivalent: Same rows.");
            });
            assertThat(judgeScores.stream().map(b -> b.path("traceId").asText()).collect(Collectors.toSet()))
                    .isEqualTo(langfuse.traces().keySet());
        }
    }

    @Test
    void withLangfuseDownTheRunIsAsFastAndEveryEventArrivesOnceItIsBack() throws Exception {
        run(RunTracing.none(Clock.systemUTC()));
        long untraced = timed(() -> run(RunTracing.none(Clock.systemUTC())));
        langfuse.down();
        RunTracing tracing = tracing();
        long traced;
        RunResults results;
        long closing;
        try (WorkspaceSession session = WorkspaceSession.open(workspace, SECRETS, Clock.systemUTC(), tracing)) {
            long start = System.nanoTime();
            results = run(session);
            traced = Duration.ofNanos(System.nanoTime() - start).toMillis();
            long closeStart = System.nanoTime();
            session.close();
            closing = Duration.ofNanos(System.nanoTime() - closeStart).toMillis();
        }
        assertThat(traced).as("traced %d ms vs untraced %d ms", traced, untraced).isLessThan(2 * untraced + 1_000);
        assertThat(closing).as("closing with Langfuse down").isLessThan(2_000);
        Path outbox = workspace.stateFolder().resolve(LangfuseTracing.OUTBOX);
        assertThat(Files.list(outbox)).isNotEmpty();
        assertThat(tracing.tracer().stats().waiting()).isPositive();
        assertThat(langfuse.events()).isEmpty();

        langfuse.up();
        int items = results.items().size();
        try (RunTracing next = tracing()) {
            await("the waiting events arrived", Duration.ofSeconds(15),
                    () -> langfuse.events("score-create").size() == items && langfuse.runItems().size() == items);
        }
        assertThat(langfuse.traces()).hasSize(items);
        assertThat(langfuse.events("generation-create")).hasSize(items);
        assertThat(langfuse.events("span-create")).hasSize(items);
        assertThat(langfuse.violations()).isEmpty();
        assertThat(Files.list(outbox).filter(p -> p.toString().endsWith(".json"))).isEmpty();
    }

    @Test
    void aLiveTracerDeliversEverythingWhenLangfuseComesBackDuringTheSession() throws Exception {
        langfuse.down();
        try (WorkspaceSession session = WorkspaceSession.open(workspace, SECRETS, Clock.systemUTC(), tracing())) {
            RunResults results = run(session);
            Thread.sleep(300);
            langfuse.up();
            int items = results.items().size();
            await("events arrived while the session is open", Duration.ofSeconds(15),
                    () -> langfuse.events("trace-create").size() == items);
        }
        assertThat(langfuse.violations()).isEmpty();
    }

    @Test
    void generationsNameThePromptVersionTheirVariantWasPushedAs() throws Exception {
        LangfuseClient client = new LangfuseClient(LangfuseTestSupport.endpoint(langfuse), Duration.ofSeconds(5));
        Path file = workspace.resolve(workspace.config().prompts()).resolve("ddl-basic.prompt");
        new LangfusePrompts(client).push(file, "sql/ddl-basic", List.of("production"), null);
        workspace = new dev.querybench.engine.config.WorkspaceLoader().load(workspace.root());
        RunResults results = run(tracing());
        await("all generations arrived", Duration.ofSeconds(10),
                () -> langfuse.events("generation-create").size() == results.items().size());
        for (JsonNode generation : langfuse.events("generation-create")) {
            JsonNode body = generation.path("body");
            if ("ddl-basic".equals(body.path("metadata").path("variant").asText())) {
                assertThat(body.path("promptName").asText()).isEqualTo("sql/ddl-basic");
                assertThat(body.path("promptVersion").asInt()).isEqualTo(1);
            } else {
                assertThat(body.has("promptName")).isFalse();
            }
        }
        JsonNode recorded = new ObjectMapper().readTree(Files.readString(workspace.stateFolder().resolve("runs")
                .resolve(results.run().id()).resolve("prompt-versions.json")));
        assertThat(recorded.path("variants").path("ddl-basic").path("langfuse").path("version").asInt()).isEqualTo(1);
        assertThat(recorded.path("variants").path("ddl-samples-hints").has("langfuse")).isFalse();
        assertThat(langfuse.violations()).isEmpty();
    }

    private Map<String, JsonNode> byTrace(String type) {
        Map<String, JsonNode> map = new HashMap<>();
        langfuse.events(type).forEach(e -> map.put(e.path("body").path("traceId").asText(), e));
        return map;
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
