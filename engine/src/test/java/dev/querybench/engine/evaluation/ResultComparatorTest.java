package dev.querybench.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.evaluation.sql.ResultComparator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per rule of the strict mode in docs/evaluation.md, including the pitfalls it lists. */
class ResultComparatorTest {

    private final ResultComparator strict = new ResultComparator();

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
    void rowsAreAMultisetWhenGoldIsUnordered() {
        QueryResult gold = result(List.of("a"), row(1), row(2), row(2));
        assertThat(strict.compare(gold, result(List.of("a"), row(2), row(1), row(2)), false).outcome())
                .isEqualTo(Outcome.PASS);
        Verdict dupesDiffer = strict.compare(gold, result(List.of("a"), row(1), row(1), row(2)), false);
        assertThat(dupesDiffer.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(dupesDiffer.failureCategory()).isEqualTo(FailureCategory.WRONG_VALUES);
    }

    @Test
    void orderMattersOnlyWhenGoldOrders() {
        QueryResult gold = result(List.of("a"), row(1), row(2));
        QueryResult reversed = result(List.of("a"), row(2), row(1));
        Verdict ordered = strict.compare(gold, reversed, true);
        assertThat(ordered.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(ordered.failureCategory()).isEqualTo(FailureCategory.WRONG_ORDER);
        assertThat(ordered.flags()).contains(ResultComparator.FLAG_ORDERED);
        assertThat(strict.compare(gold, reversed, false).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void predictionMayPermuteColumns() {
        QueryResult gold = result(List.of("name", "total"), row("ann", 3), row("bob", 5));
        Verdict v = strict.compare(gold, result(List.of("total", "name"), row(5, "bob"), row(3, "ann")), false);
        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(v.flags()).contains(ResultComparator.FLAG_PERMUTED);
    }

    @Test
    void permutedColumnsKeepOrderWhenGoldOrders() {
        QueryResult gold = result(List.of("name", "total"), row("bob", 5), row("ann", 3));
        assertThat(strict.compare(gold, result(List.of("t", "n"), row(5, "bob"), row(3, "ann")), true).outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(strict.compare(gold, result(List.of("t", "n"), row(3, "ann"), row(5, "bob")), true).outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void columnsAreMatchedAsWholeRowsNotOneByOne() {
        // Each predicted column holds gold's values, but the rows are scrambled (Spider2#200).
        QueryResult gold = result(List.of("a", "b"), row(1, "x"), row(2, "y"));
        Verdict v = strict.compare(gold, result(List.of("a", "b"), row(1, "y"), row(2, "x")), false);
        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.failureCategory()).isEqualTo(FailureCategory.WRONG_VALUES);
    }

    @Test
    void theSameColumnTwiceDoesNotMatchTwoDifferentColumns() {
        // spider#31: gold has two different columns, prediction repeats one of them.
        QueryResult gold = result(List.of("first", "last"), row("ann", "lee"), row("bob", "bob"));
        QueryResult twice = result(List.of("first", "first"), row("ann", "ann"), row("bob", "bob"));
        assertThat(strict.compare(gold, twice, false).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void numbersCompareByValue() {
        QueryResult gold = result(List.of("x"), row(1), row(new BigDecimal("2.50")), row(3L));
        QueryResult pred = result(List.of("x"), row(1.0), row(2.5), row(new BigDecimal("3.000")));
        assertThat(strict.compare(gold, pred, false).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void floatsCompareWithARelativeToleranceThatCanBeZero() {
        QueryResult gold = result(List.of("x"), row(0.1 + 0.2));
        QueryResult pred = result(List.of("x"), row(0.3));
        assertThat(strict.compare(gold, pred, false).outcome()).isEqualTo(Outcome.PASS);
        assertThat(new ResultComparator(0).compare(gold, pred, false).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(strict.compare(gold, result(List.of("x"), row(0.31)), false).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void nullEqualsNullButNothingElse() {
        QueryResult gold = result(List.of("x"), row((Object) null), row(1));
        assertThat(strict.compare(gold, result(List.of("x"), row(1), row((Object) null)), false).outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(strict.compare(gold, result(List.of("x"), row(0), row(1)), false).outcome())
                .isEqualTo(Outcome.FAIL);
        assertThat(strict.compare(gold, result(List.of("x"), row("NULL"), row(1)), false).outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void datesCompareAsIsoValues() {
        QueryResult gold = result(List.of("d"), row(java.sql.Date.valueOf("2024-03-17")));
        assertThat(strict.compare(gold, result(List.of("d"), row("2024-03-17")), false).outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(strict.compare(gold, result(List.of("d"), row(LocalDate.of(2024, 3, 17))), false).outcome())
                .isEqualTo(Outcome.PASS);
        QueryResult ts = result(List.of("t"), row(java.sql.Timestamp.valueOf("2024-03-17 14:05:00")));
        assertThat(strict.compare(ts, result(List.of("t"), row("2024-03-17 14:05:00")), false).outcome())
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void stringsCompareExactly() {
        QueryResult gold = result(List.of("s"), row("Ann"));
        assertThat(strict.compare(gold, result(List.of("s"), row("ann")), false).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(strict.compare(gold, result(List.of("s"), row("Ann ")), false).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void bothEmptyPassesButIsFlaggedVacuous() {
        Verdict v = strict.compare(result(List.of("a")), result(List.of("b", "c")), false);
        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(v.flags()).contains(ResultComparator.FLAG_VACUOUS);
    }

    @Test
    void failureCategoriesNameWhatIsWrong() {
        QueryResult gold = result(List.of("a", "b"), row(1, 2), row(3, 4));
        assertThat(strict.compare(gold, result(List.of("a"), row(1), row(3)), false).failureCategory())
                .isEqualTo(FailureCategory.WRONG_COLUMNS);
        assertThat(strict.compare(gold, result(List.of("a", "b")), false).failureCategory())
                .isEqualTo(FailureCategory.EMPTY_RESULT);
        Verdict count = strict.compare(gold, result(List.of("a", "b"), row(1, 2)), false);
        assertThat(count.failureCategory()).isEqualTo(FailureCategory.WRONG_ROW_COUNT);
        assertThat(count.reason()).isEqualTo("row count 1 vs 2");
        assertThat(count.missingRows()).containsExactly(List.of("3", "4"));
    }

    @Test
    void missingAndExtraRowsAreSampledForTheDiffView() {
        QueryResult gold = result(List.of("a"), row(1), row(2), row(3));
        Verdict v = strict.compare(gold, result(List.of("a"), row(1), row(2), row(9.5)), false);
        assertThat(v.missingRows()).containsExactly(List.of("3"));
        assertThat(v.extraRows()).containsExactly(List.of("9.5"));
    }

    @Test
    void manyIdenticalColumnsStillFindTheRightPermutation() {
        Object[] g = new Object[8];
        Object[] p = new Object[8];
        for (int i = 0; i < 8; i++) {
            g[i] = i;
            p[i] = 7 - i;
        }
        QueryResult gold = result(List.of("a", "b", "c", "d", "e", "f", "g", "h"), g);
        QueryResult pred = result(List.of("h", "g", "f", "e", "d", "c", "b", "a"), p);
        assertThat(strict.compare(gold, pred, false).outcome()).isEqualTo(Outcome.PASS);
    }
}
