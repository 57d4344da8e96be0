package dev.querybench.engine.db;

import dev.querybench.engine.testing.db.PostgresTestDatabase;
import dev.querybench.engine.testing.db.TestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import java.util.List;

class PostgresBackendTest extends DatabaseBackendContract {

    @Override
    protected TestDatabase createDatabase() {
        return PostgresTestDatabase.create(TestServers.fromEnvironment().require(Dialect.POSTGRESQL));
    }

    @Override
    protected List<String> runawayQueries(String marker) {
        return List.of("SELECT pg_sleep(120) AS " + marker,
                "SELECT count(*) AS " + marker + " FROM generate_series(1, 10000000000) g");
    }

    @Override
    protected String versionPrefix() {
        return "PostgreSQL ";
    }
}
