package dev.querybench.engine.testing.db;

import dev.querybench.engine.db.trino.TrinoEngine;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fresh schema in Trino's memory catalog. The server's access control lets the loader user
 * write and every other user only read (see {@code .ci/trino.sh}).
 */
public final class TrinoTestDatabase extends JdbcTestDatabase {

    private final String name;
    private final ConnectionProfile loader;
    private final ConnectionProfile reader;

    private TrinoTestDatabase(String name, ConnectionProfile loader, ConnectionProfile reader) {
        this.name = name;
        this.loader = loader;
        this.reader = reader;
    }

    public static TrinoTestDatabase create(TestServers.Server server) {
        String name = uniqueName();
        ConnectionUrl base = ConnectionUrl.parse(server.url());
        String catalogUrl = ConnectionUrl.server(TrinoEngine.DIALECT, base.host(), base.portNumber().orElse(8080), "memory",
                null, Map.of()).toJdbcUrl();
        try (Connection c = connect(catalogUrl, server.loaderUser(), null)) {
            run(c, "CREATE SCHEMA memory." + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a Trino test schema: " + e.getMessage(), e);
        }
        String url = ConnectionUrl.server(TrinoEngine.DIALECT, base.host(), base.portNumber().orElse(8080), "memory", name,
                Map.of()).toJdbcUrl();
        return new TrinoTestDatabase(name, new ConnectionProfile("trino-loader", TrinoEngine.DIALECT, url,
                server.loaderUser(), null), new ConnectionProfile("trino-reader", TrinoEngine.DIALECT, url, server.user(), null));
    }

    @Override
    public Dialect dialect() {
        return TrinoEngine.DIALECT;
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
        return loader;
    }

    @Override
    public Optional<Boolean> isRunning(String marker) {
        // a plain statement: its own text names system.runtime.queries and so excludes itself
        try (Connection c = openWritable()) {
            List<List<Object>> running = rows(c, "SELECT count(*) FROM system.runtime.queries WHERE state NOT IN"
                    + " ('FINISHED', 'FAILED') AND query LIKE '%" + marker.replace("'", "''") + "%'"
                    + " AND query NOT LIKE '%system.runtime.queries%'");
            return Optional.of(((Number) running.getFirst().getFirst()).longValue() > 0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (Connection c = openWritable()) {
            List<List<Object>> tables = rows(c, "SELECT table_name FROM memory.information_schema.tables"
                    + " WHERE table_schema = '" + name + "'");
            for (List<Object> table : tables) {
                run(c, "DROP TABLE IF EXISTS memory." + name + "." + table.getFirst());
            }
            run(c, "DROP SCHEMA IF EXISTS memory." + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the Trino test schema " + name, e);
        }
    }
}
