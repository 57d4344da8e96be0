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
import java.util.function.UnaryOperator;

/**
 * The values random databases draw from, per column: the most frequent values of the real data
 * (so distributions look like the user's), its range, and the constants the gold queries compare
 * that column with, with their next values around (so {@code =}, {@code <} and {@code <=} give
 * different rows). Built once per database; {@link #focused} gives the pools of one question, whose
 * constants only are drawn, and more often. Immutable after {@link #read}.
 */
public final class ValuePools {

    /** Values of one column. */
    public record Pool(List<Object> real, List<Object> constants, double nullShare, Double min, Double max) {
        public Pool {
            real = List.copyOf(real);
            constants = List.copyOf(constants);
        }

        Pool withConstants(List<Object> other) {
            return new Pool(real, other, nullShare, min, max);
        }
    }

    private static final int REAL_VALUES = 40;
    private static final int SHARE = 3;
    private static final int FOCUSED_SHARE = 8;

    private final Map<String, Pool> pools;
    private final Map<String, SqliteSchema.Kind> kinds;
    private final int constantShare;

    private ValuePools(Map<String, Pool> pools, Map<String, SqliteSchema.Kind> kinds, int constantShare) {
        this.pools = pools;
        this.kinds = kinds;
        this.constantShare = constantShare;
    }

    /** The pool of {@code table.column}; an empty one for a column not read. */
    public Pool of(String table, String column) {
        Pool pool = pools.get(key(table, column));
        return pool != null ? pool : new Pool(List.of(), List.of(), 0.1, null, null);
    }

    /** In tenths: how often a value is one of the constants (when the column has any). */
    int constantShare() {
        return constantShare;
    }

    /**
     * The same pools with only {@code constants} (one question's) as the constants of each column,
     * drawn most of the time: every value near that question's boundaries, so rows meet several of
     * them at once.
     */
    public ValuePools focused(List<NeighbourGenerator.Constant> constants) {
        return focused(byName(constants));
    }

    /**
     * The same pools with exactly {@code constants} as the constants of each column (no values
     * around them), drawn most of the time: one neighbour's boundary and gold's other constants.
     */
    public ValuePools exactly(List<NeighbourGenerator.Constant> constants) {
        Map<String, LinkedHashSet<Object>> byName = new HashMap<>();
        for (NeighbourGenerator.Constant c : constants) {
            byName.computeIfAbsent(name(c), k -> new LinkedHashSet<>()).add(c.value());
        }
        return focused(byName);
    }

    private ValuePools focused(Map<String, LinkedHashSet<Object>> byName) {
        Map<String, Pool> out = new HashMap<>();
        pools.forEach((key, pool) -> {
            String column = key.substring(key.indexOf('.') + 1);
            SqliteSchema.Kind kind = kinds.get(key);
            out.put(key, pool.withConstants(byName.getOrDefault(column, new LinkedHashSet<>()).stream()
                    .filter(v -> fits(v, kind)).toList()));
        });
        return new ValuePools(out, kinds, FOCUSED_SHARE);
    }

    /**
     * Reads the most frequent values of every column of {@code schema} from the real database,
     * and adds gold's constants to every column of their name.
     */
    public static ValuePools read(Connection real, SqliteSchema schema, List<NeighbourGenerator.Constant> constants)
            throws SQLException {
        return read(real, schema, constants, SqliteSchema::quote);
    }

    /**
     * As {@link #read(Connection, SqliteSchema, List)} on any engine: {@code quote} quotes an
     * identifier in its dialect. A column whose values cannot be grouped (JSON, say) gets an empty pool.
     */
    public static ValuePools read(Connection real, SqliteSchema schema, List<NeighbourGenerator.Constant> constants,
            UnaryOperator<String> quote) throws SQLException {
        Map<String, LinkedHashSet<Object>> byName = byName(constants);
        Map<String, Pool> pools = new HashMap<>();
        Map<String, SqliteSchema.Kind> kinds = new HashMap<>();
        for (SqliteSchema.Table table : schema.tables()) {
            long rows = count(real, table, quote);
            for (SqliteSchema.Column column : table.columns()) {
                Pool pool = readColumn(real, table, column, rows, quote);
                List<Object> fitting = byName.getOrDefault(column.name().toLowerCase(Locale.ROOT), new LinkedHashSet<>())
                        .stream().filter(v -> fits(v, column.kind())).toList();
                pools.put(key(table.name(), column.name()), pool.withConstants(fitting));
                kinds.put(key(table.name(), column.name()), column.kind());
            }
        }
        return new ValuePools(pools, kinds, SHARE);
    }

    /** Gold's constants by column name (lower case), each with the values next to it. */
    private static Map<String, LinkedHashSet<Object>> byName(List<NeighbourGenerator.Constant> constants) {
        Map<String, LinkedHashSet<Object>> byName = new HashMap<>();
        for (NeighbourGenerator.Constant c : constants) {
            LinkedHashSet<Object> set = byName.computeIfAbsent(name(c), k -> new LinkedHashSet<>());
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
                if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    continue;
                }
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
        return byName;
    }

    private static String name(NeighbourGenerator.Constant c) {
        return c.column().replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT);
    }

    private static long count(Connection real, SqliteSchema.Table table, UnaryOperator<String> quote)
            throws SQLException {
        try (Statement s = real.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + quote.apply(table.name()))) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The most frequent values of one column, its share of NULLs and its numeric range; no constants yet. */
    private static Pool readColumn(Connection real, SqliteSchema.Table table, SqliteSchema.Column column, long rows,
            UnaryOperator<String> quote) throws SQLException {
        if (column.kind() == SqliteSchema.Kind.BLOB) {
            return new Pool(List.of(), List.of(), column.notNull() ? 0 : 0.1, null, null);
        }
        String t = quote.apply(table.name());
        String c = quote.apply(column.name());
        boolean autoCommit = real.getAutoCommit();
        java.sql.Savepoint savepoint = autoCommit ? null : real.setSavepoint();
        try {
            return readColumn(real, t, c, column, rows);
        } catch (SQLException e) {
            if (savepoint != null) {
                real.rollback(savepoint);
            }
            return new Pool(List.of(), List.of(), column.notNull() ? 0 : 0.1, null, null);
        }
    }

    private static Pool readColumn(Connection real, String t, String c, SqliteSchema.Column column, long rows)
            throws SQLException {
        List<Object> frequent = new ArrayList<>();
        try (Statement s = real.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + c + ", COUNT(*) FROM " + t + " WHERE " + c
                        + " IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + REAL_VALUES)) {
            while (rs.next()) {
                Object v = normalize(rs.getObject(1), column.kind());
                if (v != null) {
                    frequent.add(v);
                }
            }
        }
        long nulls = 0;
        Double min = null;
        Double max = null;
        try (Statement s = real.createStatement();
                ResultSet rs = s.executeQuery("SELECT SUM(CASE WHEN " + c + " IS NULL THEN 1 ELSE 0 END), MIN(" + c + "),"
                        + " MAX(" + c + ") FROM " + t)) {
            if (rs.next()) {
                nulls = rs.getLong(1);
                min = rs.getObject(2) instanceof Number n ? n.doubleValue() : null;
                max = rs.getObject(3) instanceof Number n ? n.doubleValue() : null;
            }
        }
        double nullShare = column.notNull() ? 0 : Math.max(0.1, rows == 0 ? 0.2 : (double) nulls / rows);
        return new Pool(frequent, List.of(), Math.min(0.3, nullShare), min, max);
    }

    /**
     * A value as the generator writes it: whole numbers as Long, other numbers as Double, dates and
     * times as ISO text, booleans as 0 and 1, anything else as its text; null for bytes.
     */
    static Object normalize(Object v, SqliteSchema.Kind kind) {
        return switch (v) {
            case null -> null;
            case byte[] bytes -> null;
            case Boolean b -> b ? 1L : 0L;
            case Integer i -> (long) i;
            case Short i -> (long) i;
            case Byte i -> (long) i;
            case Long l -> l;
            case java.math.BigInteger i -> i.longValue();
            case Float f -> (double) f;
            case java.math.BigDecimal n when kind == SqliteSchema.Kind.INTEGER
                    && n.stripTrailingZeros().scale() <= 0
                    -> n.longValue();
            case Number n -> n.doubleValue();
            case java.sql.Timestamp ts -> ts.toLocalDateTime().format(TIMESTAMP);
            case java.time.LocalDateTime ts -> ts.format(TIMESTAMP);
            case java.sql.Date d -> d.toLocalDate().toString();
            default -> v.toString();
        };
    }

    private static final java.time.format.DateTimeFormatter TIMESTAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static boolean fits(Object value, SqliteSchema.Kind kind) {
        return switch (kind) {
            case INTEGER, BOOLEAN -> value instanceof Long;
            case REAL -> value instanceof Number;
            case null -> false;
            default -> true;
        };
    }

    private static String key(String table, String column) {
        return table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT);
    }
}
