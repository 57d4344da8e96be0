package dev.querybench.engine.db.internal;

import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryFailure;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.RowSink;
import dev.querybench.engine.db.StreamedRows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one query on a connection with a server-side cancel at the deadline and a row cap, reading
 * rows as they stream in, and turns driver errors into {@link QueryFailure}s. Thread-safe;
 * connections are not shared.
 */
public final class JdbcQueryRunner {

    /** Fetch size that asks MySQL Connector/J to stream rows one by one instead of buffering all. */
    public static final int STREAM_ROW_BY_ROW = Integer.MIN_VALUE;

    private final QueryWatchdog watchdog;
    private final Dialect dialect;
    /** Whether statements also get the driver's own query timer ({@link dev.querybench.engine.db.DatabaseEngine#needsDriverQueryTimer()}). */
    private final boolean driverTimer;
    private final DatabaseErrors errors;

    public JdbcQueryRunner(QueryWatchdog watchdog, Dialect dialect, DatabaseErrors errors) {
        this.watchdog = watchdog;
        this.dialect = dialect;
        this.driverTimer = dialect.engine().needsDriverQueryTimer();
        this.errors = errors;
    }

    /** Runs {@code sql} with a fetch size of up to 1,000 rows. */
    public QueryResult run(Connection connection, String sql, QueryLimits limits) {
        return run(connection, sql, limits, Math.min(limits.rowCap() + 1, 1_000));
    }

    /**
     * Runs {@code sql} with {@link Statement#execute}, never {@code executeUpdate} (which some
     * drivers use to run stacked statements).
     *
     * @param fetchSize rows per round trip, or {@link #STREAM_ROW_BY_ROW}
     * @throws QueryExecutionException {@link QueryFailure#REFUSED} when the statement returned no
     *     rows (it has run by then: the caller must discard the connection's session)
     */
    public QueryResult run(Connection connection, String sql, QueryLimits limits, int fetchSize) {
        long start = System.nanoTime();
        return onStatement(connection, sql, limits, limits.rowCap() + 1, fetchSize,
                statement -> read(statement, sql, limits, start));
    }

    /**
     * Runs {@code sql} like {@link #run} and hands up to {@code maxRows} rows to the sink as they
     * are read, holding none of them.
     *
     * @throws QueryExecutionException as {@link #run} does
     */
    public StreamedRows stream(Connection connection, String sql, QueryLimits limits, long maxRows, int fetchSize,
            RowSink sink) {
        long start = System.nanoTime();
        int statementMax = maxRows >= Integer.MAX_VALUE - 1 ? 0 : (int) maxRows + 1;
        return onStatement(connection, sql, limits, statementMax, fetchSize, statement -> {
            sink.statementStarted(() -> cancelQuietly(statement));
            try (ResultSet rs = resultSet(statement, sql)) {
                int n = rs.getMetaData().getColumnCount();
                sink.columns(labels(rs.getMetaData()));
                long rows = 0;
                boolean truncated = false;
                Object[] shared = sink.keepsRows() ? null : new Object[n];
                while (rs.next()) {
                    if (rows == maxRows) {
                        truncated = true;
                        break;
                    }
                    Object[] row = shared != null ? shared : new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                        checkValue(row[i], limits);
                    }
                    rows++;
                    if (!sink.row(row)) {
                        truncated = true;
                        break;
                    }
                }
                return new StreamedRows(rows, truncated, Duration.ofNanos(System.nanoTime() - start));
            }
        });
    }

    /** Work on an executing statement that may throw {@link SQLException}. */
    @FunctionalInterface
    private interface StatementWork<T> {
        T apply(Statement statement) throws SQLException;
    }

    /** Runs the work on a new statement with the row limit, fetch size, timeout and watchdog set. */
    private <T> T onStatement(Connection connection, String sql, QueryLimits limits, int maxRows, int fetchSize,
            StatementWork<T> work) {
        try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setMaxRows(maxRows);
            statement.setFetchSize(fetchSize);
            if (driverTimer) {
                // an engine may say it needs none (PostgreSQL: the session's statement_timeout and the watchdog's
                // cancel suffice; pgjdbc's timer would be a third copy, scheduled and cancelled per statement)
                statement.setQueryTimeout((int) Math.max(1, (limits.timeout().toMillis() + 999) / 1000));
            }
            try (QueryWatchdog.Deadline deadline = watchdog.arm(statement, limits.timeout())) {
                T result;
                try {
                    result = work.apply(statement);
                } catch (SQLException e) {
                    if (deadline.fired()) {
                        throw timeout(limits, e);
                    }
                    if (deadline.interrupted() || Thread.currentThread().isInterrupted()) {
                        throw QueryExecutionException.cancelled(e);
                    }
                    throw e;
                }
                if (deadline.fired()) {
                    // some functions (MySQL's SLEEP) return normally when their query is killed
                    throw timeout(limits, null);
                }
                return result;
            }
        } catch (SQLException e) {
            if (exceededDriverBuffer(e)) {
                throw new QueryExecutionException(QueryFailure.RUNTIME, "the result holds more data in one fetch than"
                        + " the driver's limit (maxResultBuffer) allows: a value or rows this large are not read", e);
            }
            QueryFailure failure = errors.classify(e, dialect);
            if (failure == QueryFailure.TIMEOUT) {
                throw timeout(limits, e);
            }
            throw new QueryExecutionException(failure, errors.describe(e, dialect), e);
        }
    }

    /** Whether pgjdbc stopped reading because a fetch exceeded its {@code maxResultBuffer}. */
    private static boolean exceededDriverBuffer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("maxResultBuffer")) {
                return true;
            }
        }
        return false;
    }

    private static void cancelQuietly(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException | RuntimeException ignored) {
            // the statement has ended or closed: nothing is left to stop
        }
    }

    private static ResultSet resultSet(Statement statement, String sql) throws SQLException {
        if (!statement.execute(sql)) {
            throw new QueryExecutionException(QueryFailure.REFUSED,
                    "refused: the statement returned no rows; only queries may run here", null);
        }
        return statement.getResultSet();
    }

    private static List<String> labels(ResultSetMetaData meta) throws SQLException {
        int n = meta.getColumnCount();
        List<String> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(meta.getColumnLabel(i));
        }
        return columns;
    }

    private static QueryResult read(Statement statement, String sql, QueryLimits limits, long start)
            throws SQLException {
        try (ResultSet rs = resultSet(statement, sql)) {
            int n = rs.getMetaData().getColumnCount();
            List<String> columns = labels(rs.getMetaData());
            List<List<Object>> rows = new ArrayList<>();
            boolean truncated = false;
            long bytes = 0;
            while (rs.next()) {
                if (rows.size() == limits.rowCap()) {
                    truncated = true;
                    break;
                }
                Object[] row = new Object[n];
                long rowBytes = 0;
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getObject(i + 1);
                    rowBytes += checkValue(row[i], limits);
                }
                if (bytes + rowBytes > limits.maxResultBytes()) {
                    truncated = true;
                    break;
                }
                bytes += rowBytes;
                rows.add(Arrays.asList(row));
            }
            return new QueryResult(columns, rows, truncated, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * The approximate size of a value in bytes (characters for text).
     *
     * @throws QueryExecutionException when it is larger than the limits allow
     */
    static long checkValue(Object value, QueryLimits limits) {
        long size = switch (value) {
            case null -> 0;
            case CharSequence text -> text.length();
            case byte[] binary -> binary.length;
            case java.sql.Array array -> 64;
            default -> 16;
        };
        if (size > limits.maxValueBytes()) {
            throw new QueryExecutionException(QueryFailure.RUNTIME, "the result holds a value of " + size
                    + " bytes, more than the limit of " + limits.maxValueBytes() + " bytes per value", null);
        }
        return size + 8;
    }

    private static QueryExecutionException timeout(QueryLimits limits, SQLException cause) {
        return new QueryExecutionException(QueryFailure.TIMEOUT,
                "the query ran longer than " + limits.timeout().toMillis() + " ms and was stopped", cause);
    }
}
