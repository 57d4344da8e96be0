package dev.querybench.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.evaluation.sql.SqlLlmJudge;
import dev.querybench.engine.generation.PromptContext;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.session.ModelAdapterFactory;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.prompt.PromptTask;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LLM judge over real HTTP against the stub, on the sample database. */
class SqlLlmJudgeTest {

    @TempDir
    Path dir;
    OpenAiStub stub;
    WorkspaceSession session;
    ModelAdapter judgeModel;
    PromptTemplate template;
    Question question;

    @BeforeEach
    void setUp() {
        stub = OpenAiStub.start();
        session = SampleFixture.session(dir);
        judgeModel = new ModelAdapterFactory(new SecretResolver(Map.of())).create(
                new ModelConfig("judge", "openai:gpt-4o-mini", stub.baseUrl(), null, null, null, 5));
        template = session.workspace().prompts().requireUsable(List.of("judge-equivalence"), PromptTask.SQL_JUDGE).getFirst();
        question = session.workspace().dataset().questions().getFirst();
    }

    @AfterEach
    void tearDown() {
        session.close();
        stub.close();
    }

    private SqlLlmJudge judge(ModelAdapter model) {
        return new SqlLlmJudge(model, template, new PromptContext(session.backend()), session.executor(),
                session.queryLimits());
    }

    @Test
    void theJudgeSeesBothQueriesAndResultsAndItsVerdictIsRecorded() {
        stub.answer("Predicted SQL:\nSELECT COUNT(customer_id) FROM customers",
                "```json\n{\"verdict\": \"equivalent\", \"score\": 0.95, \"rationale\": \"Both count customers.\"}\n```");
        Verdict v = judge(judgeModel).evaluate(question, "SELECT COUNT(customer_id) FROM customers");
        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(v.score()).isEqualTo(0.95);
        assertThat(v.reason()).isEqualTo("Both count customers.");
        assertThat(v.mode()).isEqualTo("llm-judge:judge-equivalence");
        String prompt = stub.prompts().getFirst();
        assertThat(prompt).contains("Question: " + question.text(), "Gold SQL:\n" + question.primaryGold(),
                "CREATE TABLE customers", "(1 rows)");
    }

    @Test
    void notEquivalentAndUnsureAreFailures() {
        stub.answer("WHERE 1 = 0", "{\"verdict\": \"not_equivalent\", \"score\": 0, \"rationale\": \"No rows.\"}");
        stub.answer("LIMIT 3", "{\"verdict\": \"unsure\", \"rationale\": \"Cannot tell.\"}");
        Verdict no = judge(judgeModel).evaluate(question, "SELECT COUNT(*) FROM customers WHERE 1 = 0");
        assertThat(no.outcome()).isEqualTo(Outcome.FAIL);
        Verdict unsure = judge(judgeModel).evaluate(question, "SELECT customer_id FROM customers LIMIT 3");
        assertThat(unsure.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(unsure.flags()).containsExactly(SqlLlmJudge.FLAG_UNSURE);
    }

    @Test
    void aMalformedAnswerIsRetriedOnceThenRecordedAsAnErrorWithTheRawText() {
        stub.defaultAnswer("I think they are probably the same.");
        Verdict v = judge(judgeModel).evaluate(question, "SELECT 1");
        assertThat(v.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.reason()).contains("malformed twice", "I think they are probably the same.");
        assertThat(stub.calls()).isEqualTo(2);
    }

    @Test
    void aSecondWellFormedAnswerIsAccepted() {
        stub.defaultAnswer("{\"verdict\": \"equivalent\", \"score\": 1, \"rationale\": \"ok\"}");
        AtomicInteger calls = new AtomicInteger();
        ModelAdapter firstAnswerGarbled = new ModelAdapter() {
            @Override
            public ModelSpec spec() {
                return judgeModel.spec();
            }

            @Override
            public Completion complete(String prompt) {
                Completion real = judgeModel.complete(prompt);
                return calls.getAndIncrement() == 0
                        ? new Completion("{\"verdict\": ", real.usage(), real.latency(), "LENGTH", real.modelId()) : real;
            }
        };
        assertThat(judge(firstAnswerGarbled).evaluate(question, "SELECT 1").outcome()).isEqualTo(Outcome.PASS);
        assertThat(stub.calls()).isEqualTo(2);
    }

    @Test
    void aFailingJudgeModelIsAnError() {
        stub.failNext(1, 500);
        Verdict v = judge(judgeModel).evaluate(question, "SELECT 1");
        assertThat(v.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.reason()).contains("judge model failed");
    }

    @Test
    void strategiesAreFoundByIdIncludingServiceLoadedOnes() {
        var registry = new StrategyRegistry(List.of(judge(judgeModel)),
                new StrategyRegistry.StrategyContext(session.executor(), session.queryLimits()),
                getClass().getClassLoader());
        assertThat(registry.ids()).contains("llm-judge:judge-equivalence", "row-count");
        assertThat(registry.get("row-count").orElseThrow().evaluate(question, "SELECT 42").outcome())
                .isEqualTo(Outcome.PASS);
    }
}
