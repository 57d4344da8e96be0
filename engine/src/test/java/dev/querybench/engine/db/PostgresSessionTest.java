package dev.querybench.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.testing.db.PostgresTestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The PostgreSQL session of a pooled connection, set once and checked after every query: the
 * writable owner switched to the reader role (the privileged opt-in), on one pooled connection,
 * calling the backend directly so that no guard stands in the way. A sentinel connection as the
 * server's administrator watches the backend's session.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSessionTest {

    private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(7), 100);

    private PostgresTestDatabase db;
    private DatabaseBackend backend;
    private Connection sentinel;

    @BeforeAll
    void open() throws SQLException {
        TestServers.Server server = TestServers.fromEnvironment().require(PostgresEngine.DIALECT);
        db = PostgresTestDatabase.create(server);
        db.execute("CREATE TABLE t (v INT)", "INSERT INTO t VALUES (1), (2)",
                "GRANT SELECT ON t TO " + db.readOnly().username());
        sentinel = DriverManager.getConnection(db.readOnly().jdbcUrl(), server.user(), server.password());
        try (var s = sentinel.createStatement()) {
            s.execute("GRANT " + db.readOnly().username() + " TO " + db.writable().username());
        }
        backend = DatabaseBackends.open(db.writable().withReaderRole(db.readOnly().username())
                .withPool(new PoolSettings(1, Duration.ofSeconds(10))).withPrivilegedAccountAllowed(true));
    }

    @AfterAll
    void close() throws SQLException {
        if (sentinel != null) {
            sentinel.close();
        }
        if (backend != null) {
            backend.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aQuerysOwnSessionChangesAreUndoneAndItsAdvisoryLocksReleasedAtOnce() throws SQLException {
        Object pid = first("SELECT pg_backend_pid()", LIMITS);
        first("SELECT set_config('statement_timeout', '0', false), set_config('role', 'none', false),"
                + " set_config('default_transaction_read_only', 'off', false), pg_advisory_lock(42)", LIMITS);
        assertThat(sentinelValue("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = " + pid))
                .as("released when the query ended, not at the connection's next use").isEqualTo("0");
        assertThat(first("SELECT pg_backend_pid()", LIMITS)).as("the same connection, not evicted").isEqualTo(pid);
        assertThat(first("SHOW statement_timeout", LIMITS)).isEqualTo("7s");
        assertThat(first("SELECT current_user", LIMITS)).isEqualTo(db.readOnly().username());
        assertThat(first("SHOW transaction_read_only", LIMITS)).isEqualTo("on");
        assertThat(first("SHOW default_transaction_read_only", LIMITS)).isEqualTo("on");
        assertThatThrownBy(() -> backend.executeReadOnly("DELETE FROM t", LIMITS))
                .isInstanceOf(QueryExecutionException.class);
        assertThat(db.count("t")).isEqualTo(2);
    }

    @Test
    void theSessionTakesEachCallersTimeoutAndEveryStatementRunsUnderIt() {
        assertThat(first("SHOW statement_timeout", new QueryLimits(Duration.ofSeconds(2), 10))).isEqualTo("2s");
        assertThat(first("SHOW lock_timeout", new QueryLimits(Duration.ofSeconds(2), 10))).isEqualTo("2s");
        assertThat(first("SHOW statement_timeout", LIMITS)).isEqualTo("7s");
        // stopped at 1 s (the session's statement_timeout and the watchdog both stand at the deadline)
        long start = System.nanoTime();
        assertThatThrownBy(() -> backend.executeReadOnly("SELECT pg_sleep(30)", new QueryLimits(Duration.ofSeconds(1), 10)))
                .isInstanceOfSatisfying(QueryExecutionException.class,
                        e -> assertThat(e.failure()).isEqualTo(QueryFailure.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(first("SHOW statement_timeout", LIMITS)).isEqualTo("7s");
    }

    @Test
    void aFailedQueryLeavesTheConnectionInThePoolWithItsSessionIntact() throws SQLException {
        Object pid = first("SELECT pg_backend_pid()", LIMITS);
        assertThatThrownBy(() -> backend.executeReadOnly("SELECT * FROM no_such_table", LIMITS))
                .isInstanceOfSatisfying(QueryExecutionException.class,
                        e -> assertThat(e.failure()).isEqualTo(QueryFailure.SCHEMA));
        assertThat(first("SELECT pg_backend_pid()", LIMITS)).isEqualTo(pid);
        assertThat(first("SELECT current_user", LIMITS)).isEqualTo(db.readOnly().username());
        // the last statement the server saw on it is the check after the rollback: no further round trip
        assertThat(sentinelValue("SELECT query FROM pg_stat_activity WHERE pid = " + pid).strip())
                .startsWith("SELECT pg_advisory_unlock_all()");
        assertThat(sentinelValue("SELECT state FROM pg_stat_activity WHERE pid = " + pid)).isEqualTo("idle");
    }

    @Test
    void aConnectionWhoseSessionNoLongerMatchesAfterAQueryIsEvictedNotReused() throws SQLException {
        Object pid = first("SELECT pg_backend_pid()", LIMITS);
        String reader = db.readOnly().username();
        String renamed = reader + "_renamed";
        // from outside, the reader role the session runs as now reads back under another name: the check
        // after the next query sees a current_user other than the one it set
        sentinelExecute("ALTER ROLE " + reader + " RENAME TO " + renamed);
        try {
            assertThat(first("SELECT 1", LIMITS)).as("the query itself still answers").isEqualTo(1);
        } finally {
            sentinelExecute("ALTER ROLE " + renamed + " RENAME TO " + reader);
        }
        assertThat(first("SELECT pg_backend_pid()", LIMITS)).as("a new connection, the old one evicted").isNotEqualTo(pid);
        assertThat(first("SELECT current_user", LIMITS)).isEqualTo(reader);
    }

    private Object first(String sql, QueryLimits limits) {
        return backend.executeReadOnly(sql, limits).rows().getFirst().getFirst();
    }

    private void sentinelExecute(String sql) throws SQLException {
        try (var s = sentinel.createStatement()) {
            s.execute(sql);
        }
    }

    private String sentinelValue(String sql) throws SQLException {
        try (PreparedStatement s = sentinel.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }
}
