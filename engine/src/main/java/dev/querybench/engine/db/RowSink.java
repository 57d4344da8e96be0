package dev.querybench.engine.db;

import java.util.List;

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
     * One row, one JDBC value per column ({@code null} for SQL NULL). The array is the sink's to
     * keep.
     *
     * @return false to stop reading (the rest of the result is not fetched)
     */
    boolean row(Object[] values);
}
