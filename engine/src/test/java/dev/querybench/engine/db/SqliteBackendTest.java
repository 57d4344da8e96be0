package dev.querybench.engine.db;

import dev.querybench.engine.testing.db.SqliteTestDatabase;
import dev.querybench.engine.testing.db.TestDatabase;
import java.util.List;

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
}
