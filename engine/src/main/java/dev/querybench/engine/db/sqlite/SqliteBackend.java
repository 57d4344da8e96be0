package dev.querybench.engine.db.sqlite;

import com.zaxxer.hikari.HikariConfig;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.internal.PooledJdbcBackend;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.querybench.engine.db.SchemaSnapshot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.sql.SQLException;
import java.time.Duration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteLimits;
import org.sqlite.SQLiteOpenMode;

/**
 * SQLite opened read-only: every pooled connection is opened with {@code SQLITE_OPEN_READONLY},
 * {@code query_only} on, and {@code SQLITE_LIMIT_ATTACHED = 0} so {@code ATTACH} and
 * {@code VACUUM INTO} fail too. Queries run through {@code execute}, never
 * {@code executeUpdate} (which would run stacked statements); the watchdog's
 * {@code Statement.cancel()} interrupts a runaway query, which {@code setQueryTimeout} would not.
 * Thread-safe.
 */
public final class SqliteBackend extends PooledJdbcBackend {

    /** Largest string or blob a query may build, in bytes: bounds both memory and uninterruptible work. */
    static final int SQLITE_MAX_LENGTH = 64 * 1024 * 1024;

    public SqliteBackend(Path file, int poolSize) {
        this(file, poolSize, Duration.ofSeconds(10));
    }

    public SqliteBackend(Path file, int poolSize, Duration connectTimeout) {
        super(SqliteEngine.DIALECT, "SQLite", requireFile(file).toString(), config(file, poolSize, connectTimeout),
                new DatabaseErrors());
    }

    private static Path requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.NOT_FOUND,
                    "SQLite file " + file + " does not exist",
                    "check the database path in the workspace, or build the database from its SQL scripts"));
        }
        return file;
    }

    private static HikariConfig config(Path file, int poolSize, Duration connectTimeout) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout(5_000);
        config.enableLoadExtension(false);
        SQLiteDataSource source = new LimitedSqliteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(source);
        hikari.setPoolName("querybench-sqlite-" + file.getFileName());
        hikari.setMaximumPoolSize(Math.max(1, poolSize));
        hikari.setMinimumIdle(0);
        hikari.setReadOnly(true);
        hikari.setConnectionTimeout(connectTimeout.toMillis());
        return hikari;
    }

    @Override
    protected void beginReadOnly(Connection connection, QueryLimits limits) {
        // every connection is read-only from the moment it is opened
    }

    @Override
    protected Review reviewAccount(Connection connection) {
        return new Review("the file (SQLite has no accounts)", List.of());
    }

    @Override
    protected List<String> protections() {
        return List.of("the file is opened read-only (SQLITE_OPEN_READONLY) with query_only on",
                "ATTACH is impossible (SQLITE_LIMIT_ATTACHED = 0) and extensions cannot be loaded",
                "one value may hold at most " + SQLITE_MAX_LENGTH + " bytes (SQLITE_LIMIT_LENGTH)",
                "the query is interrupted at the deadline (sqlite3_interrupt)");
    }

    @Override
    protected void finishReadOnly(Connection connection) {
        // nothing to end: SQLite runs each read in its own implicit transaction
    }

    @Override
    protected String catalog(Connection connection) {
        return null;
    }

    @Override
    protected String schema(Connection connection) {
        return null;
    }

    @Override
    protected boolean isHiddenTable(String name) {
        return name.startsWith("sqlite_") || super.isHiddenTable(name);
    }

    /** Columns carry their declared types ({@code DECIMAL(10,2)}), which SQLite keeps verbatim. */
    @Override
    public SchemaSnapshot introspect() {
        SchemaSnapshot read = super.introspect();
        return withConnection(c -> {
            List<SchemaSnapshot.Table> tables = new ArrayList<>();
            for (SchemaSnapshot.Table table : read.tables()) {
                Map<String, String> declared = new HashMap<>();
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("PRAGMA table_info(" + quoteIdentifier(table.name()) + ")")) {
                    while (rs.next()) {
                        declared.put(rs.getString("name"), rs.getString("type"));
                    }
                }
                List<SchemaSnapshot.Column> columns = table.columns().stream().map(col -> {
                    String type = declared.get(col.name());
                    return type == null || type.isBlank() ? col
                            : new SchemaSnapshot.Column(col.name(), type.toUpperCase(Locale.ROOT).replace(", ", ","),
                                    col.nullable());
                }).toList();
                tables.add(new SchemaSnapshot.Table(table.name(), columns, table.primaryKey(), table.foreignKeys()));
            }
            return new SchemaSnapshot(SqliteEngine.DIALECT, tables);
        });
    }

    @Override
    public String serverVersion() {
        try {
            return super.serverVersion();
        } catch (QueryBenchException e) {
            return "SQLite (version unknown)";
        }
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
            // a single huge value (randomblob(1e9), zeroblob, replace loops) fails at once instead of being
            // built in one C call that the deadline's interrupt cannot stop
            connection.setLimit(SQLiteLimits.SQLITE_LIMIT_LENGTH, SQLITE_MAX_LENGTH);
            try (java.sql.Statement s = connection.createStatement()) {
                s.execute("PRAGMA query_only = ON");
            }
            return connection;
        }
    }
}
