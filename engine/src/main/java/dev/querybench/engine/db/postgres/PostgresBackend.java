package dev.querybench.engine.db.postgres;

import com.zaxxer.hikari.HikariConfig;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryFailure;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.internal.PooledJdbcBackend;
import dev.querybench.engine.db.internal.ProfileConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * PostgreSQL through pgjdbc. Every query runs in its own {@code READ ONLY} transaction that is
 * rolled back afterwards; the transaction first takes a snapshot (so {@code SET TRANSACTION READ
 * WRITE} is refused) and sets a local {@code statement_timeout}, the engine-side limit next to
 * the watchdog's cancel. Sessions default to read-only transactions too. Autocommit is off so
 * rows stream through a cursor in batches. Text with more than one statement is refused before
 * it reaches the driver, because pgjdbc would run every one of them. Thread-safe.
 */
public final class PostgresBackend extends PooledJdbcBackend {

    public PostgresBackend(ConnectionProfile profile) {
        this(profile, new DatabaseErrors());
    }

    public PostgresBackend(ConnectionProfile profile, DatabaseErrors errors) {
        super(Dialect.POSTGRESQL, "PostgreSQL", ProfileConfig.target(profile), config(profile), errors);
    }

    private static HikariConfig config(ConnectionProfile profile) {
        ProfileConfig.requireDialect(profile, Dialect.POSTGRESQL);
        long connectSeconds = Math.max(1, profile.pool().connectTimeout().toSeconds());
        HikariConfig config = ProfileConfig.hikari(profile, Map.of(
                "ApplicationName", "QueryBench",
                "connectTimeout", String.valueOf(connectSeconds),
                "loginTimeout", String.valueOf(connectSeconds),
                "tcpKeepAlive", "true"), Map.of("readOnlyMode", "transaction"));
        config.setAutoCommit(false);
        config.setReadOnly(true);
        config.setConnectionInitSql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
        // commit the init statement on its own, or the first query's rollback would undo it
        config.setIsolateInternalQueries(true);
        return config;
    }

    @Override
    protected void checkStatement(String sql) {
        switch (PostgresStatements.shapeOf(sql)) {
            case STACKED -> throw new QueryExecutionException(QueryFailure.REFUSED,
                    "refused: it holds more than one statement, and PostgreSQL's driver would run them all", null);
            case UNTERMINATED -> throw new QueryExecutionException(QueryFailure.SYNTAX,
                    "syntax error: a quoted string, identifier or comment is not closed", null);
            case SINGLE -> { }
        }
    }

    @Override
    protected void beginReadOnly(Connection connection, QueryLimits limits) throws SQLException {
        // with autocommit off and read-only set, pgjdbc opens this transaction with BEGIN READ ONLY;
        // the SELECT takes its snapshot, after which the transaction can no longer become read-write
        try (PreparedStatement s = connection.prepareStatement("SELECT set_config('statement_timeout', ?, true)")) {
            s.setString(1, limits.timeout().toMillis() + "ms");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
            }
        }
    }

    @Override
    protected void finishReadOnly(Connection connection) throws SQLException {
        connection.rollback();
    }

    @Override
    protected String catalog(Connection connection) {
        return null;
    }
}
