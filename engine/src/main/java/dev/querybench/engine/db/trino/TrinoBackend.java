package dev.querybench.engine.db.trino;

import com.zaxxer.hikari.HikariConfig;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.internal.PooledJdbcBackend;
import dev.querybench.engine.db.internal.ProfileConfig;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import io.trino.jdbc.TrinoConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trino through trino-jdbc. Trino has no read-only session a client can open: writes are refused
 * by the server's access control for the account (a read-only rule, as in the test server's
 * {@code rules.json}) and by the parser layer. The engine-side limits
 * {@code query_max_execution_time} and {@code query_max_run_time} are set on every query, so a
 * {@code SET SESSION} that slipped through cannot raise them for later queries; a connection on
 * which anything but a query ran is discarded. Trino streams results in pages. The account is
 * reviewed once: when the server's access control lets it create a table in the session's schema
 * (asked with {@code EXPLAIN (TYPE VALIDATE)}, which runs nothing), it is privileged. Thread-safe.
 */
public final class TrinoBackend extends PooledJdbcBackend {

    public TrinoBackend(ConnectionProfile profile) {
        this(profile, new DatabaseErrors());
    }

    public TrinoBackend(ConnectionProfile profile, DatabaseErrors errors) {
        super(TrinoEngine.DIALECT, "Trino", ProfileConfig.target(profile), config(profile), errors,
                profile.allowPrivilegedAccount());
    }

    private static HikariConfig config(ConnectionProfile profile) {
        ProfileConfig.requireDialect(profile, TrinoEngine.DIALECT);
        if (profile.username() == null && !profile.url().options().containsKey("user")) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION,
                    "the Trino profile '" + profile.name() + "' has no username",
                    "Trino needs a user name even without a password: add username: to the database profile"));
        }
        HikariConfig config = ProfileConfig.hikari(profile, Map.of("source", "QueryBench"), Map.of());
        config.setAutoCommit(true);
        return config;
    }

    @Override
    protected void beginReadOnly(Connection connection, QueryLimits limits) throws SQLException {
        TrinoConnection trino = connection.unwrap(TrinoConnection.class);
        String limit = Math.max(1, limits.timeout().toMillis()) + "ms";
        trino.setSessionProperty("query_max_execution_time", limit);
        trino.setSessionProperty("query_max_run_time", limit);
    }

    @Override
    protected Review reviewAccount(Connection connection) throws SQLException {
        String user = String.valueOf(connection.getMetaData().getUserName());
        String catalog = connection.getCatalog();
        String schema = connection.getSchema();
        if (catalog == null || schema == null) {
            return new Review(user, List.of());
        }
        String probe = "EXPLAIN (TYPE VALIDATE) CREATE TABLE \"" + catalog.replace("\"", "\"\"") + "\".\""
                + schema.replace("\"", "\"\"") + "\".querybench_permission_probe AS SELECT 1 AS x";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(probe)) {
            rs.next();
            return new Review(user, List.of("the server's access control lets " + user + " create tables in "
                    + catalog + "." + schema));
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("access denied")) {
                return new Review(user, List.of());
            }
            // the catalog cannot create tables at all (or the schema is gone): nothing to write with
            return new Review(user, List.of());
        }
    }

    @Override
    protected List<String> protections() {
        return List.of("the server's access control decides what the account may do (a read-only rule for readers)",
                "query_max_execution_time and query_max_run_time are set per query, and the query is cancelled"
                        + " on the server at the deadline",
                "a connection on which anything but a query ran is discarded");
    }

    @Override
    protected void finishReadOnly(Connection connection) {
        // no transaction was opened: every Trino query is its own unit
    }
}
