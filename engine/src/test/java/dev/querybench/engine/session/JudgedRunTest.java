package dev.querybench.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.ItemJudge;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.base.JudgeVerdict;
import dev.querybench.engine.evaluation.base.JudgeVerdict.Decision;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.model.Usage;
import dev.querybench.engine.report.ReportWriter;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.run.RunStore;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.stats.JudgeAgreement;
import dev.querybench.engine.testing.Fault;
import dev.querybench.engine.testing.OpenAiStub;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs with the LLM judge through {@link WorkspaceSession}, over real HTTP: the generating model
 * and the judge model are separate stubs, so every call can be counted for each.
 */
class JudgedRunTest {

    private static final String WRONG = "SELECT 'wrong' AS w";
    private static final String JUDGE_PROMPT_MARK = "You are reviewing a text-to-SQL system";

    @TempDir
    Path dir;
    OpenAiStub generator;
    OpenAiStub judge;
    Workspace workspace;
    List<Question> questions;

    @BeforeEach
    void setUp() throws Exception {
        generator = OpenAiStub.start();
        judge = OpenAiStub.start().models("gpt-4o");
        Path root = new SampleWorkspace().materialize(dir);
        Path config = root.resolve("querybench.yaml");
        String yaml = Files.readString(config);
        assertThat(yaml).contains("\nrun:\n");
        Files.writeString(config, yaml.replace("\nrun:\n", """

                  - name: judge-model
                    spec: openai:gpt-4o
                    baseUrl: %s
                judge: {model: judge-model}
                resilience: {retry: {maxAttempts: 1}}
                run:
                """.formatted(judge.baseUrl())));
        workspace = new WorkspaceLoader().load(root);
        questions = workspace.dataset().questions().subList(0, 6);
    }

    @AfterEach
    void tearDown() {
        generator.close();
        judge.close();
    }

    private WorkspaceSession open() {
        return WorkspaceSession.open(workspace, new SecretResolver(Map.of()), Clock.systemUTC());
    }

    private RunRequest request(OpenAiStub model) {
        return new RunRequest(List.of("ddl-basic"), List.of("openai:gpt-4o-mini"), model.baseUrl(), 4,
                questions.stream().map(Question::id).toList(), 1, false);
    }

    private String judgeKey(int i) {
        return "Question: " + questions.get(i).text() + "\n\nGold SQL:";
    }

    private static String verdict(String decision, double score, String rationale) {
        return "{\"verdict\": \"" + decision + "\", \"score\": " + score + ", \"rationale\": \"" + rationale + "\"}";
    }

    /** Gold for q0, q1, q4 and q5; a wrong query for q2 and q3. */
    private void scriptGeneration(OpenAiStub stub) {
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            stub.answerSql("Question: " + q.text(), i == 2 || i == 3 ? WRONG : q.primaryGold());
        }
    }

    /** Agrees on q0, q1, q3; calls the failed q2 equivalent and the passed q4 not; answers q5 malformed. */
    private void scriptJudge() {
        judge.answer(judgeKey(0), verdict("equivalent", 0.9, "Same count."));
        judge.answer(judgeKey(1), "```json\n" + verdict("equivalent", 1, "Identical query.") + "\n```");
        judge.answer(judgeKey(2), verdict("equivalent", 0.8, "Both answer the question; gold is too narrow."));
        judge.answer(judgeKey(3), verdict("not_equivalent", 0.1, "Returns a constant."));
        judge.answer(judgeKey(4), verdict("not_equivalent", 0.3, "Misses the date filter."));
        judge.answer(judgeKey(5), "They look the same to me.");
    }

    private static Map<String, ItemResult> byQuestion(List<ItemResult> items) {
        return items.stream().collect(Collectors.toMap(i -> i.key().questionId(), Function.identity()));
    }

    @Test
    void everyItemGetsTheJudgesVerdictWhichIsStoredCountedInTheCostAndReported() throws Exception {
        scriptGeneration(generator);
        scriptJudge();
        RunResults results;
        try (WorkspaceSession session = open()) {
            RunRequest request = request(generator);
            ItemJudge itemJudge = session.judge(request);
            assertThat(itemJudge.model()).isEqualTo("judge-model");
            results = session.run(session.plan(request), itemJudge, RunListener.NONE, new Cancellation());

            Map<String, ItemResult> items = byQuestion(results.items());
            List<Decision> decisions = questions.stream().map(q -> items.get(q.id()).judge().decision()).toList();
            assertThat(decisions).containsExactly(Decision.EQUIVALENT, Decision.EQUIVALENT, Decision.EQUIVALENT,
                    Decision.NOT_EQUIVALENT, Decision.NOT_EQUIVALENT, Decision.ERROR);
            assertThat(questions.stream().map(q -> items.get(q.id()).outcome()).toList()).containsExactly(
                    Outcome.PASS, Outcome.PASS, Outcome.FAIL, Outcome.FAIL, Outcome.PASS, Outcome.PASS);
            JudgeVerdict q2 = items.get(questions.get(2).id()).judge();
            assertThat(q2.rationale()).isEqualTo("Both answer the question; gold is too narrow.");
            assertThat(q2.score()).isEqualTo(0.8);
            assertThat(q2.model()).isEqualTo("judge-model");
            assertThat(q2.judge()).isEqualTo("llm-judge:judge-equivalence");
            assertThat(q2.provenance().answeredBy()).isEqualTo("openai:gpt-4o");

            // A malformed answer is asked once more, then kept as ERROR with the raw text.
            JudgeVerdict q5 = items.get(questions.get(5).id()).judge();
            assertThat(q5.rawAnswer()).isEqualTo("They look the same to me.");
            assertThat(q5.rationale()).contains("malformed twice");
            assertThat(judge.prompts().stream().filter(p -> p.contains(judgeKey(5)))).hasSize(2);
            assertThat(judge.calls()).isEqualTo(7);
            assertThat(generator.calls()).isEqualTo(6);
            assertThat(generator.prompts()).noneMatch(p -> p.contains(JUDGE_PROMPT_MARK));
            assertThat(judge.requests()).allSatisfy(r -> assertThat(r.body().path("model").asText()).isEqualTo("gpt-4o"));

            // The judge saw the question, both queries and samples of both results.
            String q2Prompt = judge.prompts().stream().filter(p -> p.contains(judgeKey(2))).findFirst().orElseThrow();
            assertThat(q2Prompt).contains(JUDGE_PROMPT_MARK, "Gold SQL:\n" + questions.get(2).primaryGold(),
                    "Predicted SQL:\n" + WRONG, "Predicted result (first rows):\nw\nwrong\n(1 rows)", "CREATE TABLE");

            // The judge's cost is its own model's price, counted in the run's total and shown apart.
            Usage judgeUsage = results.items().stream().map(i -> i.judge().usage()).reduce(Usage.NONE, Usage::plus);
            assertThat(judgeUsage.inputTokens()).isPositive();
            BigDecimal judgeCost = session.prices().cost("openai:gpt-4o", judgeUsage).orElseThrow();
            assertThat(results.judgeCost()).isEqualByComparingTo(judgeCost);
            assertThat(results.cost()).isEqualByComparingTo(results.generationCost().add(judgeCost));
            assertThat(results.generationCost()).isPositive();

            // Stored as it was returned, with the run's judge.
            assertThat(session.runStore().items(results.run().id())).containsExactlyInAnyOrderElementsOf(results.items());
            assertThat(session.runStore().judge(results.run().id()))
                    .contains(new RunStore.JudgeRef("judge-model", "judge-equivalence"));
        }

        JudgeAgreement.CellAgreement cell = new JudgeAgreement().cells(results.items()).getFirst();
        assertThat(cell.describe()).isEqualTo("judge agrees with execution on 3/5");
        assertThat(cell.failJudgedEquivalent()).containsExactly(questions.get(2).id());
        assertThat(cell.passJudgedNotEquivalent()).containsExactly(questions.get(4).id());
        assertThat(cell.errors()).isEqualTo(1);

        Path out = dir.resolve("out");
        new ReportWriter().write(results, out, List.of("json", "csv", "md", "html"));
        String md = Files.readString(out.resolve("summary.md"));
        assertThat(md).contains("judge agrees with execution on 3/5",
                "**1 execution failure the judge calls equivalent** (candidates for gold review)",
                questions.get(2).id() + "/ddl-basic/openai:gpt-4o-mini: Both answer the question; gold is too narrow.",
                "raw answer: They look the same to me.");
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(json.path("judge").path("failJudgedEquivalent").asInt()).isEqualTo(1);
        assertThat(json.path("judge").path("cells").get(0).path("agreed").asInt()).isEqualTo(3);
        assertThat(json.path("judgeCostUsd").decimalValue()).isEqualByComparingTo(results.judgeCost());
        JsonNode q2Item = json.path("items").get(2);
        assertThat(q2Item.path("questionId").asText()).isEqualTo(questions.get(2).id());
        assertThat(q2Item.path("judge").path("verdict").asText()).isEqualTo("equivalent");
        assertThat(q2Item.path("judge").path("rationale").asText()).startsWith("Both answer");
        String csv = Files.readString(out.resolve("results.csv"));
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(
                "judge_verdict,judge_score,judge_rationale,judge_raw_answer,judge_cost_usd,error_where,error_fix");
        assertThat(csv).contains("not_equivalent,0.3,\"Misses the date filter.\"");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(md).contains("| agreement | judge latency p50 / p95 |");
        assertThat(json.path("judge").path("cells").get(0).path("latencyP95Ms").asLong())
                .isEqualTo(cell.latencyP95Ms()).isGreaterThanOrEqualTo(cell.latencyP50Ms());
        assertThat(html).containsPattern("judge agrees with execution on 3/5</td><td>\\d+ ms / \\d+ ms</td>");
        assertThat(html).contains("judge agrees with execution on 3/5", "1 execution failure the judge calls equivalent",
                "gold is too narrow", "⚖✓", "data-j=\"not_equivalent\"");
    }

    @Test
    void aResumedRunAsksTheJudgeOnlyAboutItemsItHasNotJudged() {
        OpenAiStub flaky = OpenAiStub.start();
        try {
            // The first generator refuses q4 and q5, so the run ends with two model failures.
            flaky.fail("Question: " + questions.get(4).text(), 400);
            flaky.fail("Question: " + questions.get(5).text(), 400);
            scriptGeneration(flaky);
            scriptGeneration(generator);
            scriptJudge();
            RunRecord record;
            try (WorkspaceSession session = open()) {
                RunResults first = session.run(session.plan(request(flaky)), RunListener.NONE, new Cancellation());
                record = first.run();
                Map<String, ItemResult> items = byQuestion(first.items());
                assertThat(items.get(questions.get(4).id()).modelFailed()).isTrue();
                assertThat(items.get(questions.get(4).id()).judge()).isNull();
                assertThat(items.get(questions.get(3).id()).judge().decision()).isEqualTo(Decision.NOT_EQUIVALENT);
            }
            assertThat(flaky.calls()).isEqualTo(6);
            assertThat(judge.calls()).isEqualTo(4);

            try (WorkspaceSession session = open()) {
                RunResults resumed = session.resume(record, request(generator).withJudge(JudgeChoice.WORKSPACE),
                        RunListener.NONE, new Cancellation());
                assertThat(resumed.complete()).isTrue();
                assertThat(resumed.items()).allSatisfy(i -> assertThat(i.judge()).isNotNull());
                assertThat(byQuestion(resumed.items()).get(questions.get(5).id()).judge().rawAnswer())
                        .isEqualTo("They look the same to me.");
            }
            assertThat(generator.calls()).isEqualTo(2);
            // q4 once and q5 twice (malformed, asked again); nothing stored was asked about again.
            assertThat(judge.calls()).isEqualTo(4 + 3);
            assertThat(judge.prompts().subList(4, 7)).allMatch(p -> p.contains(judgeKey(4)) || p.contains(judgeKey(5)));

            try (WorkspaceSession session = open()) {
                RunResults again = session.resume(record, request(generator), RunListener.NONE, new Cancellation());
                assertThat(again.items()).hasSize(6);
                assertThat(again.modelCalls()).isZero();
            }
            assertThat(generator.calls()).isEqualTo(2);
            assertThat(judge.calls()).isEqualTo(7);
        } finally {
            flaky.close();
        }
    }

    @Test
    void verdictsLostToAJudgeOutageAreAskedForOnResumeWithoutAskingTheGeneratorAgain() {
        scriptGeneration(generator);
        scriptJudge();
        judge.down(Fault.status(400));
        RunRecord record;
        try (WorkspaceSession session = open()) {
            RunResults first = session.run(session.plan(request(generator)), RunListener.NONE, new Cancellation());
            record = first.run();
            assertThat(first.items()).hasSize(6).allSatisfy(i -> {
                assertThat(i.judge().decision()).isEqualTo(Decision.ERROR);
                assertThat(i.judge().modelFailed()).isTrue();
                assertThat(i.judge().rationale()).contains("the judge model failed");
            });
            assertThat(new JudgeAgreement().cells(first.items()).getFirst().comparable()).isZero();
        }
        assertThat(generator.calls()).isEqualTo(6);
        int failedJudgeCalls = judge.calls();
        judge.up();
        try (WorkspaceSession session = open()) {
            RunResults resumed = session.resume(record, request(generator), RunListener.NONE, new Cancellation());
            assertThat(resumed.modelCalls()).isZero();
            assertThat(new JudgeAgreement().cells(resumed.items()).getFirst().describe())
                    .isEqualTo("judge agrees with execution on 3/5");
        }
        assertThat(generator.calls()).isEqualTo(6);
        assertThat(judge.calls()).isEqualTo(failedJudgeCalls + 7);
    }

    @Test
    void judgeCallsShareTheProvidersConcurrencyPermitsWithGeneration() {
        // One server answers both the generating model and the judge, both OpenAI: at most two calls at once.
        scriptJudge();
        scriptGeneration(judge);
        judge.models("gpt-4o", "gpt-4o-mini").latency(java.time.Duration.ofMillis(150));
        RunRequest request = new RunRequest(List.of("ddl-basic"), List.of("openai:gpt-4o-mini"), judge.baseUrl(), 2,
                questions.stream().map(Question::id).toList(), 1, false);
        try (WorkspaceSession session = open()) {
            RunResults results = session.run(session.plan(request), RunListener.NONE, new Cancellation());
            assertThat(results.items()).allSatisfy(i -> assertThat(i.judge()).isNotNull());
        }
        assertThat(judge.calls()).isEqualTo(6 + 7);
        assertThat(judge.peakConcurrentCalls()).isEqualTo(2);
    }

    @Test
    void aSecondRunReadsTheJudgesCachedVerdictsButAsksAgainAfterAMalformedOne() {
        scriptGeneration(generator);
        scriptJudge();
        try (WorkspaceSession session = open()) {
            session.run(session.plan(request(generator)), RunListener.NONE, new Cancellation());
            assertThat(judge.calls()).isEqualTo(7);
            RunResults second = session.run(session.plan(request(generator)), RunListener.NONE, new Cancellation());
            // q5's cached answer is malformed, so it is asked once more past the cache; nothing else is asked.
            assertThat(judge.calls()).isEqualTo(8);
            assertThat(generator.calls()).isEqualTo(6);
            Map<String, ItemResult> items = byQuestion(second.items());
            assertThat(items.get(questions.get(2).id()).judge().provenance().cached()).isTrue();
            assertThat(items.get(questions.get(2).id()).judge().cost()).isZero();
            assertThat(items.get(questions.get(2).id()).judge().decision()).isEqualTo(Decision.EQUIVALENT);
            JudgeVerdict q5 = items.get(questions.get(5).id()).judge();
            assertThat(q5.decision()).isEqualTo(Decision.ERROR);
            assertThat(q5.provenance().cached()).isFalse();
            assertThat(second.judgeCost()).isEqualByComparingTo(q5.cost()).isPositive();
        }
    }

    @Test
    void aRunWhoseJudgeIsGoneFromTheWorkspaceResumesOnlyWithoutAJudge() throws Exception {
        scriptGeneration(generator);
        scriptJudge();
        RunRecord record;
        try (WorkspaceSession session = open()) {
            record = session.run(session.plan(request(generator)), RunListener.NONE, new Cancellation()).run();
        }
        Path config = workspace.root().resolve("querybench.yaml");
        Files.writeString(config, Files.readString(config).replace("judge: {model: judge-model}\n", "")
                .replace("  - name: judge-model\n", "  - name: other-judge\n"));
        workspace = new WorkspaceLoader().load(workspace.root());
        try (WorkspaceSession session = open()) {
            assertThatThrownBy(() -> session.resume(record, request(generator), RunListener.NONE, new Cancellation()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("run " + record.id() + " was judged by 'judge-model' with the prompt"
                            + " 'judge-equivalence'")
                    .hasMessageContaining("no model profile named 'judge-model'");
            RunResults resumed = session.resume(record, request(generator).withJudge(JudgeChoice.OFF),
                    RunListener.NONE, new Cancellation());
            assertThat(resumed.items()).hasSize(6).allSatisfy(i -> assertThat(i.judge()).isNotNull());
        }
        assertThat(judge.calls()).isEqualTo(7);
    }

    @Test
    void noJudgeIsAskedWhenTheRequestTurnsItOffAndUnknownChoicesAreExplained() {
        scriptGeneration(generator);
        try (WorkspaceSession session = open()) {
            RunRequest off = request(generator).withJudge(JudgeChoice.OFF);
            RunResults results = session.run(session.plan(off), session.judge(off), RunListener.NONE,
                    new Cancellation());
            assertThat(results.items()).allSatisfy(i -> assertThat(i.judge()).isNull());
            assertThat(results.judgeCost()).isZero();
            assertThat(session.runStore().judge(results.run().id())).isEmpty();
            assertThat(judge.calls()).isZero();

            assertThatThrownBy(() -> session.judge(request(generator).withJudge(JudgeChoice.of(null, "judge-strict"))))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("--judge-prompt 'judge-strict' is not in the prompt folder");
            assertThatThrownBy(() -> session.judge(request(generator).withJudge(JudgeChoice.of("judge-5", null))))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("--judge: no model profile named 'judge-5'");
        }
    }
}
