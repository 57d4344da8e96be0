package dev.querybench.engine.db;

import dev.querybench.engine.db.postgres.PostgresEngine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.testing.db.PostgresTestDatabase;
import dev.querybench.engine.testing.db.TestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PostgreSQL escape corpus against the database's owner (a role that may write anything in it). */
class PostgresEscapeTest extends EscapeCorpusContract {

    /** Verified escapes of a bare read-only transaction (issue 3), then more. */
    private static final List<String> CORPUS = List.of(
            "SET TRANSACTION READ WRITE; DELETE FROM t",
            "COMMIT; BEGIN READ WRITE; DELETE FROM t",
            "SELECT set_config('default_transaction_read_only','off',false)",
            "ROLLBACK; DROP TABLE t",
            "SELECT $$'$$; DELETE FROM t; SELECT $$'$$",
            "SELECT E'\\''; DELETE FROM t; SELECT ''",
            "BEGIN READ WRITE; DELETE FROM t; COMMIT",
            "SELECT pg_catalog.set_config('transaction_read_only', 'off', true)",
            "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
            "DO $$BEGIN DELETE FROM t; END$$",
            "EXPLAIN ANALYZE DELETE FROM t",
            "CREATE TABLE t_copy AS SELECT * FROM t",
            "SELECT * INTO t_copy FROM t",
            "TRUNCATE t",
            "PREPARE p AS DELETE FROM t; EXECUTE p");

    @Override
    protected TestDatabase createDatabase() {
        return PostgresTestDatabase.create(TestServers.fromEnvironment().require(PostgresEngine.DIALECT));
    }

    @Override
    protected List<String> escapes() {
        return CORPUS;
    }

    @Override
    protected List<String> escapesTheDatabaseLayerStops() {
        return List.of(
                "SET TRANSACTION READ WRITE; DELETE FROM t",
                "COMMIT; BEGIN READ WRITE; DELETE FROM t",
                "SELECT set_config('default_transaction_read_only','off',false)",
                "ROLLBACK; DROP TABLE t",
                "SET TRANSACTION READ WRITE",
                "COMMIT",
                "SELECT $$'$$; DELETE FROM t; SELECT $$'$$",
                "SELECT pg_catalog.set_config('transaction_read_only', 'off', true)",
                "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
                "DO $$BEGIN DELETE FROM t; END$$",
                "EXPLAIN ANALYZE DELETE FROM t",
                "CREATE TABLE t_copy AS SELECT * FROM t",
                "TRUNCATE t");
    }

    @Override
    protected String neverEndingQuery() {
        return "SELECT pg_sleep(600)";
    }

    @Test
    void everyQueryRunsInAReadOnlyTransactionWithAServerSideTimeout() {
        assertThat(backend.executeReadOnly("SHOW transaction_read_only", LIMITS).rows().getFirst().getFirst())
                .isEqualTo("on");
        assertThat(backend.executeReadOnly("SHOW statement_timeout", LIMITS).rows().getFirst().getFirst())
                .isEqualTo("10s");
        backend.executeReadOnly("SELECT set_config('default_transaction_read_only','off',false)", LIMITS);
        assertThat(backend.executeReadOnly("SHOW default_transaction_read_only", LIMITS).rows().getFirst().getFirst())
                .as("a session setting changed by a query is rolled back with it").isEqualTo("on");
    }
}
