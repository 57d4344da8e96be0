package dev.querybench.engine.evaluation.sql;

import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The result comparison of the Spider test-suite evaluator ({@code result_eq} in its
 * {@code exec_eval.py}), reproduced rule by rule so verdicts match it: two empty results match;
 * row counts must agree, then the width of the first rows; every row's values are ordered by
 * {@code str(value) + str(type(value))} and the rows so "unordered" must agree as a set (as a list
 * when gold's text says "order by") — which makes {@code (1025, 1)} and {@code (1025, 1.0)}
 * differ, as officially; then some column permutation must make the results equal as bags of rows
 * (as lists when ordered), values compared with Python's {@code ==}. Every rule is listed with its
 * source in docs/evaluation.md ("spider").
 *
 * <p>A prediction failed only by the row sort key (the rows are equal otherwise) is flagged
 * {@value #FLAG_OFFICIAL_QUIRK}. Thread-safe; gold rows are kept as long as the comparator (one per
 * database, like the gold results).
 */
public final class SpiderComparator {

    /** The verdict follows a documented quirk of the official evaluator that a plain comparison would not. */
    public static final String FLAG_OFFICIAL_QUIRK = "official-quirk";

    private static final int SAMPLE_ROWS = 5;
    /** Column permutations tried at most; the official evaluator tries them all, however many. */
    private static final long MAX_PERMUTATIONS = 5_000_000;

    private final ValueNormalizer normalizer = new ValueNormalizer();

    /** A row of Python-equality keys, equal and hashed by content. */
    private record Row(Object[] keys) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && Arrays.equals(keys, r.keys);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(keys);
        }
    }

    /**
     * @param orderMatters whether gold's (rewritten) text contains "order by", as the official
     *     evaluator decides
     */
    public Verdict compare(QueryResult gold, QueryResult predicted, boolean orderMatters) {
        return compare(null, gold, predicted, orderMatters);
    }

    /** Gold's rows as Python keys, plain and "unordered", computed once per gold query. */
    private record GoldRows(Row[] keys, Row[] unordered) {}

    private final java.util.concurrent.ConcurrentMap<String, GoldRows> goldRows =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * As {@link #compare(QueryResult, QueryResult, boolean)}, keeping gold's converted rows under
     * {@code goldSql} (null: not kept) for the next prediction of the same gold query.
     */
    public Verdict compare(String goldSql, QueryResult gold, QueryResult predicted, boolean orderMatters) {
        String mode = MatchMode.SPIDER.id();
        Set<String> flags = new HashSet<>();
        if (orderMatters) {
            flags.add(ResultComparator.FLAG_ORDERED);
        }
        if (gold.truncated() || predicted.truncated()) {
            flags.add(ResultComparator.FLAG_TRUNCATED);
        }
        List<List<Object>> g = gold.rows();
        List<List<Object>> p = predicted.rows();
        if (g.isEmpty() && p.isEmpty()) {
            flags.add(ResultComparator.FLAG_VACUOUS);
            return Verdict.pass(mode, flags, "both results are empty");
        }
        if (g.size() != p.size()) {
            return p.isEmpty()
                    ? Verdict.fail(mode, flags, FailureCategory.EMPTY_RESULT, "the prediction returned no rows; gold "
                            + "returned " + g.size(), display(g, null), List.of())
                    : Verdict.fail(mode, flags, FailureCategory.WRONG_ROW_COUNT, "row count " + p.size() + " vs "
                            + g.size(), display(g, null), display(p, null));
        }
        int columns = g.getFirst().size();
        if (p.getFirst().size() != columns) {
            return Verdict.fail(mode, flags, FailureCategory.WRONG_COLUMNS, "column count " + p.getFirst().size()
                    + " vs " + columns, List.of(), List.of());
        }
        GoldRows converted = goldSql == null ? new GoldRows(keys(g), unordered(g))
                : goldRows.computeIfAbsent(goldSql, k -> new GoldRows(keys(g), unordered(g)));
        Row[] goldKeys = converted.keys();
        Row[] predictedKeys = keys(p);
        boolean quick = orderMatters ? Arrays.equals(converted.unordered(), unordered(p))
                : new HashSet<>(Arrays.asList(converted.unordered())).equals(new HashSet<>(Arrays.asList(unordered(p))));
        int[] permutation = findPermutation(goldKeys, predictedKeys, columns, orderMatters);
        if (!quick) {
            if (permutation != null) {
                flags.add(FLAG_OFFICIAL_QUIRK);
                return Verdict.fail(mode, flags, FailureCategory.WRONG_VALUES, "the rows are equal, but the official"
                        + " evaluator orders each row's values by text + Python type first, so values like 1 and 1.0"
                        + " land in different places (docs/evaluation.md, spider)", List.of(), List.of());
            }
            return valuesDiffer(mode, flags, goldKeys, predictedKeys, g, p, orderMatters);
        }
        if (permutation == null) {
            return valuesDiffer(mode, flags, goldKeys, predictedKeys, g, p, orderMatters);
        }
        if (!Rows.isIdentity(permutation)) {
            flags.add(ResultComparator.FLAG_PERMUTED);
        }
        return Verdict.pass(mode, flags, orderMatters ? "same rows in the same order" : "same rows");
    }

    private Verdict valuesDiffer(String mode, Set<String> flags, Row[] goldKeys, Row[] predictedKeys,
            List<List<Object>> g, List<List<Object>> p, boolean ordered) {
        if (ordered && sameBag(goldKeys, predictedKeys)) {
            return Verdict.fail(mode, flags, FailureCategory.WRONG_ORDER,
                    "same rows in a different order (gold's text says \"order by\")", List.of(), List.of());
        }
        return Verdict.fail(mode, flags, FailureCategory.WRONG_VALUES, "the values differ",
                display(g, difference(goldKeys, predictedKeys)), display(p, difference(predictedKeys, goldKeys)));
    }

    /** Each row's values, ordered as {@code unorder_row} orders them (by text + type name). */
    private static Row[] unordered(List<List<Object>> rows) {
        Row[] out = new Row[rows.size()];
        for (int r = 0; r < out.length; r++) {
            List<Object> row = rows.get(r);
            int n = row.size();
            String[] sortKeys = new String[n];
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                sortKeys[i] = PythonValues.sortKey(row.get(i));
                order[i] = i;
            }
            // Python's sort is stable, as is this one
            Arrays.sort(order, (a, b) -> PythonValues.compareCodePoints(sortKeys[a], sortKeys[b]));
            Object[] keys = new Object[n];
            for (int i = 0; i < n; i++) {
                keys[i] = PythonValues.key(row.get(order[i]));
            }
            out[r] = new Row(keys);
        }
        return out;
    }

    private static Row[] keys(List<List<Object>> rows) {
        Row[] out = new Row[rows.size()];
        for (int r = 0; r < out.length; r++) {
            List<Object> row = rows.get(r);
            Object[] keys = new Object[row.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = PythonValues.key(row.get(i));
            }
            out[r] = new Row(keys);
        }
        return out;
    }

    /**
     * A permutation (gold column j ↔ predicted column perm[j]) making the results equal, or null.
     * The official evaluator narrows the candidates for more than three columns by sampling rows;
     * checking every row narrows them at least as far and keeps every permutation that can match.
     */
    private static int[] findPermutation(Row[] gold, Row[] predicted, int columns, boolean ordered) {
        List<List<Integer>> candidates = new ArrayList<>();
        for (int j = 0; j < columns; j++) {
            Set<Object> goldColumn = new HashSet<>();
            for (Row row : gold) {
                goldColumn.add(row.keys()[j]);
            }
            List<Integer> fits = new ArrayList<>();
            for (int i = 0; i < columns; i++) {
                boolean all = true;
                for (Row row : predicted) {
                    if (!goldColumn.contains(row.keys()[i])) {
                        all = false;
                        break;
                    }
                }
                if (all) {
                    fits.add(i);
                }
            }
            if (fits.isEmpty()) {
                return null;
            }
            // identity first: the common case, found at once
            if (fits.remove(Integer.valueOf(j))) {
                fits.addFirst(j);
            }
            candidates.add(fits);
        }
        Map<Row, Integer> goldBag = ordered ? null : bag(gold);
        int[] perm = new int[columns];
        long[] budget = {MAX_PERMUTATIONS};
        return search(0, candidates, perm, new boolean[columns], budget, gold, predicted, goldBag) ? perm : null;
    }

    private static boolean search(int j, List<List<Integer>> candidates, int[] perm, boolean[] used, long[] budget,
            Row[] gold, Row[] predicted, Map<Row, Integer> goldBag) {
        if (j == perm.length) {
            if (--budget[0] < 0) {
                return false;
            }
            Row[] permuted = new Row[predicted.length];
            for (int r = 0; r < predicted.length; r++) {
                Object[] keys = new Object[perm.length];
                for (int c = 0; c < perm.length; c++) {
                    keys[c] = predicted[r].keys()[perm[c]];
                }
                permuted[r] = new Row(keys);
            }
            return goldBag == null ? Arrays.equals(gold, permuted) : goldBag.equals(bag(permuted));
        }
        for (int i : candidates.get(j)) {
            if (!used[i]) {
                used[i] = true;
                perm[j] = i;
                if (search(j + 1, candidates, perm, used, budget, gold, predicted, goldBag)) {
                    return true;
                }
                used[i] = false;
                if (budget[0] < 0) {
                    return false;
                }
            }
        }
        return false;
    }

    private static Map<Row, Integer> bag(Row[] rows) {
        Map<Row, Integer> bag = new HashMap<>();
        for (Row row : rows) {
            bag.merge(row, 1, Integer::sum);
        }
        return bag;
    }

    private static boolean sameBag(Row[] a, Row[] b) {
        return bag(a).equals(bag(b));
    }

    /** Indices of up to a few rows of {@code from} that {@code minus} lacks, as bags in column order. */
    private static List<Integer> difference(Row[] from, Row[] minus) {
        Map<Row, Integer> left = bag(minus);
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < from.length && out.size() < SAMPLE_ROWS; r++) {
            Integer n = left.get(from[r]);
            if (n == null || n == 0) {
                out.add(r);
            } else {
                left.put(from[r], n - 1);
            }
        }
        return out;
    }

    private List<List<String>> display(List<List<Object>> rows, List<Integer> indices) {
        List<List<String>> out = new ArrayList<>();
        List<Integer> wanted = indices;
        if (wanted == null) {
            wanted = new ArrayList<>();
            for (int r = 0; r < Math.min(SAMPLE_ROWS, rows.size()); r++) {
                wanted.add(r);
            }
        }
        for (int r : wanted) {
            List<String> row = new ArrayList<>();
            for (Object v : rows.get(r)) {
                row.add(normalizer.display(v));
            }
            out.add(row);
        }
        return out;
    }
}
