package dev.querybench.engine.evaluation.sql;

import dev.querybench.engine.db.RowSink;
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
 * Compares two results by their {@link ResultDigest}s, for results larger than the row cap: the
 * rows are never held, only a hash per row (and, for the prediction, per value). It applies the
 * same rules as {@link ResultComparator} with the same verdicts, reasons and flags, plus the flag
 * {@value #FLAG_HASHED}:
 *
 * <ul>
 *   <li>strict and spider: multisets of whole rows (sequences when gold orders), under a column
 *       permutation whose columns have equal value fingerprints (tried identity first);
 *   <li>subset: as strict, each gold column matched to a distinct predicted column;
 *   <li>set: sets of rows, columns in order.
 * </ul>
 *
 * <p>Values compare as {@link RowHasher} hashes them, so numbers compare after rounding to the
 * tolerance's significant digits rather than by relative difference (see there for the
 * trade-off). Samples of missing and extra rows are read again from the results through their
 * {@link Replay}s, only when the comparison fails. Immutable and thread-safe.
 */
public final class HashedResultComparator {

    /** The results were compared by per-row hashes. */
    public static final String FLAG_HASHED = "hashed";

    private static final int SAMPLE_ROWS = 5;
    private static final int MAX_PERMUTATIONS = 64;

    /** Reads a result's rows again into a sink (for samples of differing rows). */
    @FunctionalInterface
    public interface Replay {
        void into(RowSink sink);
    }

    private final RowHasher hasher;
    private final ValueNormalizer normalizer = new ValueNormalizer();

    public HashedResultComparator(RowHasher hasher) {
        this.hasher = hasher;
    }

    public RowHasher hasher() {
        return hasher;
    }

    /**
     * @param predicted a digest built with its value hashes when {@link #needsValueHashes} says so
     * @param ordered whether gold's outermost query orders (ignored in set mode)
     */
    public Verdict compare(ResultDigest gold, Replay goldRows, ResultDigest predicted, Replay predictedRows,
            boolean ordered, MatchMode mode) {
        if (!predicted.hasValueHashes() && needsValueHashes(gold, predicted, ordered, mode)) {
            throw new IllegalArgumentException("the prediction's digest must keep its value hashes");
        }
        return mode == MatchMode.SET || mode == MatchMode.BIRD ? set(gold, goldRows, predicted, predictedRows, mode)
                : strict(gold, goldRows, predicted, predictedRows, ordered, mode);
    }

    /**
     * Whether comparing the prediction needs its value hashes: only when its rows must be hashed in
     * another column order than its own, that is when it has more columns than gold's (subset
     * mode), or when its column fingerprints allow another order and its own order does not already
     * give gold's rows (in gold's order, when gold orders), which is tried first. A prediction is
     * first digested without them (8 bytes a value less) and read again with them only then.
     *
     * @param ordered whether gold's outermost query orders
     */
    public boolean needsValueHashes(ResultDigest gold, ResultDigest predicted, boolean ordered, MatchMode mode) {
        if (mode == MatchMode.SET || mode == MatchMode.BIRD) {
            return false;
        }
        boolean extraColumns = predicted.columnCount() != gold.columnCount();
        return switch (countCheck(gold, predicted, mode)) {
            // judged without hashing a predicted row again
            case BOTH_EMPTY, WRONG_COLUMNS, NO_PREDICTED_ROWS -> false;
            // its samples are its rows over gold's columns, in its own order
            case WRONG_ROW_COUNT -> extraColumns;
            case null -> extraColumns || !identityDecides(gold, predicted, ordered);
        };
    }

    /** Whether the prediction's own column order, tried first, already gives the verdict without another order. */
    private static boolean identityDecides(ResultDigest gold, ResultDigest predicted, boolean ordered) {
        List<int[]> orders = permutations(gold, predicted);
        if (orders.stream().allMatch(Rows::isIdentity)) {
            return true;
        }
        int g = gold.rowCount();
        int p = predicted.rowCount();
        return Rows.isIdentity(orders.getFirst())
                && Arrays.equals(gold.sortedRowHashes(), 0, g, predicted.sortedRowHashes(), 0, p)
                && (!ordered || Arrays.equals(gold.rowHashes(), 0, g, predicted.rowHashes(), 0, p));
    }

    /** What {@link #strict} decides from the row and column counts alone, in the order it checks them. */
    private enum CountCheck { BOTH_EMPTY, WRONG_COLUMNS, NO_PREDICTED_ROWS, WRONG_ROW_COUNT }

    /**
     * The counts' verdict shared by {@link #strict} and {@link #needsValueHashes}, so that the two
     * cannot disagree on when rows are compared; null when the counts fit and the rows decide.
     */
    private static CountCheck countCheck(ResultDigest gold, ResultDigest predicted, MatchMode mode) {
        int g = gold.rowCount();
        int p = predicted.rowCount();
        int gc = gold.columnCount();
        int pc = predicted.columnCount();
        if (g == 0 && p == 0) {
            return CountCheck.BOTH_EMPTY;
        }
        if (mode == MatchMode.SUBSET ? pc < gc : gc != pc) {
            return CountCheck.WRONG_COLUMNS;
        }
        if (p == 0) {
            return CountCheck.NO_PREDICTED_ROWS;
        }
        return g != p ? CountCheck.WRONG_ROW_COUNT : null;
    }

    private Verdict strict(ResultDigest gold, Replay goldRows, ResultDigest predicted, Replay predictedRows,
            boolean ordered, MatchMode mode) {
        boolean subset = mode == MatchMode.SUBSET;
        Set<String> flags = new HashSet<>();
        flags.add(FLAG_HASHED);
        if (ordered) {
            flags.add(ResultComparator.FLAG_ORDERED);
        }
        int g = gold.rowCount();
        int p = predicted.rowCount();
        int gc = gold.columnCount();
        int pc = predicted.columnCount();
        CountCheck counts = countCheck(gold, predicted, mode);
        if (counts != null) {
            return switch (counts) {
                case BOTH_EMPTY -> {
                    flags.add(ResultComparator.FLAG_VACUOUS);
                    yield Verdict.pass(mode.id(), flags, "both results are empty");
                }
                case WRONG_COLUMNS -> Verdict.fail(mode.id(), flags, FailureCategory.WRONG_COLUMNS,
                        "column count " + pc + " vs " + gc + (subset ? " or more" : ""), List.of(), List.of());
                case NO_PREDICTED_ROWS -> Verdict.fail(mode.id(), flags, FailureCategory.EMPTY_RESULT,
                        "the prediction returned no rows; gold returned " + g, firstRows(goldRows, gc), List.of());
                case WRONG_ROW_COUNT -> failWithSamples(mode, flags, FailureCategory.WRONG_ROW_COUNT,
                        "row count " + p + " vs " + g, gold, goldRows, predicted, predictedRows);
            };
        }
        ColumnMatch match = columnMatch(gold, predicted, ordered);
        int[] unordered = match.unordered();
        int[] inOrder = match.inOrder();
        if (unordered == null) {
            return failWithSamples(mode, flags, FailureCategory.WRONG_VALUES, "the values differ", gold, goldRows,
                    predicted, predictedRows);
        }
        if (!Rows.isIdentity(unordered) || pc > gc) {
            flags.add(pc > gc ? ResultComparator.FLAG_EXTRA_COLUMNS : ResultComparator.FLAG_PERMUTED);
        }
        if (!ordered) {
            return Verdict.pass(mode.id(), flags, "same rows");
        }
        if (inOrder == null) {
            return Verdict.fail(mode.id(), flags, FailureCategory.WRONG_ORDER,
                    "same rows in a different order (gold is ordered)", List.of(), List.of());
        }
        return Verdict.pass(mode.id(), flags, "same rows in the same order");
    }

    /**
     * A column order under which the prediction has the gold rows, and one under which it also has
     * them in the gold's order (when asked); null where there is none.
     */
    private record ColumnMatch(int[] unordered, int[] inOrder) {}

    private static ColumnMatch columnMatch(ResultDigest gold, ResultDigest predicted, boolean ordered) {
        int g = gold.rowCount();
        int p = predicted.rowCount();
        int gc = gold.columnCount();
        long[] goldSorted = gold.sortedRowHashes();
        int[] unordered = null;
        int[] inOrder = null;
        for (int[] order : permutations(gold, predicted)) {
            long[] hashes = rowHashes(predicted, order, gc);
            long[] sorted = Arrays.copyOf(hashes, p);
            Arrays.sort(sorted);
            if (!Arrays.equals(goldSorted, 0, g, sorted, 0, p)) {
                continue;
            }
            if (unordered == null) {
                unordered = order;
            }
            if (!ordered || Arrays.equals(gold.rowHashes(), 0, g, hashes, 0, p)) {
                inOrder = order;
                break;
            }
        }
        return new ColumnMatch(unordered, inOrder);
    }

    private Verdict set(ResultDigest gold, Replay goldRows, ResultDigest predicted, Replay predictedRows,
            MatchMode matchMode) {
        String mode = matchMode.id();
        Set<String> flags = new HashSet<>();
        flags.add(FLAG_HASHED);
        long[] g = distinct(gold.sortedRowHashes(), gold.rowCount());
        long[] p = distinct(predicted.sortedRowHashes(), predicted.rowCount());
        if (g.length == 0 && p.length == 0) {
            flags.add(ResultComparator.FLAG_VACUOUS);
            return Verdict.pass(mode, flags, "both results are empty");
        }
        if (p.length == 0) {
            return Verdict.fail(mode, flags, FailureCategory.EMPTY_RESULT,
                    "the prediction returned no rows; gold returned " + g.length, firstRows(goldRows,
                            gold.columnCount()), List.of());
        }
        if (gold.columnCount() != predicted.columnCount()) {
            return Verdict.fail(mode, flags, FailureCategory.WRONG_COLUMNS,
                    "column count " + predicted.columnCount() + " vs " + gold.columnCount(), List.of(), List.of());
        }
        if (Arrays.equals(g, p)) {
            return Verdict.pass(mode, flags, "same set of rows");
        }
        int columns = gold.columnCount();
        return Verdict.fail(mode, flags, g.length == p.length ? FailureCategory.WRONG_VALUES
                : FailureCategory.WRONG_ROW_COUNT, "distinct rows " + p.length + " vs " + g.length,
                rowsWithHashes(goldRows, difference(g, g.length, p, p.length), columns),
                rowsWithHashes(predictedRows, difference(p, p.length, g, g.length), columns));
    }

    private Verdict failWithSamples(MatchMode mode, Set<String> flags, FailureCategory category, String reason,
            ResultDigest gold, Replay goldRows, ResultDigest predicted, Replay predictedRows) {
        int gc = gold.columnCount();
        long[] goldSorted = gold.sortedRowHashes();
        long[] predictedSorted = rowHashes(predicted, Rows.identity(gc), gc);
        Arrays.sort(predictedSorted, 0, predicted.rowCount());
        List<Long> missing = difference(goldSorted, gold.rowCount(), predictedSorted, predicted.rowCount());
        List<Long> extra = difference(predictedSorted, predicted.rowCount(), goldSorted, gold.rowCount());
        return Verdict.fail(mode.id(), flags, category, reason, rowsWithHashes(goldRows, missing, gc),
                rowsWithHashes(predictedRows, extra, gc));
    }

    /** The prediction's row hashes over the gold's columns in the given order (a fresh array when it must be). */
    private static long[] rowHashes(ResultDigest predicted, int[] order, int goldColumns) {
        if (goldColumns == predicted.columnCount() && Rows.isIdentity(order)) {
            return Arrays.copyOf(predicted.rowHashes(), predicted.rowCount());
        }
        return predicted.rowHashes(order);
    }

    /**
     * Column orders (gold column j ↔ predicted column order[j]) whose columns have equal value
     * fingerprints, identity first, at most {@value #MAX_PERMUTATIONS}.
     */
    private static List<int[]> permutations(ResultDigest gold, ResultDigest predicted) {
        int gc = gold.columnCount();
        int pc = predicted.columnCount();
        List<List<Integer>> fits = new ArrayList<>();
        for (int j = 0; j < gc; j++) {
            List<Integer> candidates = new ArrayList<>();
            if (j < pc && predicted.fingerprint(j) == gold.fingerprint(j)) {
                candidates.add(j);
            }
            for (int i = 0; i < pc; i++) {
                if (i != j && predicted.fingerprint(i) == gold.fingerprint(j)) {
                    candidates.add(i);
                }
            }
            if (candidates.isEmpty()) {
                return List.of();
            }
            fits.add(candidates);
        }
        List<int[]> out = new ArrayList<>();
        search(0, fits, new int[gc], new boolean[pc], out);
        return out;
    }

    private static void search(int j, List<List<Integer>> fits, int[] order, boolean[] used, List<int[]> out) {
        if (out.size() >= MAX_PERMUTATIONS) {
            return;
        }
        if (j == order.length) {
            out.add(order.clone());
            return;
        }
        for (int i : fits.get(j)) {
            if (!used[i]) {
                used[i] = true;
                order[j] = i;
                search(j + 1, fits, order, used, out);
                used[i] = false;
            }
        }
    }

    /** Up to a few hashes of {@code from} that {@code minus} lacks, as multisets (both sorted). */
    private static List<Long> difference(long[] from, int fromCount, long[] minus, int minusCount) {
        List<Long> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < fromCount && out.size() < SAMPLE_ROWS) {
            if (j < minusCount && from[i] == minus[j]) {
                i++;
                j++;
            } else if (j < minusCount && from[i] > minus[j]) {
                j++;
            } else {
                out.add(from[i]);
                i++;
            }
        }
        return out;
    }

    private static long[] distinct(long[] sorted, int count) {
        long[] out = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (n == 0 || out[n - 1] != sorted[i]) {
                out[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The rows whose hash over their first {@code columns} values is wanted, as display text, read again. */
    private List<List<String>> rowsWithHashes(Replay rows, List<Long> wanted, int columns) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<Long, Integer> left = new HashMap<>();
        wanted.forEach(h -> left.merge(h, 1, Integer::sum));
        List<List<String>> out = new ArrayList<>();
        int[] order = Rows.identity(columns);
        long[] hashes = new long[columns];
        // the hashes are over the first columns, whatever their names; the samples are display text
        replay(rows, RowSink.eachRow(values -> {
            for (int c = 0; c < columns; c++) {
                hashes[c] = hasher.value(values[c]);
            }
            long h = RowHasher.row(hashes, order);
            Integer n = left.get(h);
            if (n != null) {
                out.add(display(values, columns));
                if (n == 1) {
                    left.remove(h);
                } else {
                    left.put(h, n - 1);
                }
            }
            return !left.isEmpty();
        }));
        return out;
    }

    private List<List<String>> firstRows(Replay rows, int columns) {
        List<List<String>> out = new ArrayList<>();
        replay(rows, RowSink.eachRow(values -> {
            out.add(display(values, columns));
            return out.size() < SAMPLE_ROWS;
        }));
        return out;
    }

    /** Samples are a courtesy: a result that cannot be read again gives none rather than no verdict. */
    private static void replay(Replay rows, RowSink sink) {
        try {
            rows.into(sink);
        } catch (RuntimeException e) {
            // the verdict stands without samples
        }
    }

    private List<String> display(Object[] values, int columns) {
        List<String> out = new ArrayList<>(columns);
        for (int c = 0; c < columns && c < values.length; c++) {
            out.add(normalizer.display(values[c]));
        }
        return out;
    }
}
