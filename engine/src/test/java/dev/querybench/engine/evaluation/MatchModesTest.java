package dev.querybench.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.evaluation.sql.MatchMode;
import dev.querybench.engine.evaluation.sql.ResultComparator;
import dev.querybench.engine.evaluation.sql.SpiderRewrite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The set, subset and spider modes, rule by rule. */
class MatchModesTest {

    private final ResultComparator tolerant = new ResultComparator();
    private final ResultComparator exact = new ResultComparator(0);

    private static QueryResult result(List<String> columns, Object[]... rows) {
        List<List<Object>> list = new ArrayList<>();
        for (Object[] row : rows) {
            list.add(Arrays.asList(row));
        }
        return new QueryResult(columns, list, false, Duration.ZERO);
    }

    private static Object[] row(Object... values) {
        return values;
    }

    @Test
    void setModeIgnoresOrderAndDuplicatesButNotColumnOrder() {
        QueryResult gold = result(List.of("a", "b"), row(1, "x"), row(2, "y"));
        Verdict dupes = tolerant.compare(gold, result(List.of("a", "b"), row(2, "y"), row(1, "x"), row(1, "x")), true,
                MatchMode.SET);
        assertThat(dupes.outcome()).isEqualTo(Outcome.PASS);
        assertThat(dupes.mode()).isEqualTo("set");
        Verdict swapped = tolerant.compare(gold, result(List.of("b", "a"), row("x", 1), row("y", 2)), false, MatchMode.SET);
        assertThat(swapped.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(tolerant.compare(gold, result(List.of("a", "b"), row(1, "x")), false, MatchMode.SET).failureCategory())
                .isEqualTo(FailureCategory.WRONG_ROW_COUNT);
    }

    @Test
    void subsetModeAllowsExtraPredictedColumns() {
        QueryResult gold = result(List.of("name"), row("ann"), row("bob"));
        Verdict extra = tolerant.compare(gold, result(List.of("id", "name"), row(1, "ann"), row(2, "bob")), false,
                MatchMode.SUBSET);
        assertThat(extra.outcome()).isEqualTo(Outcome.PASS);
        assertThat(extra.flags()).contains(ResultComparator.FLAG_EXTRA_COLUMNS);
        assertThat(tolerant.compare(gold, result(List.of("id", "name"), row(1, "ann"), row(2, "bob")), false,
                MatchMode.STRICT).failureCategory()).isEqualTo(FailureCategory.WRONG_COLUMNS);
        QueryResult twoColumns = result(List.of("a", "b"), row(1, 2));
        assertThat(tolerant.compare(twoColumns, result(List.of("a"), row(1)), false, MatchMode.SUBSET).failureCategory())
                .isEqualTo(FailureCategory.WRONG_COLUMNS);
        // Each gold column needs its own predicted column.
        assertThat(tolerant.compare(result(List.of("a", "b"), row(1, 1)), result(List.of("x", "y"), row(1, 2)), false,
                MatchMode.SUBSET).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void spiderModeUsesExactNumbersAndMatchesEmptyResultsWhateverTheirColumns() {
        QueryResult gold = result(List.of("x"), row(0.1 + 0.2));
        assertThat(exact.compare(gold, result(List.of("x"), row(0.3)), false, MatchMode.SPIDER).outcome())
                .isEqualTo(Outcome.FAIL);
        assertThat(exact.compare(result(List.of("x")), result(List.of("a", "b")), false, MatchMode.SPIDER).outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(exact.compare(result(List.of("x"), row(1)), result(List.of("y"), row(1.0)), false, MatchMode.SPIDER)
                .outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void spiderRewritesQueriesAsTheOfficialEvaluatorDoes() {
        SpiderRewrite rewrite = new SpiderRewrite(false);
        assertThat(rewrite.apply("SELECT DISTINCT a FROM t WHERE b > = 1 AND c ! = 'distinct'"))
                .isEqualTo("SELECT  a FROM t WHERE b >= 1 AND c != 'distinct'");
        assertThat(rewrite.apply("SELECT count(DISTINCT a), distinct_col FROM t")).isEqualTo("SELECT count( a), distinct_col FROM t");
        assertThat(new SpiderRewrite(true).apply("SELECT DISTINCT a FROM t")).isEqualTo("SELECT DISTINCT a FROM t");
        assertThat(rewrite.orderMatters("SELECT a FROM t WHERE a IN (SELECT b FROM u ORDER BY b LIMIT 1)")).isTrue();
    }

    @Test
    void modesParseByIdAndListTheChoicesOtherwise() {
        assertThat(MatchMode.parse("Spider")).isEqualTo(MatchMode.SPIDER);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MatchMode.parse("fuzzy"))
                .hasMessageContaining("[strict, set, subset, spider, defog, bird]");
    }
}
