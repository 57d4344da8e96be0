package dev.querybench.engine.db;

import dev.querybench.engine.db.trino.TrinoEngine;
import dev.querybench.engine.testing.db.TestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import dev.querybench.engine.testing.db.TrinoTestDatabase;
import java.util.List;

/** The contract on Trino's memory catalog, with the server's read-only access control for the reader. */
class TrinoBackendTest extends DatabaseBackendContract {

    @Override
    protected TestDatabase createDatabase() {
        return TrinoTestDatabase.create(TestServers.fromEnvironment().require(TrinoEngine.DIALECT));
    }

    @Override
    protected List<String> runawayQueries(String marker) {
        return List.of("SELECT count(*) AS " + marker + " FROM tpch.sf1000.lineitem a CROSS JOIN tpch.sf1000.orders b");
    }

    @Override
    protected String versionPrefix() {
        return "Trino ";
    }

    @Override
    protected boolean declaresKeys() {
        return false;
    }

    @Override
    protected String bigValueQuery(int chars) {
        return "SELECT lpad('', " + chars + ", 'x') AS v";
    }
}
