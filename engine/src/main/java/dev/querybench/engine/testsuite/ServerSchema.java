package dev.querybench.engine.testsuite;

import dev.querybench.engine.db.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The schema of one PostgreSQL schema or MySQL/MariaDB database, read from the server's catalog
 * with our own statements (JDBC metadata, and the catalog for each column's exact type): tables,
 * columns with their server type and NOT NULL, primary keys, UNIQUE sets and foreign keys. It is
 * given as a {@link SqliteSchema} whose DDL builds a SQLite twin (so {@link DatabaseGenerator}
 * draws candidates as it does for SQLite); {@link ServerInstances} writes those rows back under the
 * server's own types and constraints. Immutable.
 *
 * @param model the tables and constraints, with SQLite DDL for the generator
 * @param serverTypes each column's type as the server declares it, by {@code table.column} in lower case
 */
public record ServerSchema(SqliteSchema model, Map<String, String> serverTypes) {

    public ServerSchema {
        serverTypes = Map.copyOf(serverTypes);
    }

    /** The server type of a column. */
    public String serverType(String table, String column) {
        return serverTypes.get(key(table, column));
    }

    /**
     * Reads the base tables of {@code schema} (PostgreSQL) or of the connection's database (MySQL).
     *
     * @throws SQLException when the catalog cannot be read
     * @throws IllegalStateException when there is no table
     */
    public static ServerSchema read(Connection c, Dialect dialect, String schema) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        boolean inSchema = ServerInstances.areas(dialect).areasAreSchemas();
        String catalog = inSchema ? null : c.getCatalog();
        String schemaPattern = inSchema ? schema : null;
        List<String> names = new ArrayList<>();
        try (ResultSet rs = meta.getTables(catalog, schemaPattern, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        names.sort(String::compareTo);
        if (names.isEmpty()) {
            throw new IllegalStateException("no table in " + (inSchema ? "schema " + schema
                    : "database " + catalog) + " (load the dataset's database first, e.g. with querybench db load)");
        }
        Map<String, String> types = new LinkedHashMap<>();
        List<SqliteSchema.Table> tables = new ArrayList<>();
        for (String name : names) {
            tables.add(table(c, meta, dialect, catalog, schemaPattern, name, types));
        }
        List<String> ddl = tables.stream().map(ServerSchema::sqliteDdl).toList();
        return new ServerSchema(new SqliteSchema(tables, ddl), types);
    }

    private static SqliteSchema.Table table(Connection c, DatabaseMetaData meta, Dialect dialect, String catalog,
            String schema, String name, Map<String, String> types) throws SQLException {
        TreeMap<Integer, String> pk = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, name)) {
            while (rs.next()) {
                pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        Map<String, String> exact = exactTypes(c, dialect, schema, name);
        List<SqliteSchema.Column> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(catalog, schema, name, "%")) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME");
                String type = exact.getOrDefault(column, rs.getString("TYPE_NAME"));
                SqliteSchema.Kind kind = kind(rs.getInt("DATA_TYPE"), type);
                int pkPos = pk.entrySet().stream().filter(e -> e.getValue().equals(column)).mapToInt(e -> e.getKey())
                        .findFirst().orElse(0);
                boolean notNull = rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls || pkPos > 0;
                columns.add(new SqliteSchema.Column(column, type, kind, notNull, pkPos));
                types.put(key(name, column), type);
            }
        }
        List<List<String>> uniques = new ArrayList<>();
        if (!pk.isEmpty()) {
            uniques.add(List.copyOf(pk.values()));
        }
        Map<String, TreeMap<Integer, String>> indexes = new LinkedHashMap<>();
        try (ResultSet rs = meta.getIndexInfo(catalog, schema, name, true, false)) {
            while (rs.next()) {
                if (rs.getString("COLUMN_NAME") != null && !rs.getBoolean("NON_UNIQUE")) {
                    indexes.computeIfAbsent(rs.getString("INDEX_NAME"), k -> new TreeMap<>())
                            .put(rs.getInt("ORDINAL_POSITION"), rs.getString("COLUMN_NAME"));
                }
            }
        }
        indexes.values().stream().map(m -> List.copyOf(m.values())).filter(u -> !uniques.contains(u))
                .forEach(uniques::add);
        return new SqliteSchema.Table(name, columns, List.copyOf(pk.values()), uniques,
                foreignKeys(meta, catalog, schema, name));
    }

    private static List<SqliteSchema.ForeignKey> foreignKeys(DatabaseMetaData meta, String catalog, String schema,
            String table) throws SQLException {
        Map<String, TreeMap<Integer, String[]>> fks = new LinkedHashMap<>();
        Map<String, String> parents = new LinkedHashMap<>();
        try (ResultSet rs = meta.getImportedKeys(catalog, schema, table)) {
            while (rs.next()) {
                String id = rs.getString("FK_NAME") + "/" + rs.getString("PKTABLE_NAME");
                parents.put(id, rs.getString("PKTABLE_NAME"));
                fks.computeIfAbsent(id, k -> new TreeMap<>()).put(rs.getInt("KEY_SEQ"),
                        new String[] {rs.getString("FKCOLUMN_NAME"), rs.getString("PKCOLUMN_NAME")});
            }
        }
        List<SqliteSchema.ForeignKey> out = new ArrayList<>();
        fks.forEach((id, pairs) -> out.add(new SqliteSchema.ForeignKey(pairs.values().stream().map(p -> p[0]).toList(),
                parents.get(id), pairs.values().stream().map(p -> p[1]).toList())));
        return out;
    }

    /** Each column's type as written in DDL ({@code numeric(10,2)}, {@code varchar(40)}, an enum's values). */
    private static Map<String, String> exactTypes(Connection c, Dialect dialect, String schema, String table)
            throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (PreparedStatement s = ServerInstances.areas(dialect).columnTypes(c, schema, table)) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return types;
    }

    /** The kind of values a column holds, from its JDBC type (its name for booleans stored as tinyint(1)). */
    static SqliteSchema.Kind kind(int jdbcType, String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (name.startsWith("tinyint(1)") || name.startsWith("bool")) {
            return SqliteSchema.Kind.BOOLEAN;
        }
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> SqliteSchema.Kind.INTEGER;
            case Types.REAL, Types.FLOAT, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> SqliteSchema.Kind.REAL;
            case Types.DATE -> SqliteSchema.Kind.DATE;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> SqliteSchema.Kind.DATETIME;
            case Types.BIT, Types.BOOLEAN -> SqliteSchema.Kind.BOOLEAN;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> SqliteSchema.Kind.BLOB;
            default -> SqliteSchema.Kind.TEXT;
        };
    }

    /** The SQLite table the generator fills: the same names and constraints, a SQLite type for each kind. */
    private static String sqliteDdl(SqliteSchema.Table t) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(SqliteSchema.quote(t.name())).append(" (");
        for (int i = 0; i < t.columns().size(); i++) {
            SqliteSchema.Column col = t.columns().get(i);
            sql.append(i == 0 ? "" : ", ").append(SqliteSchema.quote(col.name())).append(' ').append(switch (col.kind()) {
                case INTEGER -> "BIGINT";
                case REAL -> "REAL";
                case TEXT -> "TEXT";
                case DATE -> "DATE";
                case DATETIME -> "DATETIME";
                case BOOLEAN -> "BOOLEAN";
                case BLOB -> "BLOB";
            }).append(col.notNull() ? " NOT NULL" : "");
        }
        if (!t.primaryKey().isEmpty()) {
            sql.append(", PRIMARY KEY (").append(quoted(t.primaryKey())).append(')');
        }
        for (List<String> unique : t.uniques()) {
            if (!unique.equals(t.primaryKey())) {
                sql.append(", UNIQUE (").append(quoted(unique)).append(')');
            }
        }
        for (SqliteSchema.ForeignKey fk : t.foreignKeys()) {
            sql.append(", FOREIGN KEY (").append(quoted(fk.columns())).append(") REFERENCES ")
                    .append(SqliteSchema.quote(fk.referencedTable())).append(" (").append(quoted(fk.referencedColumns()))
                    .append(')');
        }
        return sql.append(')').toString();
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(SqliteSchema::quote).toList());
    }

    private static String key(String table, String column) {
        return table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT);
    }
}
