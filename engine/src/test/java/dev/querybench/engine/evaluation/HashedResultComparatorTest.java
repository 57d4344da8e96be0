package dev.querybench.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.evaluation.sql.HashedResultComparator;
import dev.querybench.engine.evaluation.sql.MatchMode;
import dev.querybench.engine.evaluation.sql.ResultComparator;
import dev.querybench.engine.evaluation.sql.ResultDigest;
import dev.querybench.engine.evaluation.sql.RowHasher;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hash comparison for results beyond the row cap, rule by rule: each case is judged by the
 * in-memory {@link ResultComparator} and by {@link HashedResultComparator} over digests of the
 * same rows, and both must give the expected outcome, failure category, reason, flags (apart from
 * {@code hashed}) and the same samples of missing and extra rows.
 */
class HashedResultComparatorTest {

    private record Case(String rule, MatchMode mode, double tolerance, boolean ordered, List<String> goldColumns,
            List<Object[]> gold, List<String> predictedColumns, List<Object[]> predicted, String expected,
            Set<String> flags) {
        @Override
        public String toString() {
            return rule;
        }
    }

    private static Object[] r(Object... values) {
        return values;
    }

    private static List<Object[]> rows(Object[]... rows) {
        return List.of(rows);
    }

    private static Case c(String rule, MatchMode mode, boolean ordered, List<Object[]> gold, List<Object[]> predicted,
            String expected, String... flags) {
        return c(rule, mode, 1e-9, ordered, gold, predicted, expected, flags);
    }

    private static Case c(String rule, MatchMode mode, double tolerance, boolean ordered, List<Object[]> gold,
            List<Object[]> predicted, String expected, String... flags) {
        return new Case(rule, mode, tolerance, ordered, columns(gold), gold, columns(predicted), predicted, expected,
                Set.of(flags));
    }

    private static List<String> columns(List<Object[]> rows) {
        int n = rows.isEmpty() ? 1 : rows.getFirst().length;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("c" + i);
        }
        return names;
    }

    static Stream<Case> cases() {
        MatchMode strict = MatchMode.STRICT;
        return Stream.of(
                c("rows are a multiset when gold is unordered", strict, false, rows(r(1), r(2), r(2)),
                        rows(r(2), r(1), r(2)), "PASS same rows"),
                c("duplicates count", strict, false, rows(r("a"), r("a"), r("b")), rows(r("a"), r("b"), r("b")),
                        "FAIL wrong_values the values differ"),
                c("1 = 1.0 = 1.00 across integer, float and decimal types", strict, false,
                        rows(r(1, 2L), r(3, 4L)), rows(r(1.0, new BigDecimal("2.00")), r(3.0f, 4)), "PASS same rows"),
                c("NULL equals NULL", strict, false, rows(r(null, 1)), rows(r(null, 1)), "PASS same rows"),
                c("NULL is not 0", strict, false, rows(r((Object) null)), rows(r(0)),
                        "FAIL wrong_values the values differ"),
                c("dates compare as ISO values", strict, false,
                        rows(r(Date.valueOf("2024-01-02"), Timestamp.valueOf("2024-01-02 03:04:05"))),
                        rows(r("2024-01-02", LocalDateTime.of(2024, 1, 2, 3, 4, 5))), "PASS same rows"),
                c("a LocalDate is its ISO text", strict, false, rows(r(LocalDate.of(2023, 12, 31))),
                        rows(r("2023-12-31")), "PASS same rows"),
                c("floating-point noise is within the tolerance", strict, false, rows(r(0.1 + 0.2)), rows(r(0.3)),
                        "PASS same rows"),
                c("tolerance 0 compares exactly (Spider)", MatchMode.SPIDER, 0, false, rows(r(0.1 + 0.2)),
                        rows(r(0.3)), "FAIL wrong_values the values differ"),
                c("a real difference in a float is not within the tolerance", strict, false, rows(r(2.5)),
                        rows(r(2.5001)), "FAIL wrong_values the values differ"),
                c("the number 1 is not the string '1'", strict, false, rows(r(1)), rows(r("1")),
                        "FAIL wrong_values the values differ"),
                c("strings are case-sensitive", strict, false, rows(r("Ann")), rows(r("ann")),
                        "FAIL wrong_values the values differ"),
                c("strings are not trimmed", strict, false, rows(r("Ann")), rows(r("Ann ")),
                        "FAIL wrong_values the values differ"),
                c("non-finite floats equal themselves", strict, false, rows(r(Double.NaN)), rows(r(Double.NaN)),
                        "PASS same rows"),
                c("row count differs", strict, false, rows(r(1), r(2), r(3)), rows(r(1), r(2)),
                        "FAIL wrong_row_count row count 2 vs 3"),
                c("the prediction may permute columns", strict, false, rows(r("ann", 3), r("bob", 5)),
                        rows(r(5, "bob"), r(3, "ann")), "PASS same rows", ResultComparator.FLAG_PERMUTED),
                c("columns match as whole rows, never independently (Spider2#200)", strict, false,
                        rows(r(1, "a"), r(2, "b")), rows(r(1, "b"), r(2, "a")), "FAIL wrong_values the values differ"),
                c("the same column twice is not two gold columns (spider#31)", strict, false,
                        rows(r("pen", "office"), r("mug", "kitchen")), rows(r("pen", "pen"), r("mug", "mug")),
                        "FAIL wrong_values the values differ"),
                c("order matters when gold orders", strict, true, rows(r(1), r(2)), rows(r(2), r(1)),
                        "FAIL wrong_order same rows in a different order (gold is ordered)",
                        ResultComparator.FLAG_ORDERED),
                c("the same order passes when gold orders", strict, true, rows(r(1, "x"), r(2, "y")),
                        rows(r(1, "x"), r(2, "y")), "PASS same rows in the same order", ResultComparator.FLAG_ORDERED),
                c("an ordered match may use a permutation", strict, true, rows(r(1, "x"), r(2, "y")),
                        rows(r("x", 1), r("y", 2)), "PASS same rows in the same order", ResultComparator.FLAG_ORDERED,
                        ResultComparator.FLAG_PERMUTED),
                c("both empty pass, flagged vacuous", strict, false, rows(), rows(), "PASS both results are empty",
                        ResultComparator.FLAG_VACUOUS),
                c("an empty prediction fails", strict, false, rows(r(1), r(2)), rows(),
                        "FAIL empty_result the prediction returned no rows; gold returned 2"),
                c("the column count must match", strict, false, rows(r(1, 2)), rows(r(1)),
                        "FAIL wrong_columns column count 1 vs 2"),
                c("set mode ignores duplicates", MatchMode.SET, false, rows(r(1), r(1), r(2)), rows(r(2), r(1)),
                        "PASS same set of rows"),
                c("set mode keeps column order", MatchMode.SET, false, rows(r("a", 1)), rows(r(1, "a")),
                        "FAIL wrong_values distinct rows 1 vs 1"),
                c("columns with equal values in their own order need no other order", strict, false,
                        rows(r(1, 1), r(2, 2)), rows(r(2, 2), r(1, 1)), "PASS same rows"),
                c("set mode counts distinct rows", MatchMode.SET, false, rows(r(1), r(2)), rows(r(1)),
                        "FAIL wrong_row_count distinct rows 1 vs 2"),
                c("subset mode allows extra predicted columns", MatchMode.SUBSET, false, rows(r("ann"), r("bob")),
                        rows(r(1, "bob"), r(2, "ann")), "PASS same rows", ResultComparator.FLAG_EXTRA_COLUMNS),
                c("subset mode needs every gold column", MatchMode.SUBSET, false, rows(r("ann", 1)), rows(r("ann")),
                        "FAIL wrong_columns column count 1 vs 2 or more"),
                c("spider mode: two empty results match whatever their columns", MatchMode.SPIDER, 0, false,
                        rows(), new ArrayList<>(), "PASS both results are empty", ResultComparator.FLAG_VACUOUS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hashingJudgesAsTheInMemoryComparatorDoes(Case c) {
        ResultComparator memory = new ResultComparator(c.tolerance());
        HashedResultComparator hashed = new HashedResultComparator(new RowHasher(c.tolerance()));
        Verdict expectedByMemory = memory.compare(result(c.goldColumns(), c.gold()),
                result(c.predictedColumns(), c.predicted()), c.ordered(), c.mode());
        Verdict byHash = hashed.compare(digest(hashed, c.goldColumns(), c.gold(), false),
                sink -> replay(c.goldColumns(), c.gold(), sink),
                digest(hashed, c.predictedColumns(), c.predicted(), true),
                sink -> replay(c.predictedColumns(), c.predicted(), sink), c.ordered(), c.mode());

        for (Verdict v : List.of(expectedByMemory, byHash)) {
            String category = v.failureCategory() == null ? "" : v.failureCategory().id() + " ";
            assertThat(v.outcome() + " " + category + v.reason()).isEqualTo(c.expected());
            Set<String> flags = new HashSet<>(v.flags());
            flags.remove(HashedResultComparator.FLAG_HASHED);
            assertThat(flags).containsExactlyInAnyOrderElementsOf(c.flags());
        }
        assertThat(byHash.flags()).contains(HashedResultComparator.FLAG_HASHED);
        assertThat(byHash.missingRows()).containsExactlyInAnyOrderElementsOf(expectedByMemory.missingRows());
        assertThat(byHash.extraRows()).containsExactlyInAnyOrderElementsOf(expectedByMemory.extraRows());

        // the evaluator digests a prediction without its value hashes first: where they are not needed, the
        // verdict must be the same without them
        ResultDigest goldDigest = digest(hashed, c.goldColumns(), c.gold(), false);
        ResultDigest lean = digest(hashed, c.predictedColumns(), c.predicted(), false);
        if (!hashed.needsValueHashes(goldDigest, lean, c.ordered(), c.mode())) {
            Verdict withoutValueHashes = hashed.compare(goldDigest, sink -> replay(c.goldColumns(), c.gold(), sink),
                    lean, sink -> replay(c.predictedColumns(), c.predicted(), sink), c.ordered(), c.mode());
            assertThat(withoutValueHashes).isEqualTo(byHash);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void samplesOfMissingAndExtraRowsAreReadAgain(String rule, List<Object[]> gold, List<Object[]> predicted,
            List<List<String>> missing, List<List<String>> extra) {
        HashedResultComparator hashed = new HashedResultComparator(new RowHasher(1e-9));
        List<String> columns = columns(gold);
        Verdict v = hashed.compare(digest(hashed, columns, gold, false), sink -> replay(columns, gold, sink),
                digest(hashed, columns(predicted), predicted, true), sink -> replay(columns(predicted), predicted, sink),
                false, MatchMode.STRICT);
        assertThat(v.missingRows()).containsExactlyInAnyOrderElementsOf(missing);
        assertThat(v.extraRows()).containsExactlyInAnyOrderElementsOf(extra);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> samples() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("one changed value", rows(r(1, "a"), r(2, "b"), r(3, "c")),
                        rows(r(1, "a"), r(2, "B"), r(3, "c")), List.of(List.of("2", "b")), List.of(List.of("2", "B"))),
                org.junit.jupiter.params.provider.Arguments.of("a missing duplicate", rows(r(7), r(7), r(8)),
                        rows(r(7), r(8)), List.of(List.of("7")), List.of()));
    }

    @org.junit.jupiter.api.Test
    void atMostFiveSamplesASideAndOnlyRowsThatDiffer() {
        HashedResultComparator hashed = new HashedResultComparator(new RowHasher(1e-9));
        List<Object[]> gold = new ArrayList<>();
        List<Object[]> predicted = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            gold.add(r(i));
            predicted.add(r(i < 90 ? i : i + 1000));
        }
        List<String> columns = columns(gold);
        Verdict v = hashed.compare(digest(hashed, columns, gold, false), sink -> replay(columns, gold, sink),
                digest(hashed, columns, predicted, true), sink -> replay(columns, predicted, sink), false,
                MatchMode.STRICT);
        assertThat(v.missingRows()).hasSize(5).allSatisfy(row -> assertThat(Integer.parseInt(row.getFirst()))
                .isBetween(90, 99));
        assertThat(v.extraRows()).hasSize(5).allSatisfy(row -> assertThat(Integer.parseInt(row.getFirst()))
                .isBetween(1090, 1099));
    }

    private static QueryResult result(List<String> columns, List<Object[]> rows) {
        List<List<Object>> list = new ArrayList<>();
        for (Object[] row : rows) {
            list.add(Arrays.asList(row));
        }
        return new QueryResult(columns, list, false, Duration.ZERO);
    }

    private static ResultDigest digest(HashedResultComparator hashed, List<String> columns, List<Object[]> rows,
            boolean values) {
        ResultDigest.Builder builder = ResultDigest.builder(hashed.hasher(), values);
        replay(columns, rows, builder);
        return builder.build(false);
    }

    private static void replay(List<String> columns, List<Object[]> rows, dev.querybench.engine.db.RowSink sink) {
        sink.columns(columns);
        for (Object[] row : rows) {
            if (!sink.row(row.clone())) {
                return;
            }
        }
    }
}
