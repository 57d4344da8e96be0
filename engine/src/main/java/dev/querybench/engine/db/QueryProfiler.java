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
     * The same measurement over one plain connection (autocommit, no read-only session, no parse,
     * no watchdog): the baseline the safe executor's overhead is measured against.
     *
     * @throws QueryExecutionException when connecting or the query fails
     */
    public LatencyProfile rawJdbc(ConnectionProfile profile, String sql, int runs, int warmups) {
        Properties properties = new Properties();
        if (profile.username() != null) {
            properties.setProperty("user", profile.username());
        }
        if (profile.password() != null) {
            properties.setProperty("password", profile.password());
        }
        List<Duration> samples = new ArrayList<>();
        int rows = 0;
        try (Connection connection = DriverManager.getConnection(profile.jdbcUrl(), properties)) {
            for (int i = 0; i < warmups + runs; i++) {
                long start = System.nanoTime();
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
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                rows = read;
                if (i >= warmups) {
                    samples.add(elapsed);
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
