package dev.querybench.engine.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Measures a query's latency: through the {@link SafeExecutor} (parse, pooled read-only session,
 * watchdog, row cap — what evaluation pays per query) and, for comparison, over a plain JDBC
 * connection with none of the safety layers. Each run reads every row. Stateless; use from one
 * thread per measurement.
 */
public final class QueryProfiler {

    /** Runs the query {@code warmups + runs} times through the safe executor and profiles the last {@code runs}. */
    public LatencyProfile safe(SafeExecutor executor, String sql, QueryLimits limits, int runs, int warmups) {
        List<Duration> samples = new ArrayList<>();
        int rows = 0;
        for (int i = 0; i < warmups + runs; i++) {
            long start = System.nanoTime();
            QueryResult result = executor.execute(sql, limits);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            rows = result.rowCount();
            if (i >= warmups) {
                samples.add(elapsed);
            }
        }
        return LatencyProfile.of(samples, rows);
    }

    /**
     * As {@link #safe}, but through the backend's database layer alone (pool, read-only session,
     * watchdog, row cap) without the parser, to show what each layer costs.
     */
    public LatencyProfile databaseLayer(DatabaseBackend backend, String sql, QueryLimits limits, int runs, int warmups) {
        List<Duration> samples = new ArrayList<>();
        int rows = 0;
        for (int i = 0; i < warmups + runs; i++) {
            long start = System.nanoTime();
            QueryResult result = backend.executeReadOnly(sql, limits);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            rows = result.rowCount();
            if (i >= warmups) {
                samples.add(elapsed);
            }
        }
        return LatencyProfile.of(samples, rows);
    }

    /** The three paths' profiles for one query, measured side by side ({@link #compare}). */
    public record Comparison(LatencyProfile safe, LatencyProfile databaseLayer, LatencyProfile rawJdbc) {}

    /**
     * The safe executor, the database layer alone and raw JDBC on one plain connection, measured in
     * turns — each round runs the query once per path, the first path rotating — so that the JIT's
     * warm-up and a neighbour's load fall on all three alike instead of on whichever ran first.
     *
     * @throws QueryExecutionException when connecting or the query fails
     */
    public Comparison compare(SafeExecutor executor, ConnectionProfile profile, String sql, QueryLimits limits,
            int runs, int warmups) {
        List<List<Duration>> samples = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int[] rows = new int[3];
        try (Connection connection = plainConnection(profile)) {
            for (int i = 0; i < warmups + runs; i++) {
                for (int turn = 0; turn < 3; turn++) {
                    int path = (i + turn) % 3;
                    long start = System.nanoTime();
                    rows[path] = switch (path) {
                        case 0 -> executor.execute(sql, limits).rowCount();
                        case 1 -> executor.backend().executeReadOnly(sql, limits).rowCount();
                        default -> readAll(connection, sql);
                    };
                    if (i >= warmups) {
                        samples.get(path).add(Duration.ofNanos(System.nanoTime() - start));
                    }
                }
            }
        } catch (SQLException e) {
            DatabaseErrors errors = new DatabaseErrors();
            throw new QueryExecutionException(errors.classify(e, profile.dialect()),
                    errors.describe(e, profile.dialect()), e);
        }
        return new Comparison(LatencyProfile.of(samples.get(0), rows[0]), LatencyProfile.of(samples.get(1), rows[1]),
                LatencyProfile.of(samples.get(2), rows[2]));
    }

    private static Connection plainConnection(ConnectionProfile profile) throws SQLException {
        Properties properties = new Properties();
        if (profile.username() != null) {
            properties.setProperty("user", profile.username());
        }
        if (profile.password() != null) {
            properties.setProperty("password", profile.password());
        }
        return DriverManager.getConnection(profile.jdbcUrl(), properties);
    }

    /** Runs the query on a plain connection, autocommit, reading every value; the number of rows. */
    private static int readAll(Connection connection, String sql) throws SQLException {
        int read = 0;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    rs.getObject(c);
                }
                read++;
            }
        }
        return read;
    }

    /**
     * The same measurement over one plain connection (autocommit, no read-only session, no parse,
     * no watchdog): the baseline the safe executor's overhead is measured against.
     *
     * @throws QueryExecutionException when connecting or the query fails
     */
    public LatencyProfile rawJdbc(ConnectionProfile profile, String sql, int runs, int warmups) {
        List<Duration> samples = new ArrayList<>();
        int rows = 0;
        try (Connection connection = plainConnection(profile)) {
            for (int i = 0; i < warmups + runs; i++) {
                long start = System.nanoTime();
                rows = readAll(connection, sql);
                if (i >= warmups) {
                    samples.add(Duration.ofNanos(System.nanoTime() - start));
                }
            }
        } catch (SQLException e) {
            DatabaseErrors errors = new DatabaseErrors();
            throw new QueryExecutionException(errors.classify(e, profile.dialect()),
                    errors.describe(e, profile.dialect()), e);
        }
        return LatencyProfile.of(samples, rows);
    }
}
