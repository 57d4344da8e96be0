package dev.querybench.engine.console;

import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.RowSink;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.StatementGuard;
import dev.querybench.engine.db.StreamedRows;
import dev.querybench.engine.evaluation.sql.ValueNormalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * An ad-hoc query read a page at a time, so a result of millions of rows is never held whole:
 * the row count comes from {@code SELECT COUNT(*)} over the query, and each page from
 * {@code SELECT * FROM (query) LIMIT n OFFSET m}, optionally ordered by one column, and a page
 * read can be cancelled on the database ({@link QueryCancel}). Every statement goes through the
 * {@link SafeExecutor}, so only one read-only query is accepted.
 * Immutable and thread-safe; every method but the accessors runs SQL and belongs off the UI
 * thread.
 */
public final class PagedQuery {

    /** The most rows one page may hold. */
    public static final int MAX_PAGE = 5_000;

    /**
     * Rows of one page as display text; {@code null} stands for SQL NULL.
     *
     * @param offset the first row's position in the whole result
     * @param rows the rows
     * @param elapsed how long the page took to read
     */
    public record Page(long offset, List<List<String>> rows, Duration elapsed) {
        public Page {
            rows = List.copyOf(rows);
        }
    }

    private final SafeExecutor executor;
    private final QueryLimits limits;
    private final String sql;
    private final List<String> columns;
    private final long rowCount;
    private final int sortColumn;
    private final boolean ascending;
    private final Duration countTime;
    private final ValueNormalizer normalizer = new ValueNormalizer();

    private PagedQuery(SafeExecutor executor, QueryLimits limits, String sql, List<String> columns, long rowCount,
            int sortColumn, boolean ascending, Duration countTime) {
        this.executor = executor;
        this.limits = limits;
        this.sql = sql;
        this.columns = List.copyOf(columns);
        this.rowCount = rowCount;
        this.sortColumn = sortColumn;
        this.ascending = ascending;
        this.countTime = countTime;
    }

    /**
     * Checks {@code sql}, reads its columns and counts its rows.
     *
     * @throws dev.querybench.engine.db.QueryExecutionException when it is refused, does not parse or fails
     */
    public static PagedQuery open(SafeExecutor executor, QueryLimits limits, String sql) {
        String checked = new StatementGuard(executor.backend().dialect()).check(sql);
        long start = System.nanoTime();
        QueryResult shape = executor.execute("SELECT * FROM (" + checked + ") AS qb_page LIMIT 0", limits);
        QueryResult count = executor.execute("SELECT COUNT(*) FROM (" + checked + ") AS qb_count", limits);
        long rows = ((Number) count.rows().getFirst().getFirst()).longValue();
        return new PagedQuery(executor, limits, checked, shape.columns(), rows, -1, true,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** The same query ordered by one column (0-based); counting again is not needed. */
    public PagedQuery sortedBy(int column, boolean ascendingOrder) {
        if (column < 0 || column >= columns.size()) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        return new PagedQuery(executor, limits, sql, columns, rowCount, column, ascendingOrder, countTime);
    }

    /** Reads up to {@code size} rows from {@code offset}. */
    public Page page(long offset, int size) {
        return page(offset, size, QueryCancel.none());
    }

    /**
     * Reads up to {@code size} rows from {@code offset}, streaming them so that {@code cancel}
     * can stop the statement on the database while it runs (a page the grid no longer shows).
     *
     * @throws CancellationException when {@code cancel} was cancelled before or while the page was read
     * @throws dev.querybench.engine.db.QueryExecutionException when the page cannot be read
     */
    public Page page(long offset, int size, QueryCancel cancel) {
        if (offset < 0 || size < 1 || size > MAX_PAGE) {
            throw new IllegalArgumentException("page needs offset >= 0 and 1 <= size <= " + MAX_PAGE);
        }
        if (cancel.isCancelled()) {
            throw new CancellationException("page at row " + offset + " is no longer wanted");
        }
        int limit = Math.min(size, limits.rowCap());
        String order = sortColumn < 0 ? "" : " ORDER BY " + (sortColumn + 1) + (ascending ? " ASC" : " DESC");
        List<List<String>> rows = new ArrayList<>(limit);
        RowSink sink = new RowSink() {
            @Override
            public void statementStarted(Runnable stop) {
                cancel.onCancel(stop);
            }

            @Override
            public void columns(List<String> labels) {
                // the columns are known from opening the query
            }

            @Override
            public boolean row(Object[] values) {
                List<String> text = new ArrayList<>(values.length);
                for (Object value : values) {
                    text.add(value == null ? null : normalizer.display(value));
                }
                rows.add(Collections.unmodifiableList(text));
                return !cancel.isCancelled();
            }
        };
        StreamedRows read;
        try {
            read = executor.stream("SELECT * FROM (" + sql + ") AS qb_page" + order + " LIMIT " + limit
                    + " OFFSET " + offset, new QueryLimits(limits.timeout(), limit), limit, sink);
        } catch (RuntimeException e) {
            if (cancel.isCancelled()) {
                CancellationException stopped = new CancellationException("page at row " + offset + " was cancelled");
                stopped.initCause(e);
                throw stopped;
            }
            throw e;
        }
        if (cancel.isCancelled()) {
            throw new CancellationException("page at row " + offset + " was cancelled");
        }
        return new Page(offset, rows, read.elapsed());
    }

    /** The query as checked (without a trailing semicolon). */
    public String sql() {
        return sql;
    }

    public List<String> columns() {
        return columns;
    }

    public long rowCount() {
        return rowCount;
    }

    /** The column the pages are ordered by, or -1. */
    public int sortColumn() {
        return sortColumn;
    }

    public boolean ascending() {
        return ascending;
    }

    /** How long checking and counting took. */
    public Duration countTime() {
        return countTime;
    }
}
