package dev.querybench.engine.testsuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random databases keep every constraint of a real schema (primary keys, composite keys, UNIQUE,
 * NOT NULL, foreign keys including a self reference and a composite one, a CHECK), checked on the
 * written files by SQLite itself and by queries of our own, over many seeds and sizes.
 */
class DatabaseGeneratorTest {

    static final String SCHEMA = """
            CREATE TABLE region (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL UNIQUE);
            CREATE TABLE store (id INTEGER NOT NULL, region_id INTEGER NOT NULL REFERENCES region (id),
                code CHAR(3) NOT NULL, opened DATE, size REAL CHECK (size IS NULL OR size >= 0),
                PRIMARY KEY (id), UNIQUE (region_id, code));
            CREATE TABLE staff (id INTEGER PRIMARY KEY, store_id INTEGER REFERENCES store (id),
                boss_id INTEGER REFERENCES staff (id), email TEXT NOT NULL UNIQUE, salary DECIMAL(8,2) NOT NULL);
            CREATE TABLE stock (store_id INTEGER NOT NULL, item TEXT NOT NULL, qty INTEGER NOT NULL,
                PRIMARY KEY (store_id, item), FOREIGN KEY (store_id) REFERENCES store (id));
            CREATE TABLE move (id INTEGER PRIMARY KEY, store_id INTEGER NOT NULL, item TEXT NOT NULL, at TIMESTAMP,
                FOREIGN KEY (store_id, item) REFERENCES stock (store_id, item));
            CREATE INDEX move_at ON move (at);
            INSERT INTO region VALUES (1, 'North'), (2, 'South'), (3, 'East');
            INSERT INTO store VALUES (10, 1, 'N01', '2020-01-05', 120.5), (11, 2, 'S01', '2021-03-01', NULL),
                (12, 2, 'S02', '2022-07-19', 80);
            INSERT INTO staff VALUES (1, 10, NULL, 'a@x.org', 3000), (2, 10, 1, 'b@x.org', 2500.5),
                (3, NULL, 1, 'c@x.org', 4100);
            INSERT INTO stock VALUES (10, 'tent', 4), (10, 'lamp', 0), (11, 'tent', 2);
            INSERT INTO move VALUES (1, 10, 'tent', '2024-01-01 10:00:00'), (2, 11, 'tent', NULL);
            """;

    @TempDir
    Path dir;

    static Path realDatabase(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : SCHEMA.split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
        }
        return file;
    }

    @Test
    void everyGeneratedDatabaseKeepsEveryConstraintOfTheSchema() throws Exception {
        Real real = readReal(List.of(new NeighbourGenerator.Constant("qty", 3L),
                    new NeighbourGenerator.Constant("name", "West")));
        SqliteSchema schema = real.schema();
        ValuePools pools = real.pools();
        assertThat(schema.table("store").orElseThrow().uniques()).contains(List.of("id"), List.of("region_id", "code"));
        assertThat(schema.table("move").orElseThrow().foreignKeys().getFirst().columns())
                .containsExactly("store_id", "item");
        DatabaseGenerator generator = new DatabaseGenerator(schema, pools);
        int nonEmptyMoves = 0;
        for (int seed = 0; seed < 30; seed++) {
            Path file = dir.resolve("gen-" + seed + ".sqlite");
            generator.write(file, seed, new DatabaseGenerator.Shape(2 + seed % 12, seed % 3 == 1, seed % 3 == 2 ? 2 : 0,
                    List.of()));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                assertThat(rows(s, "PRAGMA foreign_key_check")).as("foreign keys of seed " + seed).isEmpty();
                assertThat(rows(s, "PRAGMA integrity_check")).containsExactly("ok");
                for (SqliteSchema.Table t : schema.tables()) {
                    assertThat(count(s, "SELECT COUNT(*) FROM " + t.name())).as(t.name() + " of seed " + seed)
                            .isPositive();
                    for (SqliteSchema.Column col : t.columns()) {
                        if (col.notNull()) {
                            assertThat(count(s, "SELECT COUNT(*) FROM " + t.name() + " WHERE " + col.name() + " IS NULL"))
                                    .as(t.name() + "." + col.name() + " is NOT NULL").isZero();
                        }
                    }
                    for (List<String> unique : t.uniques()) {
                        String cols = String.join(", ", unique);
                        assertThat(count(s, "SELECT COUNT(*) FROM (SELECT " + cols + " FROM " + t.name() + " WHERE "
                                + String.join(" IS NOT NULL AND ", unique) + " IS NOT NULL GROUP BY " + cols
                                + " HAVING COUNT(*) > 1)")).as(t.name() + " unique " + cols).isZero();
                    }
                }
                assertThat(count(s, "SELECT COUNT(*) FROM store WHERE size < 0")).isZero();
                nonEmptyMoves += count(s, "SELECT COUNT(*) FROM move") > 0 ? 1 : 0;
            }
        }
        assertThat(nonEmptyMoves).isEqualTo(30);
    }

    @Test
    void poolsAimedAtOneQuestionHoldOnlyItsConstants() throws Exception {
        ValuePools pools = readReal(List.of(new NeighbourGenerator.Constant("qty", 3L),
                new NeighbourGenerator.Constant("item", "kettle"))).pools();
        assertThat(pools.of("stock", "qty").constants()).containsExactly(3L, 4L, 2L);
        ValuePools focused = pools.focused(List.of(new NeighbourGenerator.Constant("qty", 7L)));
        assertThat(focused.of("stock", "qty").constants()).containsExactly(7L, 8L, 6L);
        assertThat(focused.of("stock", "item").constants()).isEmpty();
        assertThat(focused.of("stock", "qty").real()).isEqualTo(pools.of("stock", "qty").real());
        assertThat(focused.constantShare()).isGreaterThan(pools.constantShare());
        assertThat(pools.exactly(List.of(new NeighbourGenerator.Constant("opened", "2024-01-01"))).of("store", "opened")
                .constants()).containsExactly("2024-01-01");
    }

    @Test
    void aTwinCopiesARowWithTheRowsThatHangFromIt() throws Exception {
        Real real = readReal(List.of());
        SqliteSchema schema = real.schema();
        ValuePools pools = real.pools();
        int twinsWithStores = 0;
        for (int seed = 0; seed < 10; seed++) {
            Path file = dir.resolve("t-" + seed + ".sqlite");
            new DatabaseGenerator(schema, pools).write(file, seed, new DatabaseGenerator.Shape(6, false, 1, List.of("region")));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                assertThat(rows(s, "PRAGMA foreign_key_check")).isEmpty();
                // the twin's name is marked (name is UNIQUE); its stores are copies of the original's
                assertThat(count(s, "SELECT COUNT(*) FROM region t JOIN region o ON t.name = o.name || ' 2'")).isEqualTo(1);
                twinsWithStores += count(s, """
                        SELECT COUNT(*) FROM region t JOIN region o ON t.name = o.name || ' 2'
                        WHERE (SELECT COUNT(*) FROM store WHERE region_id = o.id) > 0
                          AND (SELECT group_concat(opened || '/' || size, ',') FROM (SELECT * FROM store
                               WHERE region_id = t.id ORDER BY id))
                            = (SELECT group_concat(opened || '/' || size, ',') FROM (SELECT * FROM store
                               WHERE region_id = o.id ORDER BY id))""");
            }
        }
        assertThat(twinsWithStores).as("twins whose stores were copied too").isPositive();
    }

    @Test
    void valuesComeFromTheRealDataAndGoldsConstantsWithNullsAndDuplicates() throws Exception {
        Real real = readReal(List.of(new NeighbourGenerator.Constant("item", "kettle")));
        SqliteSchema schema = real.schema();
        ValuePools pools = real.pools();
        DatabaseGenerator generator = new DatabaseGenerator(schema, pools);
        boolean kettle = false;
        boolean nullOpened = false;
        boolean duplicateQty = false;
        for (int seed = 0; seed < 10; seed++) {
            Path file = dir.resolve("v-" + seed + ".sqlite");
            generator.write(file, seed, 8);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                kettle |= count(s, "SELECT COUNT(*) FROM stock WHERE item = 'kettle'") > 0;
                nullOpened |= count(s, "SELECT COUNT(*) FROM store WHERE opened IS NULL") > 0;
                duplicateQty |= count(s, "SELECT COUNT(*) FROM (SELECT qty FROM stock GROUP BY qty HAVING COUNT(*) > 1)")
                        > 0;
                assertThat(count(s, "SELECT COUNT(*) FROM region WHERE name NOT IN ('North', 'South', 'East')"
                        + " AND name NOT LIKE 'v%' AND name NOT LIKE '% _'")).isZero();
            }
        }
        assertThat(kettle).as("gold's constant appears").isTrue();
        assertThat(nullOpened).as("a nullable column gets NULLs").isTrue();
        assertThat(duplicateQty).as("values repeat").isTrue();
    }

    @Test
    void theSameSeedWritesTheSameDatabase() throws Exception {
        Real real = readReal(List.of());
        SqliteSchema schema = real.schema();
        ValuePools pools = real.pools();
        new DatabaseGenerator(schema, pools).write(dir.resolve("a.sqlite"), 42, 9);
        new DatabaseGenerator(schema, pools).write(dir.resolve("b.sqlite"), 42, 9);
        new DatabaseGenerator(schema, pools).write(dir.resolve("c.sqlite"), 43, 9);
        assertThat(TestSuiteBuilder.contentHash(dir.resolve("a.sqlite")))
                .isEqualTo(TestSuiteBuilder.contentHash(dir.resolve("b.sqlite")))
                .isNotEqualTo(TestSuiteBuilder.contentHash(dir.resolve("c.sqlite")));
        assertThat(Files.mismatch(dir.resolve("a.sqlite"), dir.resolve("b.sqlite"))).isEqualTo(-1L);
    }

    /** The real database's schema and the value pools read from it. */
    private record Real(SqliteSchema schema, ValuePools pools) {}

    /** Writes the real database (SCHEMA) and reads its schema and pools, aimed at {@code constants}. */
    private Real readReal(List<NeighbourGenerator.Constant> constants) throws SQLException {
        Path real = realDatabase(dir.resolve("real.sqlite"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + real)) {
            SqliteSchema schema = SqliteSchema.read(c);
            return new Real(schema, ValuePools.read(c, schema, constants));
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
