package dev.querybench.engine.db.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryFailure;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.SchemaSnapshot;
import dev.querybench.engine.db.internal.JdbcQueryRunner;
import dev.querybench.engine.db.internal.QueryWatchdog;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteLimits;
import org.sqlite.SQLiteOpenMode;

/**
 * SQLite opened read-only: every pooled connection is opened with {@code SQLITE_OPEN_READONLY},
 * {@code query_only} on, and {@code SQLITE_LIMIT_ATTACHED = 0} so {@code ATTACH} and
 * {@code VACUUM INTO} fail too. Queries run through {@code execute}, never
 * {@code executeUpdate} (which would run stacked statements). Thread-safe.
 */
public final class SqliteBackend implements DatabaseBackend {

    private final Path file;
    private final HikariDataSource pool;
    private final QueryWatchdog watchdog = new QueryWatchdog();
    private final JdbcQueryRunner runner = new JdbcQueryRunner(watchdog, SqliteBackend::classify);

    public SqliteBackend(Path file, int poolSize) {
        if (!Files.isRegularFile(file)) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.NOT_FOUND,
                    "SQLite file " + file + " does not exist",
                    "check the database path in the workspace, or build the database from its SQL scripts"));
        }
        this.file = file;
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout(5_000);
        SQLiteDataSource source = new LimitedSqliteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(source);
        hikari.setPoolName("sqlite-" + file.getFileName());
        hikari.setMaximumPoolSize(Math.max(1, poolSize));
        hikari.setMinimumIdle(0);
        hikari.setReadOnly(true);
        hikari.setConnectionTimeout(10_000);
        try {
            this.pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            watchdog.close();
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.INVALID_INPUT,
                    "cannot open " + file + " as an SQLite database: " + rootMessage(e),
                    "check that the file is an SQLite database"), e);
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public QueryResult executeReadOnly(String sql, QueryLimits limits) {
        try (Connection c = pool.getConnection()) {
            return runner.run(c, sql, limits);
        } catch (SQLException e) {
            throw new QueryExecutionException(QueryFailure.RUNTIME, "cannot get a connection: " + e.getMessage(), e);
        }
    }

    @Override
    public QueryResult sampleRows(String table, int limit) {
        String quoted = "\"" + table.replace("\"", "\"\"") + "\"";
        return executeReadOnly("SELECT * FROM " + quoted + " LIMIT " + limit,
                new QueryLimits(Duration.ofSeconds(10), Math.max(1, limit)));
    }

    @Override
    public SchemaSnapshot introspect() {
        try (Connection c = pool.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE", "VIEW"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    if (!name.startsWith("sqlite_")) {
                        names.add(name);
                    }
                }
            }
            names.sort(String.CASE_INSENSITIVE_ORDER);
            List<SchemaSnapshot.Table> tables = new ArrayList<>();
            for (String name : names) {
                tables.add(readTable(meta, name));
            }
            return new SchemaSnapshot(Dialect.SQLITE, tables);
        } catch (SQLException e) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.INTERNAL,
                    "cannot read the schema of " + file + ": " + e.getMessage(), "check that the file is readable"), e);
        }
    }

    private static SchemaSnapshot.Table readTable(DatabaseMetaData meta, String table) throws SQLException {
        List<SchemaSnapshot.Column> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(null, null, table, "%")) {
            while (rs.next()) {
                columns.add(new SchemaSnapshot.Column(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"),
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }
        Map<Integer, String> pk = new java.util.TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(null, null, table)) {
            while (rs.next()) {
                pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        Map<String, List<String[]>> fks = new LinkedHashMap<>();
        try (ResultSet rs = meta.getImportedKeys(null, null, table)) {
            while (rs.next()) {
                String key = rs.getString("PKTABLE_NAME") + "#" + rs.getString("FK_NAME") + "#" + rs.getInt("KEY_SEQ");
                String group = rs.getString("PKTABLE_NAME") + "#" + rs.getString("FK_NAME");
                fks.computeIfAbsent(group, k -> new ArrayList<>())
                        .add(new String[] {rs.getString("FKCOLUMN_NAME"), rs.getString("PKCOLUMN_NAME"), key});
            }
        }
        List<SchemaSnapshot.ForeignKey> foreignKeys = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> e : fks.entrySet()) {
            String refTable = e.getKey().substring(0, e.getKey().indexOf('#'));
            foreignKeys.add(new SchemaSnapshot.ForeignKey(
                    e.getValue().stream().map(a -> a[0]).toList(), refTable,
                    e.getValue().stream().map(a -> a[1]).toList()));
        }
        return new SchemaSnapshot.Table(table, columns, List.copyOf(pk.values()), foreignKeys);
    }

    @Override
    public String serverVersion() {
        try (Connection c = pool.getConnection()) {
            return "SQLite " + c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "SQLite (version unknown)";
        }
    }

    @Override
    public void close() {
        pool.close();
        watchdog.close();
    }

    static QueryFailure classify(SQLException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("interrupted")) {
            return QueryFailure.TIMEOUT;
        }
        if (m.contains("syntax error") || m.contains("incomplete input") || m.contains("unrecognized token")) {
            return QueryFailure.SYNTAX;
        }
        if (m.contains("no such table") || m.contains("no such column") || m.contains("ambiguous column")
                || m.contains("no such function")) {
            return QueryFailure.SCHEMA;
        }
        if (m.contains("readonly") || m.contains("read-only") || m.contains("not authorized")
                || m.contains("too many attached") || m.contains("query_only")) {
            return QueryFailure.PERMISSION;
        }
        return QueryFailure.RUNTIME;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Applies the attach limit to every new connection; the pool never sees an unlimited one. */
    private static final class LimitedSqliteDataSource extends SQLiteDataSource {
        private static final long serialVersionUID = 1L;

        LimitedSqliteDataSource(SQLiteConfig config) {
            super(config);
        }

        @Override
        public SQLiteConnection getConnection(String username, String password) throws SQLException {
            SQLiteConnection connection = super.getConnection(username, password);
            connection.setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 0);
            try (java.sql.Statement s = connection.createStatement()) {
                s.execute("PRAGMA query_only = ON");
            }
            return connection;
        }
    }
}
