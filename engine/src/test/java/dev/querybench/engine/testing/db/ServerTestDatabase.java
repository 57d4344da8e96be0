package dev.querybench.engine.testing.db;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A database created on a shared server for one test class, with a writable account and a
 * read-only one; the subclass says how to find running statements and how to drop everything.
 */
abstract class ServerTestDatabase extends JdbcTestDatabase {

    private final TestServers.Server server;
    private final String name;
    private final ConnectionProfile writer;
    private final ConnectionProfile reader;

    ServerTestDatabase(TestServers.Server server, String name, ConnectionProfile writer, ConnectionProfile reader) {
        this.server = server;
        this.name = name;
        this.writer = writer;
        this.reader = reader;
    }

    /** A query with one parameter (a LIKE pattern) counting other sessions running matching SQL. */
    abstract String runningStatementsQuery();

    /** Statements run as the server's admin to drop the database and both accounts. */
    abstract String[] dropStatements();

    @Override
    public Dialect dialect() {
        return reader.dialect();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ConnectionProfile readOnly() {
        return reader;
    }

    @Override
    public ConnectionProfile writable() {
        return writer;
    }

    @Override
    public Optional<Boolean> isRunning(String marker) {
        try (Connection admin = admin(); PreparedStatement s = admin.prepareStatement(runningStatementsQuery())) {
            s.setString(1, "%" + marker + "%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return Optional.of(rs.getLong(1) > 0);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (Connection admin = admin()) {
            run(admin, dropStatements());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the " + dialect() + " test database " + name, e);
        }
    }

    private Connection admin() throws SQLException {
        return connect(server.url(), server.user(), server.password());
    }
}
