package dev.querybench.engine.testsuite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Copies a row of a generated database together with the rows that hang from it through foreign
 * keys (its children, their children, three levels down), each copy with fresh keys and pointing to
 * the copied parent: a twin with the same values and the same related rows. Twins make results
 * whose rows repeat (so {@code DISTINCT} shows) and groups that tie on every aggregate (so a
 * {@code MAX} matched with {@code >=}, or a tie under {@code LIMIT}, shows) — what values drawn one
 * by one almost never give. A copy that would still break a constraint is left out by
 * {@code INSERT OR IGNORE}. Our own statements on a database we are writing; not thread-safe.
 */
final class Twins {

    private static final int DEPTH = 3;
    private static final int CHILDREN = 6;

    private final SqliteSchema schema;
    private int budget;

    Twins(SqliteSchema schema) {
        this.schema = schema;
    }

    /** Makes a twin of a random row of one of {@code tables} (names; any table with rows when empty). */
    void make(Connection c, Random random, List<String> tables, int rowBudget) throws SQLException {
        List<SqliteSchema.Table> choices = new ArrayList<>();
        for (SqliteSchema.Table t : schema.tables()) {
            if (singleKey(t) != null && (tables.isEmpty() || tables.stream().anyMatch(n -> n.equalsIgnoreCase(t.name())))) {
                choices.add(t);
            }
        }
        if (choices.isEmpty()) {
            return;
        }
        SqliteSchema.Table table = choices.get(random.nextInt(choices.size()));
        List<Long> rowids = rowids(c, table, null, null);
        if (!rowids.isEmpty()) {
            budget = rowBudget;
            copy(c, table, rowids.get(random.nextInt(rowids.size())), Map.of(), 0);
        }
    }

    /** Copies one row with {@code overrides}, then its children; returns false when the copy was refused. */
    private boolean copy(Connection c, SqliteSchema.Table table, long rowid, Map<String, Object> overrides, int depth)
            throws SQLException {
        if (budget-- <= 0) {
            return false;
        }
        Map<String, Object> row = read(c, table, rowid);
        if (row.isEmpty()) {
            return false;
        }
        String key = singleKey(table);
        Object oldKey = key == null ? null : row.get(key);
        row.putAll(overrides);
        if (key != null) {
            row.put(key, next(c, table, key));
        }
        for (List<String> unique : table.uniques()) {
            boolean keptApart = unique.stream().anyMatch(u -> u.equalsIgnoreCase(key)
                    || overrides.keySet().stream().anyMatch(u::equalsIgnoreCase));
            if (!keptApart) {
                // the copy must differ somewhere in each UNIQUE set: its last column is marked
                String column = table.column(unique.getLast()).map(SqliteSchema.Column::name).orElse(unique.getLast());
                Object v = row.get(column);
                row.put(column, v instanceof String s ? s + " 2" : v instanceof Number ? next(c, table, column) : v);
            }
        }
        if (!insert(c, table, row)) {
            return false;
        }
        if (key != null && oldKey != null && depth < DEPTH) {
            children(c, table, oldKey, row.get(key), depth);
        }
        return true;
    }

    private void children(Connection c, SqliteSchema.Table parent, Object oldKey, Object newKey, int depth)
            throws SQLException {
        for (SqliteSchema.Table child : schema.tables()) {
            if (child.name().equalsIgnoreCase(parent.name())) {
                continue;
            }
            for (SqliteSchema.ForeignKey fk : child.foreignKeys()) {
                if (fk.columns().size() == 1 && fk.referencedTable().equalsIgnoreCase(parent.name())) {
                    String column = child.column(fk.columns().getFirst()).map(SqliteSchema.Column::name)
                            .orElse(fk.columns().getFirst());
                    List<Long> rows = rowids(c, child, column, oldKey);
                    for (long rowid : rows.subList(0, Math.min(CHILDREN, rows.size()))) {
                        copy(c, child, rowid, Map.of(column, newKey), depth + 1);
                    }
                }
            }
        }
    }

    /** The single INTEGER primary key column of {@code table}, or null. */
    private static String singleKey(SqliteSchema.Table table) {
        if (table.primaryKey().size() != 1) {
            return null;
        }
        return table.column(table.primaryKey().getFirst()).filter(col -> col.kind() == SqliteSchema.Kind.INTEGER)
                .map(SqliteSchema.Column::name).orElse(null);
    }

    private static List<Long> rowids(Connection c, SqliteSchema.Table table, String column, Object value)
            throws SQLException {
        String sql = "SELECT rowid FROM " + SqliteSchema.quote(table.name())
                + (column == null ? "" : " WHERE " + SqliteSchema.quote(column) + " = ?") + " ORDER BY rowid";
        List<Long> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (column != null) {
                s.setObject(1, value);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static Map<String, Object> read(Connection c, SqliteSchema.Table table, long rowid) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + SqliteSchema.quote(table.name()) + " WHERE rowid = " + rowid)) {
            if (rs.next()) {
                for (SqliteSchema.Column column : table.columns()) {
                    row.put(column.name(), rs.getObject(column.name()));
                }
            }
        }
        return row;
    }

    private static long next(Connection c, SqliteSchema.Table table, String column) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(CAST(" + SqliteSchema.quote(column)
                        + " AS INTEGER)), 0) + 1 FROM " + SqliteSchema.quote(table.name()))) {
            return rs.next() ? rs.getLong(1) : 1;
        }
    }

    private static boolean insert(Connection c, SqliteSchema.Table table, Map<String, Object> row) throws SQLException {
        List<String> names = new ArrayList<>(row.keySet());
        StringBuilder sql = new StringBuilder("INSERT OR IGNORE INTO ").append(SqliteSchema.quote(table.name())).append(" (");
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(SqliteSchema.quote(names.get(i)));
        }
        sql.append(") VALUES (").append("?, ".repeat(names.size() - 1)).append("?)");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < names.size(); i++) {
                s.setObject(i + 1, row.get(names.get(i)));
            }
            return s.executeUpdate() == 1;
        }
    }
}
