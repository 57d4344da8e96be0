package dev.querybench.engine.testing.db;

import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** A fresh MySQL/MariaDB database with an account granted everything on it and one granted SELECT. */
public final class MysqlTestDatabase extends JdbcTestDatabase {

    private final TestServers.Server server;
    private final String name;
    private final ConnectionProfile writer;
    private final ConnectionProfile reader;

    private MysqlTestDatabase(TestServers.Server server, String name, ConnectionProfile writer,
            ConnectionProfile reader) {
        this.server = server;
        this.name = name;
        this.writer = writer;
        this.reader = reader;
    }

    public static MysqlTestDatabase create(TestServers.Server server) {
        String name = uniqueName();
        String writerUser = name + "_w";
        String readerUser = name + "_r";
        try (Connection admin = connect(server.url(), server.user(), server.password())) {
            run(admin, "CREATE DATABASE " + name,
                    "CREATE USER '" + writerUser + "'@'%' IDENTIFIED BY 'writer-pw'",
                    "GRANT ALL PRIVILEGES ON " + name + ".* TO '" + writerUser + "'@'%'",
                    "CREATE USER '" + readerUser + "'@'%' IDENTIFIED BY 'reader-pw'",
                    "GRANT SELECT ON " + name + ".* TO '" + readerUser + "'@'%'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a MySQL test database: " + e.getMessage(), e);
        }
        ConnectionUrl base = ConnectionUrl.parse(server.url());
        String url = ConnectionUrl.server(Dialect.MYSQL, base.host(), base.portNumber().orElse(3306), name, null,
                Map.of()).toJdbcUrl();
        return new MysqlTestDatabase(server, name,
                new ConnectionProfile("mysql-writer", Dialect.MYSQL, url, writerUser, "writer-pw"),
                new ConnectionProfile("mysql-reader", Dialect.MYSQL, url, readerUser, "reader-pw"));
    }

    @Override
    public Dialect dialect() {
        return Dialect.MYSQL;
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
        try (Connection admin = connect(server.url(), server.user(), server.password());
                PreparedStatement s = admin.prepareStatement("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                        + " WHERE INFO LIKE ? AND ID <> CONNECTION_ID()")) {
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
        try (Connection admin = connect(server.url(), server.user(), server.password())) {
            run(admin, "DROP DATABASE IF EXISTS " + name, "DROP USER IF EXISTS '" + writer.username() + "'@'%'",
                    "DROP USER IF EXISTS '" + reader.username() + "'@'%'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the MySQL test database " + name, e);
        }
    }
}
