package dev.querybench.engine.testing.db;

import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.ConnectionUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** A fresh PostgreSQL database owned by a writable role, readable by a SELECT-only role. */
public final class PostgresTestDatabase extends ServerTestDatabase {

    private PostgresTestDatabase(TestServers.Server server, String name, ConnectionProfile owner,
            ConnectionProfile reader) {
        super(server, name, owner, reader);
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
        String url = ConnectionUrl.server(PostgresEngine.DIALECT, base.host(), base.portNumber().orElse(5432), name, null,
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
                new ConnectionProfile("pg-owner", PostgresEngine.DIALECT, url, ownerRole, "owner-pw"),
                new ConnectionProfile("pg-reader", PostgresEngine.DIALECT, url, readerRole, "reader-pw"));
    }

    @Override
    String runningStatementsQuery() {
        return "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE ?"
                + " AND pid <> pg_backend_pid()";
    }

    @Override
    String[] dropStatements() {
        return new String[] {"DROP DATABASE IF EXISTS " + name() + " WITH (FORCE)",
            "DROP ROLE IF EXISTS " + writable().username(), "DROP ROLE IF EXISTS " + readOnly().username()};
    }
}
