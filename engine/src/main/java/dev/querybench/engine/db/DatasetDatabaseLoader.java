package dev.querybench.engine.db;

import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads a dataset's database ({@link DatabaseDefinition}) into any backend with a writable
 * account, idempotently: a version table records which definition is loaded; the same version
 * is left alone, a new one rebuilds the dataset's tables. After loading it checks row counts and
 * orphaned foreign keys (checked by query, so engines without enforced keys are checked too).
 * On PostgreSQL and SQLite the rebuild is one transaction. Thread-safe; not for untrusted SQL.
 */
public final class DatasetDatabaseLoader {

    /** The table that records loaded definitions (hidden from introspection). */
    public static final String VERSION_TABLE = "querybench_schema_version";

    private final DatabaseErrors errors = new DatabaseErrors();
    private final Clock clock;

    public DatasetDatabaseLoader(Clock clock) {
        this.clock = clock;
    }

    /**
     * Connects with the profile's (writable) account and loads the definition.
     *
     * @throws QueryBenchException when connecting or a statement fails
     */
    public LoadReport load(ConnectionProfile writable, DatabaseDefinition definition) {
        try (Connection connection = connect(writable)) {
            return load(connection, writable.dialect(), definition);
        } catch (SQLException e) {
            throw new QueryBenchException(errors.describe(e, writable.dialect()), e);
        }
    }

    /** Loads the definition over an open connection with write access. */
    public LoadReport load(Connection connection, Dialect dialect, DatabaseDefinition definition) {
        long start = System.nanoTime();
        try {
            dialect.engine().createSchemaIfMissing(connection);
            Map<String, String> versions = readVersions(connection, dialect);
            String loaded = versions.get(definition.name());
            if (definition.version().equals(loaded)) {
                return verify(connection, dialect, definition, LoadReport.Action.UNCHANGED, start);
            }
            Set<String> existing = existingTables(connection, dialect);
            boolean anyExisted = definition.tables().stream()
                    .anyMatch(t -> existing.contains(t.name().toLowerCase(Locale.ROOT)));
            rebuild(connection, dialect, definition, existing, versions);
            return verify(connection, dialect, definition,
                    loaded == null && !anyExisted ? LoadReport.Action.CREATED : LoadReport.Action.UPGRADED, start);
        } catch (SQLException e) {
            ErrorResponse cause = errors.describe(e, dialect);
            throw new QueryBenchException(new ErrorResponse(cause.category(), cause.retryable(),
                    "loading dataset database '" + definition.name() + "' into " + dialect.displayName() + " failed: "
                            + cause.message(), cause.remedy()), e);
        }
    }

    /** Checks row counts and orphaned foreign keys without changing anything. */
    public LoadReport verify(Connection connection, Dialect dialect, DatabaseDefinition definition) {
        try {
            return verify(connection, dialect, definition, LoadReport.Action.UNCHANGED, System.nanoTime());
        } catch (SQLException e) {
            throw new QueryBenchException(errors.describe(e, dialect), e);
        }
    }

    private void rebuild(Connection connection, Dialect dialect, DatabaseDefinition definition, Set<String> existing,
            Map<String, String> versions) throws SQLException {
        DatabaseEngine engine = dialect.engine();
        boolean transactional = engine.transactionalDdl();
        boolean autoCommit = connection.getAutoCommit();
        if (transactional) {
            connection.setAutoCommit(false);
        }
        try (Statement s = connection.createStatement()) {
            // rows of a self-referencing table may come before the rows they point at; checked below
            for (String before : engine.beforeBulkLoad()) {
                s.execute(before);
            }
            List<DatabaseDefinition.TableDefinition> reversed = new ArrayList<>(definition.tables());
            java.util.Collections.reverse(reversed);
            for (DatabaseDefinition.TableDefinition table : reversed) {
                if (existing.contains(table.name().toLowerCase(Locale.ROOT))) {
                    s.execute(engine.dropTable(table.name()));
                }
            }
            for (DatabaseDefinition.TableDefinition table : definition.tables()) {
                s.execute(PortableSql.createTable(table, dialect));
            }
            for (DatabaseDefinition.Insert insert : batched(definition.inserts(), dialect)) {
                DatabaseDefinition.TableDefinition table = definition.table(insert.table()).orElseThrow();
                s.execute(PortableSql.insert(insert, table, dialect));
            }
            writeVersion(s, dialect, existing.contains(VERSION_TABLE), versions, definition);
            for (String after : engine.afterBulkLoad()) {
                s.execute(after);
            }
            if (transactional) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            if (transactional) {
                connection.rollback();
            }
            throw e;
        } finally {
            if (transactional) {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * Merges consecutive INSERTs of a table up to the engine's {@link DatabaseEngine#rowsPerInsert()}
     * (Trino plans each INSERT as a distributed query, about a second each); other engines take the
     * statements as written.
     */
    static List<DatabaseDefinition.Insert> batched(List<DatabaseDefinition.Insert> inserts, Dialect dialect) {
        int rowsPerInsert = dialect.engine().rowsPerInsert();
        if (rowsPerInsert <= 0) {
            return inserts;
        }
        List<DatabaseDefinition.Insert> merged = new ArrayList<>();
        for (DatabaseDefinition.Insert insert : inserts) {
            DatabaseDefinition.Insert last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && last.table().equals(insert.table()) && last.columns().equals(insert.columns())
                    && last.rows().size() + insert.rows().size() <= rowsPerInsert) {
                List<List<String>> rows = new ArrayList<>(last.rows());
                rows.addAll(insert.rows());
                merged.set(merged.size() - 1, new DatabaseDefinition.Insert(last.table(), last.columns(), rows));
            } else {
                merged.add(insert);
            }
        }
        return merged;
    }

    private void writeVersion(Statement s, Dialect dialect, boolean exists, Map<String, String> versions,
            DatabaseDefinition definition) throws SQLException {
        // dropped and written again: the memory connector of Trino cannot delete rows
        if (exists) {
            s.execute("DROP TABLE " + VERSION_TABLE);
        }
        s.execute("CREATE TABLE " + VERSION_TABLE + " (dataset VARCHAR(100) NOT NULL, version VARCHAR(64) NOT NULL,"
                + " loaded_at VARCHAR(40) NOT NULL" + (dialect.engine().declaresKeys() ? ", PRIMARY KEY (dataset)" : "") + ")");
        Map<String, String> rows = new LinkedHashMap<>(versions);
        rows.put(definition.name(), definition.version());
        String now = clock.instant().toString();
        String values = rows.entrySet().stream()
                .map(e -> "(" + literal(e.getKey()) + ", " + literal(e.getValue()) + ", " + literal(now) + ")")
                .collect(Collectors.joining(", "));
        s.execute("INSERT INTO " + VERSION_TABLE + " (dataset, version, loaded_at) VALUES " + values);
    }

    private static Map<String, String> readVersions(Connection connection, Dialect dialect) throws SQLException {
        Map<String, String> versions = new LinkedHashMap<>();
        if (!existingTables(connection, dialect).contains(VERSION_TABLE)) {
            return versions;
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT dataset, version FROM " + VERSION_TABLE)) {
            while (rs.next()) {
                versions.put(rs.getString(1), rs.getString(2));
            }
        }
        return versions;
    }

    private static LoadReport verify(Connection connection, Dialect dialect, DatabaseDefinition definition,
            LoadReport.Action action, long start) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Set<String> existing = existingTables(connection, dialect);
        try (Statement s = connection.createStatement()) {
            for (DatabaseDefinition.TableDefinition table : definition.tables()) {
                if (!existing.contains(table.name().toLowerCase(Locale.ROOT))) {
                    problems.add("table " + table.name() + " is missing");
                    continue;
                }
                long rows = single(s, "SELECT COUNT(*) FROM " + table.name());
                counts.put(table.name(), rows);
                long expected = definition.expectedRows().getOrDefault(table.name(), 0L);
                if (rows != expected) {
                    problems.add(table.name() + " has " + rows + " rows, expected " + expected);
                }
            }
            for (DatabaseDefinition.TableDefinition table : definition.tables()) {
                if (!existing.contains(table.name().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                for (SchemaSnapshot.ForeignKey fk : table.foreignKeys()) {
                    long orphans = single(s, orphanQuery(table.name(), fk));
                    if (orphans > 0) {
                        problems.add(table.name() + " has " + orphans + " rows whose (" + String.join(", ", fk.columns())
                                + ") match no row of " + fk.referencedTable());
                    }
                }
            }
        }
        String version = readVersions(connection, dialect).getOrDefault(definition.name(), "");
        return new LoadReport(action, version, counts, problems, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Rows of the child whose non-null key matches no parent row. */
    static String orphanQuery(String table, SchemaSnapshot.ForeignKey fk) {
        StringBuilder notNull = new StringBuilder();
        StringBuilder join = new StringBuilder();
        for (int i = 0; i < fk.columns().size(); i++) {
            notNull.append(i == 0 ? "" : " AND ").append("c.").append(fk.columns().get(i)).append(" IS NOT NULL");
            join.append(i == 0 ? "" : " AND ").append("p.").append(fk.referencedColumns().get(i)).append(" = c.")
                    .append(fk.columns().get(i));
        }
        return "SELECT COUNT(*) FROM " + table + " c WHERE " + notNull + " AND NOT EXISTS (SELECT 1 FROM "
                + fk.referencedTable() + " p WHERE " + join + ")";
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<String> existingTables(Connection connection, Dialect dialect) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = dialect.engine().tableCatalog(connection);
        String schema = dialect.engine().tableSchema(connection);
        Set<String> names = new HashSet<>();
        try (ResultSet rs = meta.getTables(catalog, schema, "%", null)) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Opens a plain connection (not pooled, not read-only) with the profile's account. */
    static Connection connect(ConnectionProfile profile) throws SQLException {
        Properties properties = new Properties();
        if (profile.username() != null) {
            properties.setProperty("user", profile.username());
        }
        if (profile.password() != null) {
            properties.setProperty("password", profile.password());
        }
        return DriverManager.getConnection(profile.jdbcUrl(), properties);
    }
}
