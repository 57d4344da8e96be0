package dev.querybench.engine.db;

import java.util.List;
import java.util.function.Predicate;

/**
 * Receives a query's rows one at a time, so a result larger than the row cap can be read
 * without holding it: see {@link SafeExecutor#stream}. Called from one thread per query.
 */
public interface RowSink {

    /**
     * Called once the statement exists and before it runs, with an action that cancels it on the
     * database ({@code Statement.cancel()}); the action may be run from any thread, and the query
     * then ends with a {@link QueryExecutionException}. Backends that cannot cancel never call it.
     */
    default void statementStarted(Runnable cancel) {
        // most sinks never cancel
    }

    /** The column labels in select-list order, once, before any row. */
    void columns(List<String> labels);

    /**
     * Whether the sink keeps the arrays {@link #row} hands it. A sink that reads each row and lets
     * go of it (a digest of hashes) answers false, and a streaming backend may then hand it the
     * same array, refilled, for every row: one array per query instead of one per row.
     */
    default boolean keepsRows() {
        return true;
    }

    /**
     * One row, one JDBC value per column ({@code null} for SQL NULL). The array is the sink's to
     * keep, unless it says with {@link #keepsRows()} that it does not keep it: then it must not
     * hold the array beyond this call (the values in it it may keep).
     *
     * @return false to stop reading (the rest of the result is not fetched)
     */
    boolean row(Object[] values);

    /**
     * A sink that reads each row during the call and keeps no array ({@link #keepsRows()} false),
     * whatever the column labels are.
     *
     * @param row called for each row; false stops reading
     */
    static RowSink eachRow(Predicate<Object[]> row) {
        return new RowSink() {
            @Override
            public void columns(List<String> labels) {
                // the caller reads values by position
            }

            @Override
            public boolean keepsRows() {
                return false;
            }

            @Override
            public boolean row(Object[] values) {
                return row.test(values);
            }
        };
    }
}
