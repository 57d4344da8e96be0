package dev.querybench.engine.testsuite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Writes a random SQLite database with the schema of a real one: the same DDL, and rows that
 * respect every declared constraint — NOT NULL, primary keys, UNIQUE sets, foreign keys (parents
 * are filled first; a child's key is drawn from its parent's rows) — with values drawn from
 * {@link ValuePools}: mostly values of the real data and gold's constants, some fresh ones, NULLs
 * where allowed, and small tables so ties and duplicates are common. A row that would still break
 * a constraint (a CHECK, say) is left out by {@code INSERT OR IGNORE}; rows whose foreign keys
 * cannot be met are removed until {@code PRAGMA foreign_key_check} is clean. The same schema,
 * pools, seed and size give the same file content. Not thread-safe; one instance per thread.
 */
public final class DatabaseGenerator {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * How a candidate is drawn besides its seed.
     *
     * @param rows scale: a table without foreign keys gets 1 to {@code rows} rows, one with them
     *     {@code rows} to three times as many
     * @param skewed children pick two of three times among the first two parent rows, so a few
     *     parents have many children (a customer with orders in every year, a group far above the rest)
     * @param twins how many rows are copied with their related rows ({@link Twins})
     * @param twinTables the tables twins are taken from; any table when empty
     */
    public record Shape(int rows, boolean skewed, int twins, List<String> twinTables) {
        public Shape {
            twinTables = List.copyOf(twinTables);
        }

        /** Values drawn one by one, parents picked evenly, no twins. */
        public static Shape plain(int rows) {
            return new Shape(rows, false, 0, List.of());
        }
    }

    private static final int TWIN_ROWS = 120;

    private final SqliteSchema schema;
    private final ValuePools pools;
    private boolean skewed;

    public DatabaseGenerator(SqliteSchema schema, ValuePools pools) {
        this.schema = schema;
        this.pools = pools;
    }

    /**
     * Writes a new database to {@code target} (replacing it).
     *
     * @param rows scale: a table without foreign keys gets 1 to {@code rows} rows, one with them
     *     {@code rows} to three times as many
     */
    public void write(Path target, long seed, int rows) {
        write(target, seed, Shape.plain(rows));
    }

    /** Writes a new database to {@code target} (replacing it), drawn as {@code shape} says. */
    public void write(Path target, long seed, Shape shape) {
        Random random = new Random(seed);
        int rows = shape.rows();
        skewed = shape.skewed();
        try {
            Files.deleteIfExists(target);
            Files.createDirectories(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target.toAbsolutePath())) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = OFF");
                s.execute("PRAGMA synchronous = OFF");
                for (String ddl : schema.ddl()) {
                    s.execute(ddl);
                }
            }
            c.setAutoCommit(false);
            Map<String, List<Map<String, Object>>> written = new HashMap<>();
            for (SqliteSchema.Table table : fillOrder()) {
                int n = table.foreignKeys().isEmpty() ? 1 + random.nextInt(rows) : rows + random.nextInt(2 * rows + 1);
                written.put(table.name().toLowerCase(Locale.ROOT), fill(c, table, n, random, written));
            }
            c.commit();
            Twins twins = new Twins(schema);
            for (int i = 0; i < shape.twins(); i++) {
                twins.make(c, random, shape.twinTables(), TWIN_ROWS);
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                removeForeignKeyViolations(s);
                s.execute("VACUUM");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot generate " + target + ": " + e.getMessage(), e);
        }
    }

    /** Parents before children (self references and cycles aside), else in schema order. */
    List<SqliteSchema.Table> fillOrder() {
        List<SqliteSchema.Table> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        List<SqliteSchema.Table> left = new ArrayList<>(schema.tables());
        while (!left.isEmpty()) {
            SqliteSchema.Table next = null;
            for (SqliteSchema.Table t : left) {
                boolean ready = t.foreignKeys().stream().allMatch(fk -> fk.referencedTable().equalsIgnoreCase(t.name())
                        || done.contains(fk.referencedTable().toLowerCase(Locale.ROOT))
                        || schema.table(fk.referencedTable()).isEmpty());
                if (ready) {
                    next = t;
                    break;
                }
            }
            if (next == null) {
                next = left.getFirst();
            }
            left.remove(next);
            order.add(next);
            done.add(next.name().toLowerCase(Locale.ROOT));
        }
        return order;
    }

    private List<Map<String, Object>> fill(Connection c, SqliteSchema.Table table, int n, Random random,
            Map<String, List<Map<String, Object>>> written) throws SQLException {
        List<SqliteSchema.Column> columns = table.columns();
        StringBuilder sql = new StringBuilder("INSERT OR IGNORE INTO ").append(SqliteSchema.quote(table.name()))
                .append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(SqliteSchema.quote(columns.get(i).name()));
        }
        sql.append(") VALUES (").append("?, ".repeat(columns.size() - 1)).append("?)");
        List<Set<List<Object>>> uniqueSeen = new ArrayList<>();
        table.uniques().forEach(u -> uniqueSeen.add(new HashSet<>()));
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Long> sequences = new HashMap<>();
        try (PreparedStatement insert = c.prepareStatement(sql.toString())) {
            for (int r = 0; r < n; r++) {
                Map<String, Object> row = null;
                for (int attempt = 0; attempt < 20 && row == null; attempt++) {
                    Map<String, Object> candidate = row(table, random, written, rows, sequences);
                    if (unique(table, candidate, uniqueSeen)) {
                        row = candidate;
                    }
                }
                if (row == null) {
                    continue;
                }
                for (int i = 0; i < columns.size(); i++) {
                    insert.setObject(i + 1, row.get(columns.get(i).name()));
                }
                if (insert.executeUpdate() == 1) {
                    rows.add(row);
                    for (int u = 0; u < table.uniques().size(); u++) {
                        uniqueSeen.get(u).add(key(row, table.uniques().get(u)));
                    }
                }
            }
        }
        return rows;
    }

    private static boolean unique(SqliteSchema.Table table, Map<String, Object> row, List<Set<List<Object>>> seen) {
        for (int u = 0; u < table.uniques().size(); u++) {
            List<Object> key = key(row, table.uniques().get(u));
            if (!key.contains(null) && seen.get(u).contains(key)) {
                return false;
            }
        }
        return true;
    }

    private static List<Object> key(Map<String, Object> row, List<String> columns) {
        List<Object> key = new ArrayList<>();
        for (String column : columns) {
            Object v = row.get(column);
            key.add(v instanceof Double d && d == Math.rint(d) ? (Object) d.longValue() : v);
        }
        return key;
    }

    private Map<String, Object> row(SqliteSchema.Table table, Random random,
            Map<String, List<Map<String, Object>>> written, List<Map<String, Object>> sameTable,
            Map<String, Long> sequences) {
        Map<String, Object> row = new LinkedHashMap<>();
        // now and then a copy of an earlier row but for its keys: whole duplicates once projected
        Map<String, Object> copied = !sameTable.isEmpty() && random.nextInt(5) == 0
                ? sameTable.get(random.nextInt(sameTable.size())) : null;
        for (SqliteSchema.Column column : table.columns()) {
            boolean key = table.uniques().stream().anyMatch(u -> u.contains(column.name()));
            row.put(column.name(), copied != null && !key ? copied.get(column.name())
                    : value(table, column, random, sequences));
        }
        for (SqliteSchema.ForeignKey fk : table.foreignKeys()) {
            boolean self = fk.referencedTable().equalsIgnoreCase(table.name());
            List<Map<String, Object>> parents = self ? sameTable
                    : written.getOrDefault(fk.referencedTable().toLowerCase(Locale.ROOT), List.of());
            List<String> referenced = fk.referencedColumns().isEmpty()
                    ? schema.table(fk.referencedTable()).map(SqliteSchema.Table::primaryKey).orElse(List.of())
                    : fk.referencedColumns();
            boolean nullable = fk.columns().stream().allMatch(name -> table.column(name).map(col -> !col.notNull())
                    .orElse(true));
            if (parents.isEmpty() || referenced.size() != fk.columns().size() || nullable && random.nextInt(8) == 0) {
                if (nullable || !self) {
                    fk.columns().forEach(name -> row.put(columnName(table, name), null));
                } else {
                    for (int i = 0; i < fk.columns().size(); i++) {
                        row.put(columnName(table, fk.columns().get(i)), row.get(columnName(table, referenced.get(i))));
                    }
                }
                continue;
            }
            int pick = skewed && random.nextInt(3) > 0 ? random.nextInt(Math.min(2, parents.size()))
                    : random.nextInt(parents.size());
            Map<String, Object> parent = parents.get(pick);
            for (int i = 0; i < fk.columns().size(); i++) {
                String wanted = referenced.get(i);
                String parentColumn = schema.table(fk.referencedTable()).flatMap(t -> t.column(wanted))
                        .map(SqliteSchema.Column::name).orElse(wanted);
                row.put(columnName(table, fk.columns().get(i)), parent.get(parentColumn));
            }
        }
        return row;
    }

    private static String columnName(SqliteSchema.Table table, String name) {
        return table.column(name).map(SqliteSchema.Column::name).orElse(name);
    }

    private Object value(SqliteSchema.Table table, SqliteSchema.Column column, Random random,
            Map<String, Long> sequences) {
        ValuePools.Pool pool = pools.of(table.name(), column.name());
        boolean keyColumn = column.primaryKeyPosition() > 0;
        if (!column.notNull() && !keyColumn && random.nextDouble() < pool.nullShare()) {
            return null;
        }
        if (keyColumn && table.primaryKey().size() == 1 && column.kind() == SqliteSchema.Kind.INTEGER) {
            long next = sequences.merge(column.name(), 1L + random.nextInt(3), Long::sum);
            if (!pool.constants().isEmpty() && random.nextInt(4) == 0) {
                return pool.constants().get(random.nextInt(pool.constants().size()));
            }
            return next;
        }
        int pick = random.nextInt(10);
        if (pick < pools.constantShare() && !pool.constants().isEmpty()) {
            return pool.constants().get(random.nextInt(pool.constants().size()));
        }
        if (pick < Math.max(8, pools.constantShare() + 2) && !pool.real().isEmpty()) {
            // a few values often (ties and duplicates), the rest now and then
            int size = pool.real().size();
            int index = random.nextBoolean() ? random.nextInt(Math.min(size, 4)) : random.nextInt(size);
            return pool.real().get(index);
        }
        return fresh(column, pool, random);
    }

    private static Object fresh(SqliteSchema.Column column, ValuePools.Pool pool, Random random) {
        double lo = pool.min() != null ? pool.min() : 0;
        double hi = pool.max() != null ? pool.max() : 100;
        return switch (column.kind()) {
            case INTEGER -> (long) Math.floor(lo + random.nextDouble() * (hi - lo + 1));
            case BOOLEAN -> (long) random.nextInt(2);
            case REAL -> {
                // mostly cents like the usual data, sometimes a third decimal so rounding shows
                double scale = random.nextInt(3) == 0 ? 1000.0 : 100.0;
                yield Math.round((lo + random.nextDouble() * (hi - lo)) * scale) / scale;
            }
            case DATE -> LocalDate.of(2018, 1, 1).plusDays(random.nextInt(365 * 8)).toString();
            case DATETIME -> LocalDateTime.of(2018, 1, 1, 0, 0).plusMinutes(random.nextInt(60 * 24 * 365 * 8))
                    .format(DATE_TIME);
            case BLOB -> null;
            case TEXT -> {
                if (!pool.real().isEmpty() && random.nextBoolean()) {
                    String base = String.valueOf(pool.real().get(random.nextInt(pool.real().size())));
                    yield base + " " + (char) ('a' + random.nextInt(26));
                }
                yield "v" + Integer.toString(random.nextInt(1 << 20), 36);
            }
        };
    }

    private static void removeForeignKeyViolations(Statement s) throws SQLException {
        for (int round = 0; round < 10; round++) {
            List<String[]> bad = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
                while (rs.next()) {
                    bad.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            if (bad.isEmpty()) {
                return;
            }
            for (String[] row : bad) {
                if (row[1] != null) {
                    s.execute("DELETE FROM " + SqliteSchema.quote(row[0]) + " WHERE rowid = " + Long.parseLong(row[1]));
                }
            }
        }
    }
}
