package dev.querybench.engine.testsuite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values random databases draw from, per column: the most frequent values of the real data
 * (so distributions look like the user's), its range, and the constants the gold queries compare
 * that column with, with their next values around (so {@code =}, {@code <} and {@code <=} give
 * different rows). Built once per database; immutable after {@link #read}.
 */
public final class ValuePools {

    /** Values of one column. */
    public record Pool(List<Object> real, List<Object> constants, double nullShare, Double min, Double max) {
        public Pool {
            real = List.copyOf(real);
            constants = List.copyOf(constants);
        }
    }

    private static final int REAL_VALUES = 40;

    private final Map<String, Pool> pools;

    private ValuePools(Map<String, Pool> pools) {
        this.pools = pools;
    }

    /** The pool of {@code table.column}; an empty one for a column not read. */
    public Pool of(String table, String column) {
        Pool pool = pools.get(key(table, column));
        return pool != null ? pool : new Pool(List.of(), List.of(), 0.1, null, null);
    }

    /**
     * Reads the most frequent values of every column of {@code schema} from the real database,
     * and adds gold's constants to every column of their name.
     */
    public static ValuePools read(Connection real, SqliteSchema schema, List<NeighbourGenerator.Constant> constants)
            throws SQLException {
        Map<String, LinkedHashSet<Object>> byName = new HashMap<>();
        for (NeighbourGenerator.Constant c : constants) {
            String name = c.column().replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT);
            LinkedHashSet<Object> set = byName.computeIfAbsent(name, k -> new LinkedHashSet<>());
            Object v = c.value();
            set.add(v);
            if (v instanceof Long l) {
                set.add(l + 1);
                set.add(l - 1);
            } else if (v instanceof Double d) {
                set.add(d + 1);
                set.add(d - 1);
            } else if (v instanceof String s) {
                set.addAll(NeighbourGenerator.nearStrings(s));
                if (!s.isEmpty()) {
                    set.add(s.substring(0, s.length() - 1));
                    set.add(s + "a");
                }
                String stripped = s.replace("%", "").replace("_", "");
                if (!stripped.equals(s)) {
                    set.add(stripped);
                    set.add("a" + stripped + "z");
                }
            }
        }
        Map<String, Pool> pools = new HashMap<>();
        for (SqliteSchema.Table table : schema.tables()) {
            String t = SqliteSchema.quote(table.name());
            long rows = 0;
            try (Statement s = real.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                if (rs.next()) {
                    rows = rs.getLong(1);
                }
            }
            for (SqliteSchema.Column column : table.columns()) {
                String c = SqliteSchema.quote(column.name());
                List<Object> real1 = new ArrayList<>();
                long nulls = 0;
                Double min = null;
                Double max = null;
                try (Statement s = real.createStatement();
                        ResultSet rs = s.executeQuery("SELECT " + c + ", COUNT(*) FROM " + t + " WHERE " + c
                                + " IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + REAL_VALUES)) {
                    while (rs.next()) {
                        Object v = rs.getObject(1);
                        if (v instanceof Integer i) {
                            v = i.longValue();
                        } else if (v instanceof Float f) {
                            v = f.doubleValue();
                        } else if (v instanceof byte[]) {
                            continue;
                        }
                        real1.add(v);
                    }
                }
                try (Statement s = real.createStatement();
                        ResultSet rs = s.executeQuery("SELECT SUM(" + c + " IS NULL), MIN(" + c + "), MAX(" + c
                                + ") FROM " + t)) {
                    if (rs.next()) {
                        nulls = rs.getLong(1);
                        if (rs.getObject(2) instanceof Number n) {
                            min = n.doubleValue();
                        }
                        if (rs.getObject(3) instanceof Number n) {
                            max = n.doubleValue();
                        }
                    }
                }
                double nullShare = column.notNull() ? 0 : Math.max(0.1, rows == 0 ? 0.2 : (double) nulls / rows);
                LinkedHashSet<Object> gold = byName.getOrDefault(column.name().toLowerCase(Locale.ROOT),
                        new LinkedHashSet<>());
                List<Object> fitting = gold.stream().filter(v -> fits(v, column.kind())).toList();
                pools.put(key(table.name(), column.name()), new Pool(real1, fitting, Math.min(0.3, nullShare), min, max));
            }
        }
        return new ValuePools(pools);
    }

    private static boolean fits(Object value, SqliteSchema.Kind kind) {
        return switch (kind) {
            case INTEGER, BOOLEAN -> value instanceof Long;
            case REAL -> value instanceof Number;
            default -> true;
        };
    }

    private static String key(String table, String column) {
        return table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT);
    }
}
