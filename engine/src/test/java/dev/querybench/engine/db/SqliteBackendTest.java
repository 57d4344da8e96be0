package dev.querybench.engine.db;

import dev.querybench.engine.testing.db.SqliteTestDatabase;
import dev.querybench.engine.testing.db.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqliteBackendTest extends DatabaseBackendContract {

    @Override
    protected TestDatabase createDatabase() {
        return SqliteTestDatabase.create();
    }

    @Override
    protected List<String> runawayQueries(String marker) {
        return List.of("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS " + marker
                + " FROM c");
    }

    @Override
    protected String versionPrefix() {
        return "SQLite 3.";
    }

    @Override
    protected String bigValueQuery(int chars) {
        return "SELECT substr(hex(zeroblob(" + chars + ")), 1, " + chars + ") AS v";
    }

    @Test
    void aGigabyteBlobFailsAtOnceInsteadOfRunningPastTheTimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> safe.execute("SELECT length(randomblob(1000000000))",
                new QueryLimits(Duration.ofSeconds(5), 10)))
                .isInstanceOfSatisfying(QueryExecutionException.class,
                        e -> assertThat(e.failure()).isIn(QueryFailure.RUNTIME, QueryFailure.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }
}
