package dev.querybench.engine.db.internal;

import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryFailure;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one query on a connection with a server-side cancel at the deadline and a row cap, and
 * turns driver errors into {@link QueryFailure}s. Thread-safe; connections are not shared.
 */
public final class JdbcQueryRunner {

    private final QueryWatchdog watchdog;
    private final Function<SQLException, QueryFailure> classifier;

    public JdbcQueryRunner(QueryWatchdog watchdog, Function<SQLException, QueryFailure> classifier) {
        this.watchdog = watchdog;
        this.classifier = classifier;
    }

    /** Runs {@code sql} with {@link Statement#execute}, never {@code executeUpdate}. */
    public QueryResult run(Connection connection, String sql, QueryLimits limits) {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setMaxRows(limits.rowCap() + 1);
            statement.setFetchSize(Math.min(limits.rowCap() + 1, 1_000));
            int seconds = (int) Math.max(1, limits.timeout().toSeconds());
            statement.setQueryTimeout(seconds);
            try (QueryWatchdog.Deadline deadline = watchdog.arm(statement, limits.timeout())) {
                try {
                    return read(statement, sql, limits, start);
                } catch (SQLException e) {
                    if (deadline.fired()) {
                        throw timeout(limits, e);
                    }
                    throw e;
                }
            }
        } catch (SQLException e) {
            QueryFailure failure = classifier.apply(e);
            if (failure == QueryFailure.TIMEOUT) {
                throw timeout(limits, e);
            }
            throw new QueryExecutionException(failure, message(e), e);
        }
    }

    private static QueryResult read(Statement statement, String sql, QueryLimits limits, long start)
            throws SQLException {
        if (!statement.execute(sql)) {
            throw new QueryExecutionException(QueryFailure.REFUSED, "refused: the statement returned no rows", null);
        }
        try (ResultSet rs = statement.getResultSet()) {
            ResultSetMetaData meta = rs.getMetaData();
            int n = meta.getColumnCount();
            List<String> columns = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                columns.add(meta.getColumnLabel(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            boolean truncated = false;
            while (rs.next()) {
                if (rows.size() == limits.rowCap()) {
                    truncated = true;
                    break;
                }
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(java.util.Arrays.asList(row));
            }
            return new QueryResult(columns, rows, truncated, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static QueryExecutionException timeout(QueryLimits limits, SQLException cause) {
        return new QueryExecutionException(QueryFailure.TIMEOUT,
                "the query ran longer than " + limits.timeout().toMillis() + " ms and was stopped", cause);
    }

    private static String message(SQLException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.strip();
    }
}
