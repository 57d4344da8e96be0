package dev.querybench.engine.db;

import java.time.Duration;

/**
 * Limits applied to every untrusted query.
 *
 * @param timeout wall-clock limit after which the query is cancelled on the database
 * @param rowCap most rows read; a larger result is cut and marked truncated
 * @param maxValueBytes largest single value (string, binary, array) a result may hold; a query
 *     returning a larger one fails instead of filling memory
 * @param maxResultBytes most bytes of values one result keeps; a larger result is cut and marked
 *     truncated, like one over the row cap
 */
public record QueryLimits(Duration timeout, int rowCap, long maxValueBytes, long maxResultBytes) {

    /** Default largest value: 16 MiB. */
    public static final long DEFAULT_MAX_VALUE_BYTES = 16L * 1024 * 1024;
    /** Default most bytes one result keeps: 128 MiB. */
    public static final long DEFAULT_MAX_RESULT_BYTES = 128L * 1024 * 1024;

    public QueryLimits {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("query timeout must be positive");
        }
        if (rowCap < 1) {
            throw new IllegalArgumentException("row cap must be at least 1");
        }
        if (maxValueBytes < 1 || maxResultBytes < 1) {
            throw new IllegalArgumentException("byte limits must be at least 1");
        }
    }

    /** Limits with the default byte bounds. */
    public QueryLimits(Duration timeout, int rowCap) {
        this(timeout, rowCap, DEFAULT_MAX_VALUE_BYTES, DEFAULT_MAX_RESULT_BYTES);
    }

    /** The same limits with other byte bounds. */
    public QueryLimits withBytes(long valueBytes, long resultBytes) {
        return new QueryLimits(timeout, rowCap, valueBytes, resultBytes);
    }
}
