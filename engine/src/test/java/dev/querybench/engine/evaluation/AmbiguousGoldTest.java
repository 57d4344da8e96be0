package dev.querybench.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.sqlite.SqliteBackend;
import dev.querybench.engine.db.sqlite.SqliteDatabaseBuilder;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
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

/** The evaluator on a real database: LIMIT ties, several gold queries, gold errors, and spider mode. */
class AmbiguousGoldTest {

    @TempDir
    Path dir;
    SqliteBackend backend;
    SafeExecutor executor;
    final QueryLimits limits = new QueryLimits(Duration.ofSeconds(5), 1000);

    @BeforeEach
    void setUp() throws Exception {
        Path script = dir.resolve("s.sql");
        Files.writeString(script, """
                CREATE TABLE p (name VARCHAR(10), price DECIMAL(6,2), kind VARCHAR(5));
                INSERT INTO p VALUES ('a', 10, 'x'), ('b', 9, 'x'), ('c', 9, 'y'), ('d', 5, 'y'), ('e', 5, 'y');
                """);
        new SqliteDatabaseBuilder().buildIfMissing(dir.resolve("d.db"), List.of(script));
        backend = new SqliteBackend(dir.resolve("d.db"), 2);
        executor = new SafeExecutor(backend);
    }

    @AfterEach
    void tearDown() {
        backend.close();
    }

    private Verdict judge(MatchMode mode, String predicted, String... gold) {
        ResultComparator comparator = mode == MatchMode.SPIDER ? new ResultComparator(0) : new ResultComparator();
        return new SqlExecutionEvaluator(executor, limits, comparator, mode)
                .evaluate(new Question("q", "?", List.of(gold), "easy", List.of(), null), predicted);
    }

    @Test
    void aLimitThatCutsThroughATieIsFlagged() {
        Verdict v = judge(MatchMode.STRICT, "SELECT name FROM p ORDER BY price DESC LIMIT 2",
                "SELECT name FROM p ORDER BY price DESC LIMIT 2");
        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(v.flags()).contains(SqlExecutionEvaluator.FLAG_AMBIGUOUS_GOLD);
        Verdict other = judge(MatchMode.STRICT, "SELECT name FROM p ORDER BY price DESC, name DESC LIMIT 2",
                "SELECT name FROM p ORDER BY price DESC LIMIT 2");
        assertThat(other.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(other.flags()).contains(SqlExecutionEvaluator.FLAG_AMBIGUOUS_GOLD);
    }

    @Test
    void aLimitWithoutATieOrAnAliasedKeyIsResolved() {
        assertThat(judge(MatchMode.STRICT, "SELECT name FROM p ORDER BY price DESC LIMIT 1",
                "SELECT name FROM p ORDER BY price DESC LIMIT 1").flags()).doesNotContain("ambiguous-gold");
        assertThat(judge(MatchMode.STRICT, "SELECT name, price AS cost FROM p ORDER BY cost LIMIT 1",
                "SELECT name, price AS cost FROM p ORDER BY cost LIMIT 1").flags()).contains("ambiguous-gold");
        assertThat(judge(MatchMode.STRICT, "SELECT name, price FROM p ORDER BY 2 LIMIT 4",
                "SELECT name, price FROM p ORDER BY 2 LIMIT 4").flags()).doesNotContain("ambiguous-gold");
    }

    @Test
    void anyOfSeveralGoldQueriesMayMatch() {
        Verdict v = judge(MatchMode.STRICT, "SELECT name FROM p WHERE kind = 'x'",
                "SELECT name FROM p WHERE price > 100", "SELECT name FROM p WHERE price >= 9 AND kind = 'x'");
        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aFailingGoldMakesTheItemAnErrorNotAPass() {
        Verdict v = judge(MatchMode.STRICT, "SELECT nope FROM p", "SELECT missing FROM p");
        assertThat(v.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.reason()).startsWith("gold SQL failed");
    }

    @Test
    void spiderModeDropsDistinctAndOrdersByTextAsTheOfficialEvaluator() {
        // Without DISTINCT the kinds repeat, so strict fails; spider removes DISTINCT from gold too.
        assertThat(judge(MatchMode.STRICT, "SELECT kind FROM p", "SELECT DISTINCT kind FROM p").outcome())
                .isEqualTo(Outcome.FAIL);
        assertThat(judge(MatchMode.SPIDER, "SELECT kind FROM p", "SELECT DISTINCT kind FROM p").outcome())
                .isEqualTo(Outcome.PASS);
        String goldWithOrderedSubquery = "SELECT name FROM p WHERE price IN (SELECT price FROM p ORDER BY price LIMIT 5)";
        assertThat(judge(MatchMode.SPIDER, "SELECT name FROM p ORDER BY name DESC", goldWithOrderedSubquery).outcome())
                .isEqualTo(Outcome.FAIL);
        assertThat(judge(MatchMode.STRICT, "SELECT name FROM p ORDER BY name DESC", goldWithOrderedSubquery).outcome())
                .isEqualTo(Outcome.PASS);
    }
}
