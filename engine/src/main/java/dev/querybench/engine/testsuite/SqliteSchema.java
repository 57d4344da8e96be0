package dev.querybench.engine.testsuite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The schema of a SQLite database as its constraints declare it: tables with columns, declared
 * types, NOT NULL, primary keys, UNIQUE sets and foreign keys, and the DDL that creates it.
 * Read with trusted statements (PRAGMAs and {@code sqlite_master}) of our own. Immutable.
 *
 * @param tables in {@code sqlite_master} order
 * @param ddl the CREATE TABLE and CREATE INDEX statements, tables first, in {@code sqlite_master} order
 */
public record SqliteSchema(List<Table> tables, List<String> ddl) {

    public SqliteSchema {
        tables = List.copyOf(tables);
        ddl = List.copyOf(ddl);
    }

    /** The kind of values a column holds, from SQLite's type affinity rules and the declared name. */
    public enum Kind { INTEGER, REAL, TEXT, DATE, DATETIME, BOOLEAN, BLOB }

    /** A column: {@code primaryKeyPosition} is 1-based within the primary key, 0 when not part of it. */
    public record Column(String name, String declaredType, Kind kind, boolean notNull, int primaryKeyPosition) {}

    /** A foreign key from {@code columns} to {@code referencedColumns} (the parent's primary key when empty in DDL). */
    public record ForeignKey(List<String> columns, String referencedTable, List<String> referencedColumns) {
        public ForeignKey {
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
        }
    }

    /** A table with its constraints; {@code uniques} holds the primary key and every UNIQUE column set. */
    public record Table(String name, List<Column> columns, List<String> primaryKey, List<List<String>> uniques,
            List<ForeignKey> foreignKeys) {
        public Table {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            uniques = uniques.stream().map(List::copyOf).toList();
            foreignKeys = List.copyOf(foreignKeys);
        }

        public Optional<Column> column(String name) {
            return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
        }
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Reads the schema of the database behind {@code connection}. */
    public static SqliteSchema read(Connection connection) throws SQLException {
        List<String> tableDdl = new ArrayList<>();
        List<String> indexDdl = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
                        + " AND name NOT LIKE 'sqlite_%' ORDER BY rowid")) {
            while (rs.next()) {
                String type = rs.getString(1);
                if (type.equals("table")) {
                    names.add(rs.getString(2));
                    tableDdl.add(rs.getString(3));
                } else if (type.equals("index")) {
                    indexDdl.add(rs.getString(3));
                }
            }
        }
        List<Table> tables = new ArrayList<>();
        for (String name : names) {
            tables.add(readTable(connection, name));
        }
        List<String> ddl = new ArrayList<>(tableDdl);
        ddl.addAll(indexDdl);
        return new SqliteSchema(tables, ddl);
    }

    private static Table readTable(Connection connection, String name) throws SQLException {
        List<Column> columns = new ArrayList<>();
        TreeMap<Integer, String> pk = new TreeMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA table_info(" + quote(name) + ")")) {
            while (rs.next()) {
                String column = rs.getString("name");
                String type = rs.getString("type") == null ? "" : rs.getString("type");
                int pkPos = rs.getInt("pk");
                columns.add(new Column(column, type, kind(type), rs.getInt("notnull") == 1 || pkPos > 0 && !isRowid(type),
                        pkPos));
                if (pkPos > 0) {
                    pk.put(pkPos, column);
                }
            }
        }
        List<List<String>> uniques = new ArrayList<>();
        if (!pk.isEmpty()) {
            uniques.add(List.copyOf(pk.values()));
        }
        for (List<String> unique : uniqueIndexes(connection, name)) {
            if (!uniques.contains(unique)) {
                uniques.add(unique);
            }
        }
        return new Table(name, columns, List.copyOf(pk.values()), uniques, foreignKeys(connection, name));
    }

    /** The column lists of the table's UNIQUE indexes and constraints, primary key aside. */
    private static List<List<String>> uniqueIndexes(Connection connection, String table) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA index_list(" + quote(table) + ")")) {
            while (rs.next()) {
                if (rs.getInt("unique") == 1 && !"pk".equals(rs.getString("origin"))) {
                    indexes.add(rs.getString("name"));
                }
            }
        }
        List<List<String>> out = new ArrayList<>();
        for (String index : indexes) {
            TreeMap<Integer, String> cols = new TreeMap<>();
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA index_info(" + quote(index) + ")")) {
                while (rs.next()) {
                    if (rs.getString("name") != null) {
                        cols.put(rs.getInt("seqno"), rs.getString("name"));
                    }
                }
            }
            if (!cols.isEmpty()) {
                out.add(List.copyOf(cols.values()));
            }
        }
        return out;
    }

    private static List<ForeignKey> foreignKeys(Connection connection, String table) throws SQLException {
        Map<Integer, List<String[]>> fks = new LinkedHashMap<>();
        Map<Integer, String> fkTables = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA foreign_key_list(" + quote(table) + ")")) {
            while (rs.next()) {
                int id = rs.getInt("id");
                fkTables.put(id, rs.getString("table"));
                fks.computeIfAbsent(id, k -> new ArrayList<>()).add(new String[] {rs.getString("from"), rs.getString("to")});
            }
        }
        List<ForeignKey> foreignKeys = new ArrayList<>();
        for (Map.Entry<Integer, List<String[]>> fk : fks.entrySet()) {
            List<String> from = fk.getValue().stream().map(p -> p[0]).toList();
            List<String> to = fk.getValue().stream().map(p -> p[1]).toList();
            foreignKeys.add(new ForeignKey(from, fkTables.get(fk.getKey()), to.contains(null) ? List.of() : to));
        }
        return foreignKeys;
    }

    private static boolean isRowid(String type) {
        return type.equalsIgnoreCase("INTEGER");
    }

    /** SQLite's affinity rules, refined by the declared name for dates and booleans. */
    static Kind kind(String declared) {
        String t = declared.toUpperCase(Locale.ROOT);
        if (t.contains("DATETIME") || t.contains("TIMESTAMP")) {
            return Kind.DATETIME;
        }
        if (t.contains("DATE")) {
            return Kind.DATE;
        }
        if (t.contains("BOOL")) {
            return Kind.BOOLEAN;
        }
        if (t.contains("INT")) {
            return Kind.INTEGER;
        }
        if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) {
            return Kind.TEXT;
        }
        if (t.contains("BLOB")) {
            return Kind.BLOB;
        }
        if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") || t.contains("DEC") || t.contains("NUM")) {
            return Kind.REAL;
        }
        return t.isBlank() ? Kind.TEXT : Kind.REAL;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
