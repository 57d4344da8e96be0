package dev.querybench.engine.evaluation.sql;

import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.Verdict;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares a predicted result with a gold result under a {@link MatchMode}.
 *
 * <p>Strict mode: the prediction must have as many columns as gold and some permutation of its
 * columns must make the two results equal as whole rows — as multisets, or as sequences when
 * gold's outermost query orders. Values are normalised by {@link ValueNormalizer}; numbers
 * compare with a relative tolerance. Immutable and thread-safe.
 */
public final class ResultComparator {

    public static final String FLAG_VACUOUS = "vacuous";
    public static final String FLAG_ORDERED = "order-sensitive";
    public static final String FLAG_PERMUTED = "columns-permuted";
    public static final String FLAG_TRUNCATED = "truncated";
    public static final String FLAG_EXTRA_COLUMNS = "extra-columns";
    /** An ordered result passed with rows of equal ORDER BY keys in another order than gold's. */
    public static final String FLAG_TIES_REORDERED = "ties-reordered";

    private static final int SAMPLE_ROWS = 5;
    private static final int MAX_PERMUTATIONS = 20_000;

    private final ValueNormalizer normalizer = new ValueNormalizer();
    private final double tolerance;

    /** @param tolerance relative tolerance for numbers; 0 means exact */
    public ResultComparator(double tolerance) {
        if (tolerance < 0) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
        this.tolerance = tolerance;
    }

    public ResultComparator() {
        this(1e-9);
    }

    /** The relative tolerance for numbers; 0 means exact. */
    public double tolerance() {
        return tolerance;
    }

    /** Compares in {@link MatchMode#STRICT} mode. */
    public Verdict compare(QueryResult gold, QueryResult predicted, boolean ordered) {
        return compare(gold, predicted, ordered, MatchMode.STRICT);
    }

    /**
     * Compares under {@code matchMode}. For {@link MatchMode#SPIDER} the caller has already
     * rewritten both queries as Spider does and decided {@code ordered} from gold's text.
     */
    public Verdict compare(QueryResult gold, QueryResult predicted, boolean ordered, MatchMode matchMode) {
        return compare(gold, predicted, ordered, matchMode, null);
    }

    /**
     * Compares under {@code matchMode} ({@code strict}, {@code subset} or {@code set}; the modes that
     * reproduce an official evaluator have comparators of their own). When gold is ordered, rows
     * whose values in the {@code orderKeys} columns are equal may come in any order among
     * themselves; without keys (null: ORDER BY keys not in the result) the rows must come in gold's
     * exact order. docs/evaluation.md, "ordered results".
     */
    public Verdict compare(QueryResult gold, QueryResult predicted, boolean ordered, MatchMode matchMode,
            int[] orderKeys) {
        return switch (matchMode) {
            case SUBSET -> strict(gold, predicted, ordered, matchMode.id(), true, orderKeys);
            case SET, BIRD -> set(gold, predicted, matchMode.id());
            default -> strict(gold, predicted, ordered, matchMode.id(), false, orderKeys);
        };
    }

    private Verdict strict(QueryResult gold, QueryResult predicted, boolean ordered, String mode, boolean subset,
            int[] orderKeys) {
        Set<String> flags = new HashSet<>();
        if (ordered) {
            flags.add(FLAG_ORDERED);
        }
        if (gold.truncated() || predicted.truncated()) {
            flags.add(FLAG_TRUNCATED);
        }
        List<Object[]> g = normalizeRows(gold);
        List<Object[]> p = normalizeRows(predicted);
        if (g.isEmpty() && p.isEmpty()) {
            flags.add(FLAG_VACUOUS);
            return Verdict.pass(mode, flags, "both results are empty");
        }
        int gc = gold.columns().size();
        int pc = predicted.columns().size();
        if (subset ? pc < gc : gc != pc) {
            return Verdict.fail(mode, flags, FailureCategory.WRONG_COLUMNS,
                    "column count " + pc + " vs " + gc + (subset ? " or more" : ""), List.of(), List.of());
        }
        if (p.isEmpty()) {
            return Verdict.fail(mode, flags, FailureCategory.EMPTY_RESULT,
                    "the prediction returned no rows; gold returned " + g.size(), sample(g), List.of());
        }
        if (g.size() != p.size()) {
            return Verdict.fail(mode, flags, FailureCategory.WRONG_ROW_COUNT,
                    "row count " + p.size() + " vs " + g.size(), difference(g, p, Rows.identity(gc)), difference(p, g, Rows.identity(gc)));
        }
        List<Object[]> gSorted = sorted(g);
        int[] unorderedMatch = findPermutation(gSorted, p, gc, pc, null, null);
        if (unorderedMatch == null) {
            return Verdict.fail(mode, flags, FailureCategory.WRONG_VALUES, "the values differ",
                    difference(g, p, Rows.identity(gc)), difference(p, g, Rows.identity(gc)));
        }
        if (!Rows.isIdentity(unorderedMatch) || pc > gc) {
            flags.add(pc > gc ? FLAG_EXTRA_COLUMNS : FLAG_PERMUTED);
        }
        if (!ordered) {
            return Verdict.pass(mode, flags, "same rows");
        }
        int[] orderedMatch = findPermutation(gSorted, p, gc, pc, orderKeys == null ? NO_KEYS : orderKeys, g);
        if (orderedMatch == null) {
            return Verdict.fail(mode, flags, FailureCategory.WRONG_ORDER, "same rows in a different order (gold is"
                    + " ordered" + (orderKeys == null ? "" : " by its ORDER BY keys") + ")", List.of(), List.of());
        }
        if (orderKeys != null && !rowsEqual(g, permute(p, orderedMatch))) {
            flags.add(FLAG_TIES_REORDERED);
            return Verdict.pass(mode, flags, "same rows in the same order of the ORDER BY keys");
        }
        return Verdict.pass(mode, flags, "same rows in the same order");
    }

    private Verdict set(QueryResult gold, QueryResult predicted, String mode) {
        Set<String> flags = new HashSet<>();
        if (gold.truncated() || predicted.truncated()) {
            flags.add(FLAG_TRUNCATED);
        }
        List<Object[]> g = distinct(sorted(normalizeRows(gold)));
        List<Object[]> p = distinct(sorted(normalizeRows(predicted)));
        if (g.isEmpty() && p.isEmpty()) {
            flags.add(FLAG_VACUOUS);
            return Verdict.pass(mode, flags, "both results are empty");
        }
        if (p.isEmpty()) {
            return Verdict.fail(mode, flags, FailureCategory.EMPTY_RESULT,
                    "the prediction returned no rows; gold returned " + g.size(), sample(g), List.of());
        }
        if (gold.columns().size() != predicted.columns().size()) {
            return Verdict.fail(mode, flags, FailureCategory.WRONG_COLUMNS,
                    "column count " + predicted.columns().size() + " vs " + gold.columns().size(), List.of(), List.of());
        }
        if (rowsEqual(g, p)) {
            return Verdict.pass(mode, flags, "same set of rows");
        }
        int[] identity = Rows.identity(gold.columns().size());
        return Verdict.fail(mode, flags, g.size() == p.size() ? FailureCategory.WRONG_VALUES
                : FailureCategory.WRONG_ROW_COUNT, "distinct rows " + p.size() + " vs " + g.size(),
                difference(g, p, identity), difference(p, g, identity));
    }

    private List<Object[]> distinct(List<Object[]> sortedRows) {
        List<Object[]> out = new ArrayList<>(sortedRows.size());
        for (Object[] row : sortedRows) {
            if (out.isEmpty() || !rowEquals(out.getLast(), row)) {
                out.add(row);
            }
        }
        return out;
    }

    /** Ordered, without sort keys: every row in gold's place. */
    private static final int[] NO_KEYS = new int[0];

    /**
     * Finds a column permutation {@code perm} (gold column j ↔ predicted column perm[j]) that
     * makes the results equal as whole rows; null if none does. {@code orderKeys} null compares as
     * bags; otherwise as sequences of runs of equal keys (an empty array: runs of one row).
     */
    private int[] findPermutation(List<Object[]> goldSorted, List<Object[]> predicted, int columns,
            int predictedColumns, int[] orderKeys, List<Object[]> goldInOrder) {
        List<List<Integer>> candidates = new ArrayList<>();
        for (int j = 0; j < columns; j++) {
            List<Object> goldColumn = sortedColumn(goldSorted, j);
            List<Integer> fits = new ArrayList<>();
            for (int i = 0; i < predictedColumns; i++) {
                if (sameValues(goldColumn, sortedColumn(predicted, i))) {
                    fits.add(i);
                }
            }
            if (fits.isEmpty()) {
                return null;
            }
            candidates.add(fits);
        }
        int[] perm = new int[columns];
        boolean[] used = new boolean[predictedColumns];
        int[] budget = {MAX_PERMUTATIONS};
        return search(0, candidates, perm, used, budget, goldSorted, predicted, orderKeys, goldInOrder) ? perm : null;
    }

    private boolean search(int j, List<List<Integer>> candidates, int[] perm, boolean[] used, int[] budget,
            List<Object[]> goldSorted, List<Object[]> predicted, int[] orderKeys, List<Object[]> goldInOrder) {
        if (j == perm.length) {
            if (--budget[0] < 0) {
                return false;
            }
            List<Object[]> permuted = permute(predicted, perm);
            return orderKeys != null ? runsEqual(goldInOrder, permuted, orderKeys)
                    : rowsEqual(goldSorted, sorted(permuted));
        }
        List<Integer> fits = new ArrayList<>(candidates.get(j));
        fits.sort(Comparator.comparingInt(i -> i == j ? 0 : 1));
        for (int i : fits) {
            if (!used[i]) {
                used[i] = true;
                perm[j] = i;
                if (search(j + 1, candidates, perm, used, budget, goldSorted, predicted, orderKeys, goldInOrder)) {
                    return true;
                }
                used[i] = false;
            }
            if (budget[0] < 0) {
                return false;
            }
        }
        return false;
    }

    private List<Object[]> normalizeRows(QueryResult result) {
        List<Object[]> rows = new ArrayList<>(result.rowCount());
        for (List<Object> row : result.rows()) {
            Object[] n = new Object[row.size()];
            for (int i = 0; i < n.length; i++) {
                n[i] = normalizer.normalize(row.get(i));
            }
            rows.add(n);
        }
        return rows;
    }

    private static List<Object[]> permute(List<Object[]> rows, int[] perm) {
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Object[] p = new Object[perm.length];
            for (int j = 0; j < perm.length; j++) {
                p[j] = row[perm[j]];
            }
            out.add(p);
        }
        return out;
    }

    private List<Object[]> sorted(List<Object[]> rows) {
        List<Object[]> copy = new ArrayList<>(rows);
        copy.sort(Rows::compareRows);
        return copy;
    }

    private List<Object> sortedColumn(List<Object[]> rows, int column) {
        List<Object> values = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            values.add(row[column]);
        }
        values.sort(Rows::compareValues);
        return values;
    }

    private boolean sameValues(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!valuesEqual(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean rowsEqual(List<Object[]> a, List<Object[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int r = 0; r < a.size(); r++) {
            if (!rowEquals(a.get(r), b.get(r))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Gold and the prediction as sequences of runs of rows with equal sort keys: each run must hold
     * the same rows in the same place, in any order within it.
     */
    private boolean runsEqual(List<Object[]> gold, List<Object[]> predicted, int[] keys) {
        if (gold.size() != predicted.size()) {
            return false;
        }
        int start = 0;
        for (int r = 1; r <= gold.size(); r++) {
            if (r < gold.size() && keys.length > 0 && sameKeys(gold.get(r - 1), gold.get(r), keys)) {
                continue;
            }
            if (r - start == 1) {
                if (!rowEquals(gold.get(start), predicted.get(start))) {
                    return false;
                }
            } else if (!rowsEqual(sorted(gold.subList(start, r)), sorted(predicted.subList(start, r)))) {
                return false;
            }
            start = r;
        }
        return true;
    }

    private boolean sameKeys(Object[] a, Object[] b, int[] keys) {
        for (int k : keys) {
            if (!valuesEqual(a[k], b[k])) {
                return false;
            }
        }
        return true;
    }

    boolean valuesEqual(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            int exact = x.compareTo(y);
            if (exact == 0 || tolerance == 0) {
                return exact == 0;
            }
            BigDecimal diff = x.subtract(y).abs();
            BigDecimal scale = x.abs().max(y.abs());
            return diff.compareTo(scale.multiply(BigDecimal.valueOf(tolerance), MathContext.DECIMAL64)) <= 0;
        }
        return a.equals(b);
    }

    /** Up to a few rows of {@code from} that {@code minus} lacks (multiset difference, by sorted merge). */
    private List<List<String>> difference(List<Object[]> from, List<Object[]> minus, int[] perm) {
        List<Object[]> a = sorted(from);
        List<Object[]> b = sorted(permute(minus, perm));
        List<List<String>> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && out.size() < SAMPLE_ROWS) {
            if (j < b.size() && rowEquals(a.get(i), b.get(j))) {
                i++;
                j++;
            } else if (j < b.size() && Rows.compareRows(a.get(i), b.get(j)) > 0) {
                j++;
            } else {
                out.add(display(a.get(i)));
                i++;
            }
        }
        return out;
    }

    private boolean rowEquals(Object[] x, Object[] y) {
        for (int c = 0; c < x.length; c++) {
            if (!valuesEqual(x[c], y[c])) {
                return false;
            }
        }
        return true;
    }

    private List<List<String>> sample(List<Object[]> rows) {
        return rows.stream().limit(SAMPLE_ROWS).map(this::display).toList();
    }

    private List<String> display(Object[] row) {
        List<String> out = new ArrayList<>(row.length);
        for (Object v : row) {
            out.add(normalizer.display(v));
        }
        return out;
    }
}
