package dev.querybench.engine.db.mysql;

import com.zaxxer.hikari.HikariConfig;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.internal.JdbcQueryRunner;
import dev.querybench.engine.db.internal.PooledJdbcBackend;
import dev.querybench.engine.db.internal.ProfileConfig;
import dev.querybench.engine.db.ServerVersions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

/**
 * MySQL and MariaDB through MySQL Connector/J. Each query runs inside {@code START TRANSACTION
 * READ ONLY} and is rolled back; stacked statements are refused by the server because
 * {@code allowMultiQueries} stays off, and {@code LOCAL INFILE} is off. The engine-side limit is
 * {@code max_statement_time} on MariaDB and {@code max_execution_time} on MySQL, next to the
 * watchdog's cancel ({@code KILL QUERY}). Rows stream one by one and {@code setMaxRows} becomes
 * the server's {@code SQL_SELECT_LIMIT}, so a huge result is never buffered. Thread-safe.
 *
 * <p>A DDL statement commits implicitly even inside a read-only transaction, so with a writable
 * account this layer alone does not stop {@code DROP TABLE}: the parser layer and a SELECT-only
 * account do (see {@code DatabaseValidator#validatePermissions}).
 */
public final class MysqlBackend extends PooledJdbcBackend {

    public MysqlBackend(ConnectionProfile profile) {
        this(profile, new DatabaseErrors());
    }

    public MysqlBackend(ConnectionProfile profile, DatabaseErrors errors) {
        super(Dialect.MYSQL, "MySQL", ProfileConfig.target(profile), config(profile), errors);
    }

    private static HikariConfig config(ConnectionProfile profile) {
        ProfileConfig.requireDialect(profile, Dialect.MYSQL);
        ProfileConfig.refuseOption(profile, "allowMultiQueries", "true",
                "which would let one query text run several statements");
        ProfileConfig.refuseOption(profile, "allowLoadLocalInfile", "true", "which lets the server read local files");
        HikariConfig config = ProfileConfig.hikari(profile, Map.of(
                "connectTimeout", String.valueOf(profile.pool().connectTimeout().toMillis()),
                "tcpKeepAlive", "true",
                "useCursorFetch", "false"), Map.of(
                "allowMultiQueries", "false",
                "allowLoadLocalInfile", "false",
                "allowUrlInLocalInfile", "false"));
        config.setAutoCommit(true);
        config.setReadOnly(true);
        return config;
    }

    @Override
    protected void beginReadOnly(Connection connection, QueryLimits limits) throws SQLException {
        try (Statement s = connection.createStatement()) {
            if (isMariaDb(connection)) {
                s.execute(String.format(Locale.ROOT, "SET SESSION max_statement_time = %.3f",
                        limits.timeout().toMillis() / 1000.0));
            } else {
                s.execute("SET SESSION max_execution_time = " + limits.timeout().toMillis());
            }
            s.execute("START TRANSACTION READ ONLY");
        }
    }

    @Override
    protected void finishReadOnly(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
        }
    }

    @Override
    protected int fetchSize(QueryLimits limits) {
        return JdbcQueryRunner.STREAM_ROW_BY_ROW;
    }

    @Override
    protected String schema(Connection connection) {
        return null;
    }

    @Override
    protected String quoteIdentifier(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public String serverVersion() {
        return withConnection(c -> ServerVersions.describe(c.getMetaData(), Dialect.MYSQL));
    }

    private static boolean isMariaDb(Connection connection) throws SQLException {
        return ServerVersions.isMariaDb(connection.getMetaData());
    }
}
