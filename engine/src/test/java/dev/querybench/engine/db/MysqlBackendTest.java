package dev.querybench.engine.db;

import dev.querybench.engine.db.mysql.MysqlEngine;
import dev.querybench.engine.testing.db.MysqlTestDatabase;
import dev.querybench.engine.testing.db.TestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import java.util.List;

/** The contract on MariaDB (or MySQL) through MySQL Connector/J. */
class MysqlBackendTest extends DatabaseBackendContract {

    @Override
    protected TestDatabase createDatabase() {
        return MysqlTestDatabase.create(TestServers.fromEnvironment().require(MysqlEngine.DIALECT));
    }

    @Override
    protected List<String> runawayQueries(String marker) {
        return List.of("SELECT SLEEP(120) AS " + marker,
                "SELECT COUNT(*) AS " + marker + " FROM numbers a, numbers b, numbers c, numbers d");
    }

    @Override
    protected boolean interruptStopsTheServerQuery() {
        return false;
    }

    @Override
    protected String versionPrefix() {
        return backendIsMariaDb() ? "MariaDB " : "MySQL ";
    }

    private boolean backendIsMariaDb() {
        return String.valueOf(db.query("SELECT VERSION()").getFirst().getFirst()).contains("MariaDB");
    }

    @Override
    protected String bigValueQuery(int chars) {
        return "SELECT repeat('x', " + chars + ") AS v";
    }
}
