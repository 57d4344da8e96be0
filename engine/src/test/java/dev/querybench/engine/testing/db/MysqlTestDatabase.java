package dev.querybench.engine.testing.db;

import dev.querybench.engine.db.mysql.MysqlEngine;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.ConnectionUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** A fresh MySQL/MariaDB database with an account granted everything on it and one granted SELECT. */
public final class MysqlTestDatabase extends ServerTestDatabase {

    private MysqlTestDatabase(TestServers.Server server, String name, ConnectionProfile writer,
            ConnectionProfile reader) {
        super(server, name, writer, reader);
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
        String url = ConnectionUrl.server(MysqlEngine.DIALECT, base.host(), base.portNumber().orElse(3306), name, null,
                Map.of()).toJdbcUrl();
        return new MysqlTestDatabase(server, name,
                new ConnectionProfile("mysql-writer", MysqlEngine.DIALECT, url, writerUser, "writer-pw"),
                new ConnectionProfile("mysql-reader", MysqlEngine.DIALECT, url, readerUser, "reader-pw"));
    }

    @Override
    String runningStatementsQuery() {
        return "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND ID <> CONNECTION_ID()";
    }

    @Override
    String[] dropStatements() {
        return new String[] {"DROP DATABASE IF EXISTS " + name(),
            "DROP USER IF EXISTS '" + writable().username() + "'@'%'",
            "DROP USER IF EXISTS '" + readOnly().username() + "'@'%'"};
    }
}
