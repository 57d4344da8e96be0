package dev.querybench.engine.evaluation.sql;

import dev.querybench.engine.db.RowSink;
import java.util.Arrays;
import java.util.List;

/**
 * A query result reduced to hashes, for comparing results larger than the row cap: per row, the
 * hash of its normalised values in select-list order, and per column an order-insensitive
 * fingerprint of its values (so columns can be matched to a permuted prediction's). A digest
 * built with its value hashes also keeps each value's hash (column by column), from which the
 * row hashes under any column permutation follow. Memory: 8 bytes a row, plus 8 bytes a value
 * when value hashes are kept; no row is held.
 *
 * <p>Built by streaming rows into a {@link Builder}; immutable once built and thread-safe (the
 * sorted copy of the row hashes is made once, on first use).
 */
public final class ResultDigest {

    private final List<String> columns;
    private final int rows;
    private final long[] rowHashes;
    private final long[] fingerprints;
    private final long[][] valueHashes;
    private final boolean truncated;
    private volatile long[] sorted;

    private ResultDigest(List<String> columns, int rows, long[] rowHashes, long[] fingerprints, long[][] valueHashes,
            boolean truncated) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.rowHashes = rowHashes;
        this.fingerprints = fingerprints;
        this.valueHashes = valueHashes;
        this.truncated = truncated;
    }

    /** @param keepValueHashes true to keep each value's hash (for a prediction's column permutations) */
    public static Builder builder(RowHasher hasher, boolean keepValueHashes) {
        return new Builder(hasher, keepValueHashes);
    }

    public List<String> columns() {
        return columns;
    }

    public int columnCount() {
        return columns.size();
    }

    public int rowCount() {
        return rows;
    }

    /** True when the stream stopped at its row limit: the digest covers only part of the result. */
    public boolean truncated() {
        return truncated;
    }

    /** The order-insensitive fingerprint of a column's values (equal columns have equal fingerprints). */
    long fingerprint(int column) {
        return fingerprints[column];
    }

    /**
     * Row hashes in the order read, values in select-list order; the first {@link #rowCount()}
     * entries count. Not a copy: do not change it.
     */
    long[] rowHashes() {
        return rowHashes;
    }

    /** Row hashes sorted, for multiset comparison. Not a copy: do not change it. */
    long[] sortedRowHashes() {
        long[] s = sorted;
        if (s == null) {
            s = Arrays.copyOf(rowHashes, rows);
            Arrays.sort(s);
            sorted = s;
        }
        return s;
    }

    boolean hasValueHashes() {
        return valueHashes != null;
    }

    /**
     * Row hashes in the order read with the values taken as {@code order} says (the j-th value of
     * the row is column {@code order[j]}); needs the value hashes.
     */
    long[] rowHashes(int[] order) {
        long[] out = new long[rows];
        long[] row = new long[valueHashes.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < row.length; c++) {
                row[c] = valueHashes[c][r];
            }
            out[r] = RowHasher.row(row, order);
        }
        return out;
    }

    /** Builds a digest from streamed rows; for one stream on one thread. */
    public static final class Builder implements RowSink {
        private final RowHasher hasher;
        private final boolean keepValueHashes;
        private List<String> columns = List.of();
        private long[] rowHashes = new long[1024];
        private long[] fingerprints = new long[0];
        private long[][] valueHashes;
        private long[] hashes = new long[0];
        private int rows;

        private Builder(RowHasher hasher, boolean keepValueHashes) {
            this.hasher = hasher;
            this.keepValueHashes = keepValueHashes;
        }

        @Override
        public void columns(List<String> labels) {
            columns = List.copyOf(labels);
            fingerprints = new long[labels.size()];
            valueHashes = keepValueHashes ? new long[labels.size()][1024] : null;
        }

        /** Only hashes are kept: the rows' arrays may be reused. */
        @Override
        public boolean keepsRows() {
            return false;
        }

        @Override
        public boolean row(Object[] values) {
            if (rows == Integer.MAX_VALUE - 8) {
                return false;
            }
            if (rows == rowHashes.length) {
                int grown = (int) Math.min(Integer.MAX_VALUE - 8L, 2L * rows);
                rowHashes = Arrays.copyOf(rowHashes, grown);
                if (valueHashes != null) {
                    for (int c = 0; c < valueHashes.length; c++) {
                        valueHashes[c] = Arrays.copyOf(valueHashes[c], grown);
                    }
                }
            }
            if (hashes.length != values.length) {
                hashes = new long[values.length];
            }
            for (int c = 0; c < values.length; c++) {
                long h = hasher.value(values[c]);
                hashes[c] = h;
                fingerprints[c] += RowHasher.fingerprintPart(h);
                if (valueHashes != null) {
                    valueHashes[c][rows] = h;
                }
            }
            rowHashes[rows++] = RowHasher.row(hashes);
            return true;
        }

        /** @param truncated whether the stream stopped at its row limit */
        public ResultDigest build(boolean truncated) {
            // arrays are kept at their grown capacity: trimming would copy them at the memory peak
            return new ResultDigest(columns, rows, rowHashes, fingerprints, valueHashes, truncated);
        }
    }
}
