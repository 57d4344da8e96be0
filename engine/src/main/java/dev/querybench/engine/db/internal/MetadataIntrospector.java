package dev.querybench.engine.db.internal;

import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.SchemaSnapshot;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads tables, columns, primary and foreign keys of one catalog/schema through JDBC
 * {@link DatabaseMetaData}. Engines without declared keys (Trino) yield tables without keys.
 * Stateless and thread-safe.
 */
public final class MetadataIntrospector {

    private final Dialect dialect;
    private final Predicate<String> hidden;

    /**
     * @param hidden tables to leave out (system tables, QueryBench's own bookkeeping)
     */
    public MetadataIntrospector(Dialect dialect, Predicate<String> hidden) {
        this.dialect = dialect;
        this.hidden = hidden;
    }

    public SchemaSnapshot read(DatabaseMetaData meta, String catalog, String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = meta.getTables(catalog, schema, "%", new String[] {"TABLE", "VIEW", "BASE TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (!hidden.test(name) && !names.contains(name)) {
                    names.add(name);
                }
            }
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        List<SchemaSnapshot.Table> tables = new ArrayList<>();
        for (String name : names) {
            tables.add(readTable(meta, catalog, schema, name));
        }
        return new SchemaSnapshot(dialect, tables);
    }

    private static SchemaSnapshot.Table readTable(DatabaseMetaData meta, String catalog, String schema, String table)
            throws SQLException {
        List<SchemaSnapshot.Column> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(catalog, schema, escape(meta, table), "%")) {
            while (rs.next()) {
                if (!table.equals(rs.getString("TABLE_NAME"))) {
                    continue;
                }
                columns.add(new SchemaSnapshot.Column(rs.getString("COLUMN_NAME"), typeOf(rs),
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }
        Map<Integer, String> pk = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table)) {
            while (rs.next()) {
                pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        } catch (SQLFeatureNotSupportedException e) {
            // the engine has no declared keys
        }
        return new SchemaSnapshot.Table(table, columns, List.copyOf(pk.values()), foreignKeys(meta, catalog, schema, table));
    }

    private static List<SchemaSnapshot.ForeignKey> foreignKeys(DatabaseMetaData meta, String catalog, String schema,
            String table) throws SQLException {
        record Part(String fkColumn, String pkColumn, int seq) {}
        Map<String, List<Part>> groups = new LinkedHashMap<>();
        Map<String, String> targets = new LinkedHashMap<>();
        try (ResultSet rs = meta.getImportedKeys(catalog, schema, table)) {
            while (rs.next()) {
                String target = rs.getString("PKTABLE_NAME");
                String name = rs.getString("FK_NAME");
                String group = target + "#" + (name == null ? "" : name);
                targets.put(group, target);
                groups.computeIfAbsent(group, k -> new ArrayList<>()).add(
                        new Part(rs.getString("FKCOLUMN_NAME"), rs.getString("PKCOLUMN_NAME"), rs.getInt("KEY_SEQ")));
            }
        } catch (SQLFeatureNotSupportedException e) {
            return List.of();
        }
        List<SchemaSnapshot.ForeignKey> keys = new ArrayList<>();
        for (Map.Entry<String, List<Part>> e : groups.entrySet()) {
            List<Part> parts = e.getValue().stream().sorted(java.util.Comparator.comparingInt(Part::seq)).toList();
            keys.add(new SchemaSnapshot.ForeignKey(parts.stream().map(Part::fkColumn).toList(), targets.get(e.getKey()),
                    parts.stream().map(Part::pkColumn).toList()));
        }
        return keys;
    }

    private static String typeOf(ResultSet rs) throws SQLException {
        String type = rs.getString("TYPE_NAME");
        String upper = type == null ? "" : type.toUpperCase(java.util.Locale.ROOT);
        if (upper.contains("(")) {
            return upper;
        }
        int size = rs.getInt("COLUMN_SIZE");
        boolean sized = !rs.wasNull() && size > 0;
        int scale = rs.getInt("DECIMAL_DIGITS");
        return switch (upper) {
            case "INT4", "SERIAL" -> "INTEGER";
            case "INT8", "BIGSERIAL" -> "BIGINT";
            case "INT2" -> "SMALLINT";
            case "FLOAT8" -> "DOUBLE PRECISION";
            case "FLOAT4" -> "REAL";
            case "BOOL" -> "BOOLEAN";
            case "VARCHAR", "CHAR", "CHARACTER VARYING", "BPCHAR" -> sized && size < 65_535 ? upper + "(" + size + ")"
                    : upper;
            case "DECIMAL", "NUMERIC" -> sized ? upper + "(" + size + "," + scale + ")" : upper;
            default -> upper;
        };
    }

    /** Escapes LIKE wildcards in a table name used as a pattern (an underscore matches any character). */
    private static String escape(DatabaseMetaData meta, String name) throws SQLException {
        String esc = meta.getSearchStringEscape();
        if (esc == null || esc.isEmpty()) {
            return name;
        }
        return name.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
    }
}
