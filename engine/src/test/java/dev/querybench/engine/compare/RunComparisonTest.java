package dev.querybench.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.session.RunRequest;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleFixture;
import dev.querybench.engine.testing.SampleScript;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real run of both sample variants against the stub, read back for side-by-side comparison. */
class RunComparisonTest {

    @TempDir
    Path folder;

    private OpenAiStub stub;
    private WorkspaceSession session;

    @BeforeEach
    void open() {
        stub = OpenAiStub.start();
        session = SampleFixture.session(folder);
    }

    @AfterEach
    void close() {
        session.close();
        stub.close();
    }

    /**
     * ddl-basic answers q001–q010 right; ddl-samples-hints (whose prompts carry a "Hint:" line)
     * misses q001–q002 but also gets q011–q016: 2 flips to wrong, 6 to right.
     */
    static void scriptTwoVariants(OpenAiStub stub, List<Question> questions) {
        for (Question q : questions.subList(0, 2)) {
            stub.answerSql(SampleScript.key(q) + "Hint:", "SELECT 'wrong answer' AS nope");
        }
        for (Question q : questions.subList(10, 16)) {
            stub.answerSql(SampleScript.key(q) + "Hint:", q.primaryGold());
        }
        SampleScript.answerGold(stub, questions.subList(0, 10));
        SampleScript.answerWrong(stub, questions.subList(10, questions.size()));
    }

    @Test
    void laysOutAStoredRunAndComparesTwoCells() {
        List<Question> questions = session.workspace().dataset().questions();
        scriptTwoVariants(stub, questions);
        RunResults results = session.run(session.plan(new RunRequest(List.of("ddl-basic", "ddl-samples-hints"),
                List.of("openai:gpt-4o-mini"), stub.baseUrl(), 4, List.of())), new RunListener() { }, new Cancellation());

        RunComparison comparison = RunComparison.load(session.runStore(), results.run().id(),
                session.workspace().dataset());

        CellKey a = new CellKey("ddl-basic", "openai:gpt-4o-mini");
        CellKey b = new CellKey("ddl-samples-hints", "openai:gpt-4o-mini");
        assertThat(comparison.cells()).containsExactly(a, b);
        assertThat(comparison.questions()).extracting(Question::id).hasSize(54).startsWith("q001", "q002");
        assertThat(comparison.summary(a).passed()).isEqualTo(10);
        assertThat(comparison.summary(b).passed()).isEqualTo(14);
        assertThat(comparison.item("q001", a)).get().extracting(i -> i.outcome()).isEqualTo(Outcome.PASS);
        assertThat(comparison.item("q001", b)).get().extracting(i -> i.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(comparison.disagree("q001")).isTrue();
        assertThat(comparison.disagree("q005")).isFalse();
        assertThat(comparison.disagree("q040")).isFalse();

        PairComparison pair = comparison.compare(a, b);
        assertThat(pair.flippedToRight()).isEqualTo(6);
        assertThat(pair.flippedToWrong()).isEqualTo(2);
        assertThat(pair.differencePoints()).isCloseTo(100.0 * 4 / 54, within(1e-9));
        // Exact two-sided binomial tail for 2 of 8 discordant pairs: 2 · (1 + 8 + 28) / 256.
        assertThat(pair.test().pValue()).isCloseTo(74.0 / 256, within(1e-12));
        assertThat(pair.test().aRightBWrong()).containsExactly("q001", "q002");

        var exported = comparison.results();
        assertThat(exported.items()).hasSize(108);
        assertThat(exported.items().subList(0, 2)).extracting(i -> i.key().questionId() + "/" + i.key().variant())
                .containsExactly("q001/ddl-basic", "q001/ddl-samples-hints");
        assertThat(exported.cells()).extracting(c -> c.passed()).containsExactly(10, 14);
    }

    @Test
    void anUnknownRunIsAnErrorWithARemedy() {
        assertThatThrownBy(() -> RunComparison.load(session.runStore(), "nope", session.workspace().dataset()))
                .isInstanceOf(QueryBenchException.class).hasMessageContaining("no stored run nope");
    }

    @Test
    void resultDiffMarksMissingAndExtraRowsFromRealQueries() {
        ResultDiff.Comparison diff = new ResultDiff().run(session.executor(), session.queryLimits(),
                "SELECT store_name FROM stores WHERE state_code = 'CO'",
                "SELECT store_name FROM stores WHERE state_code IN ('CO', 'UT')");
        assertThat(diff.gold().error()).isNull();
        assertThat(diff.gold().markedCount()).isZero();
        assertThat(diff.predicted().rows().size()).isGreaterThan(diff.gold().rows().size());
        assertThat(diff.predicted().markedCount()).isEqualTo(diff.predicted().rows().size() - diff.gold().rows().size());

        ResultDiff.Comparison broken = new ResultDiff().run(session.executor(), session.queryLimits(),
                "SELECT COUNT(*) FROM customers", "SELEC nothing");
        assertThat(broken.predicted().error()).isNotBlank();
        assertThat(broken.gold().rows()).hasSize(1);
        assertThat(broken.gold().marked()).containsExactly(false);
    }
}
