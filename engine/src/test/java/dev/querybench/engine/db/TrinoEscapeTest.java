package dev.querybench.engine.db;

import dev.querybench.engine.db.trino.TrinoEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.testing.db.TestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import dev.querybench.engine.testing.db.TrinoTestDatabase;
import java.time.Duration;
import java.util.List;

/**
 * The Trino escape corpus against the loader account, which the server lets write to the memory
 * catalog. Trino has no client-side read-only session, so against a writable account only the
 * parser stops writes; what the database layer alone must stop is a raised time limit leaking
 * into later queries.
 */
class TrinoEscapeTest extends EscapeCorpusContract {

    @Override
    protected TestDatabase createDatabase() {
        return TrinoTestDatabase.create(TestServers.fromEnvironment().require(TrinoEngine.DIALECT));
    }

    @Override
    protected List<String> escapes() {
        return List.of(
                "SET SESSION query_max_execution_time = '1h'",
                "SET SESSION query_max_run_time = '1h'",
                "RESET SESSION query_max_execution_time",
                "SELECT 1; SET SESSION query_max_execution_time = '1h'",
                "INSERT INTO t (id, label) VALUES (9, 'nine')",
                "CREATE TABLE u AS SELECT * FROM t",
                "DROP TABLE t",
                "ALTER TABLE t RENAME TO u",
                "SELECT 1; DROP TABLE t",
                "CALL system.runtime.kill_query(query_id => 'x', message => 'y')",
                "EXECUTE IMMEDIATE 'DROP TABLE t'",
                "START TRANSACTION",
                "USE memory.other",
                "SELECT * FROM TABLE(system.query(query => 'DROP TABLE t'))");
    }

    @Override
    protected List<String> escapesTheDatabaseLayerStops() {
        return List.of(
                "SET SESSION query_max_execution_time = '1h'",
                "SET SESSION query_max_run_time = '1h'");
    }

    @Override
    protected String neverEndingQuery() {
        return "SELECT count(*) FROM tpch.sf1000.lineitem a CROSS JOIN tpch.sf1000.orders b";
    }

    /** The raised limit must not reach the next query on the same pooled connection. */
    @Override
    protected void assertSessionStillSafe() {
        Duration timeout = Duration.ofSeconds(2);
        long start = System.nanoTime();
        assertThatThrownBy(() -> backend.executeReadOnly(neverEndingQuery(), new QueryLimits(timeout, 10)))
                .isInstanceOfSatisfying(QueryExecutionException.class,
                        e -> assertThat(e.failure()).isEqualTo(QueryFailure.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.plusSeconds(1));
    }
}
