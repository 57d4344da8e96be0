package dev.querybench.engine.db;

import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.testing.db.PostgresTestDatabase;
import dev.querybench.engine.testing.db.TestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresBackendTest extends DatabaseBackendContract {

    @Override
    protected TestDatabase createDatabase() {
        return PostgresTestDatabase.create(TestServers.fromEnvironment().require(PostgresEngine.DIALECT));
    }

    @Override
    protected List<String> runawayQueries(String marker) {
        return List.of("SELECT pg_sleep(120) AS " + marker,
                "SELECT count(*) AS " + marker + " FROM generate_series(1, 10000000000) g");
    }

    @Override
    protected boolean interruptStopsTheServerQuery() {
        return false;
    }

    @Override
    protected String versionPrefix() {
        return "PostgreSQL ";
    }

    @Override
    protected String bigValueQuery(int chars) {
        return "SELECT repeat('x', " + chars + ") AS v";
    }

    @Test
    void aGigabyteValueIsRefusedByTheDriverBeforeItIsRead() {
        Runtime runtime = Runtime.getRuntime();
        assertThatThrownBy(() -> safe.execute("SELECT repeat('x', 1000000000)", LIMITS))
                .isInstanceOfSatisfying(QueryExecutionException.class, e -> {
                    assertThat(e.failure()).isEqualTo(QueryFailure.RUNTIME);
                    assertThat(e.getMessage()).contains("maxResultBuffer");
                });
        // the pooled connection is still usable afterwards
        assertThat(safe.execute("SELECT 1", LIMITS).rows()).hasSize(1);
        assertThat(runtime.totalMemory()).isLessThan(runtime.maxMemory() + 1);
    }
}
