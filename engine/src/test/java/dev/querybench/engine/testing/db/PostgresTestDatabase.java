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

/** A fresh PostgreSQL database owned by a writable role, readable by a SELECT-only role. */
public final class PostgresTestDatabase extends JdbcTestDatabase {

    private final TestServers.Server server;
    private final String name;
    private final ConnectionProfile owner;
    private final ConnectionProfile reader;

    private PostgresTestDatabase(TestServers.Server server, String name, ConnectionProfile owner,
            ConnectionProfile reader) {
        this.server = server;
        this.name = name;
        this.owner = owner;
        this.reader = reader;
    }

    public static PostgresTestDatabase create(TestServers.Server server) {
        String name = uniqueName();
        String ownerRole = name + "_owner";
        String readerRole = name + "_reader";
        try (Connection admin = connect(server.url(), server.user(), server.password())) {
            run(admin, "CREATE ROLE " + ownerRole + " LOGIN PASSWORD 'owner-pw'",
                    "CREATE ROLE " + readerRole + " LOGIN PASSWORD 'reader-pw'",
                    "CREATE DATABASE " + name + " OWNER " + ownerRole);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a PostgreSQL test database: " + e.getMessage(), e);
        }
        ConnectionUrl base = ConnectionUrl.parse(server.url());
        String url = ConnectionUrl.server(Dialect.POSTGRESQL, base.host(), base.portNumber().orElse(5432), name, null,
                Map.of()).toJdbcUrl();
        try (Connection admin = connect(url, server.user(), server.password())) {
            run(admin, "REVOKE ALL ON DATABASE " + name + " FROM PUBLIC",
                    "GRANT CONNECT ON DATABASE " + name + " TO " + readerRole,
                    "GRANT USAGE ON SCHEMA public TO " + readerRole,
                    "GRANT CREATE, USAGE ON SCHEMA public TO " + ownerRole,
                    "ALTER DEFAULT PRIVILEGES FOR ROLE " + ownerRole + " IN SCHEMA public GRANT SELECT ON TABLES TO "
                            + readerRole);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot grant on the PostgreSQL test database: " + e.getMessage(), e);
        }
        return new PostgresTestDatabase(server, name,
                new ConnectionProfile("pg-owner", Dialect.POSTGRESQL, url, ownerRole, "owner-pw"),
                new ConnectionProfile("pg-reader", Dialect.POSTGRESQL, url, readerRole, "reader-pw"));
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
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
        return owner;
    }

    @Override
    public Optional<Boolean> isRunning(String marker) {
        try (Connection admin = connect(server.url(), server.user(), server.password());
                PreparedStatement s = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE state ="
                        + " 'active' AND query LIKE ? AND pid <> pg_backend_pid()")) {
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
            run(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)",
                    "DROP ROLE IF EXISTS " + owner.username(), "DROP ROLE IF EXISTS " + reader.username());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the PostgreSQL test database " + name, e);
        }
    }
}
