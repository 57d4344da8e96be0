package dev.querybench.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.sqlite.SqliteBackend;
import dev.querybench.engine.db.sqlite.SqliteDatabaseBuilder;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.evaluation.sql.HashedResultComparator;
import dev.querybench.engine.evaluation.sql.MatchMode;
import dev.querybench.engine.evaluation.sql.ResultComparator;
import dev.querybench.engine.evaluation.sql.SqlExecutionEvaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results larger than the row cap (100 here) on a real SQLite table of 1,000 rows: they are
 * compared whole, by per-row hashes, instead of by their first 100 rows, which would pass a
 * prediction that differs only further down and fail one that returns the same rows in another
 * order.
 */
class LargeResultTest {

    private static final String GOLD = "SELECT id, label FROM t";

    @TempDir
    Path dir;
    SqliteBackend backend;

    @BeforeEach
    void setUp() throws Exception {
        Path script = dir.resolve("t.sql");
        Files.writeString(script, """
                CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT, amount REAL);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
                INSERT INTO t SELECT i, 'v' || i, i * 0.1 FROM n;
                """);
        new SqliteDatabaseBuilder().buildIfMissing(dir.resolve("t.db"), List.of(script));
        backend = new SqliteBackend(dir.resolve("t.db"), 4);
    }

    @AfterEach
    void tearDown() {
        backend.close();
    }

    private Verdict judge(String gold, String predicted, MatchMode mode, long largeResultRows) {
        SqlExecutionEvaluator evaluator = new SqlExecutionEvaluator(new SafeExecutor(backend),
                new QueryLimits(Duration.ofSeconds(10), 100), new ResultComparator(), mode, largeResultRows);
        return evaluator.evaluate(new Question("q", "q", List.of(gold), "", List.of(), null), predicted);
    }

    private Verdict judge(String gold, String predicted) {
        return judge(gold, predicted, MatchMode.STRICT, SqlExecutionEvaluator.DEFAULT_LARGE_RESULT_ROWS);
    }

    @Test
    void theSameRowsInAnotherOrderPassWhenGoldIsUnordered() {
        String reversed = "SELECT id, label FROM t ORDER BY id DESC";
        Verdict v = judge(GOLD, reversed);
        assertThat(v.outcome()).as(v.reason()).isEqualTo(Outcome.PASS);
        assertThat(v.flags()).contains(HashedResultComparator.FLAG_HASHED).doesNotContain(ResultComparator.FLAG_TRUNCATED);
        // over the first 100 rows alone the two results share no row
        Verdict capped = judge(GOLD, reversed, MatchMode.STRICT, 0);
        assertThat(capped.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(capped.flags()).contains(ResultComparator.FLAG_TRUNCATED);
    }

    @Test
    void aPredictionWithinTheCapAgainstAGoldBeyondItIsAWrongRowCount() {
        // exactly the cap's 100 rows, the same as gold's first 100: equal over the first rows only
        Verdict v = judge(GOLD, "SELECT id, label FROM t WHERE id <= 100");
        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.failureCategory()).isEqualTo(FailureCategory.WRONG_ROW_COUNT);
        assertThat(v.reason()).isEqualTo("row count 100 vs more than 100");
        assertThat(v.flags()).contains(ResultComparator.FLAG_TRUNCATED).doesNotContain(HashedResultComparator.FLAG_HASHED);

        Verdict reversed = judge("SELECT id, label FROM t WHERE id <= 50", GOLD);
        assertThat(reversed.failureCategory()).isEqualTo(FailureCategory.WRONG_ROW_COUNT);
        assertThat(reversed.reason()).isEqualTo("row count more than 100 vs 50");
    }

    @Test
    void aDifferenceBeyondTheRowCapFailsWithSamplesOfTheRows() {
        String wrongFarDown = "SELECT id, CASE WHEN id = 777 THEN 'x' ELSE label END FROM t";
        Verdict v = judge(GOLD, wrongFarDown);
        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.failureCategory()).isEqualTo(FailureCategory.WRONG_VALUES);
        assertThat(v.missingRows()).containsExactly(List.of("777", "v777"));
        assertThat(v.extraRows()).containsExactly(List.of("777", "x"));
        // the first 100 rows are equal, so comparing only them passes the wrong query
        assertThat(judge(GOLD, wrongFarDown, MatchMode.STRICT, 0).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void rowCountsAreCountedWhole() {
        Verdict v = judge(GOLD, "SELECT id, label FROM t WHERE id <> 500");
        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.reason()).isEqualTo("row count 999 vs 1000");
        assertThat(v.missingRows()).containsExactly(List.of("500", "v500"));
    }

    @Test
    void orderPermutedColumnsAndSetModeFollowTheSameRules() {
        Verdict wrongOrder = judge(GOLD + " ORDER BY id", "SELECT id, label FROM t ORDER BY id DESC");
        assertThat(wrongOrder.failureCategory()).isEqualTo(FailureCategory.WRONG_ORDER);
        Verdict rightOrder = judge(GOLD + " ORDER BY label", "SELECT label, id FROM t ORDER BY label");
        assertThat(rightOrder.outcome()).as(rightOrder.reason()).isEqualTo(Outcome.PASS);
        assertThat(rightOrder.flags()).contains(ResultComparator.FLAG_PERMUTED, HashedResultComparator.FLAG_HASHED);
        Verdict set = judge("SELECT amount FROM t", "SELECT amount FROM t UNION ALL SELECT amount FROM t WHERE id < 50",
                MatchMode.SET, SqlExecutionEvaluator.DEFAULT_LARGE_RESULT_ROWS);
        assertThat(set.outcome()).as(set.reason()).isEqualTo(Outcome.PASS);
        Verdict floats = judge("SELECT amount FROM t", "SELECT id / 10.0 FROM t");
        assertThat(floats.outcome()).as(floats.reason()).isEqualTo(Outcome.PASS);
    }

    @Test
    void resultsBeyondTheStreamingLimitKeepTheVerdictOverTheFirstRows() {
        Verdict v = judge(GOLD, "SELECT id, label FROM t ORDER BY id DESC", MatchMode.STRICT, 500);
        assertThat(v.flags()).contains(ResultComparator.FLAG_TRUNCATED).doesNotContain(HashedResultComparator.FLAG_HASHED);
    }
}
