package dev.querybench.engine.db;

import dev.querybench.engine.testing.db.TestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * {@link AdversarialSuiteContract} on a server engine from the test environment: the dialect, its
 * server, a fresh test database on it and, by default, a sentinel connected as the server's
 * administrator. Each engine's test names its accounts and state queries.
 */
abstract class ServerAdversarialContract extends AdversarialSuiteContract {

    protected final TestServers.Server server;
    private final Dialect dialect;
    private final Function<TestServers.Server, TestDatabase> databases;

    ServerAdversarialContract(Dialect dialect, Function<TestServers.Server, TestDatabase> databases) {
        this.dialect = dialect;
        this.server = TestServers.fromEnvironment().require(dialect);
        this.databases = databases;
    }

    @Override
    protected Dialect dialect() {
        return dialect;
    }

    @Override
    protected TestDatabase createDatabase() {
        return databases.apply(server);
    }

    @Override
    protected Connection openSentinel() throws SQLException {
        return connect(db.readOnly().withCredentials(server.user(), server.password()));
    }
}
