package dev.querybench.engine.cli;

import static dev.querybench.engine.testing.TestDatabases.sqlite;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code querybench dataset check} and {@code querybench validate db} on a dataset whose
 * questions name their own databases: a workspace profile with a test-suite instance, a database
 * in Spider's folder layout with a second instance file, and a database nobody knows.
 */
class MultiDatabaseChecksTest {

    @TempDir
    Path dir;
    Path ws;
    CliHarness cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliHarness(dir, Map.of());
        ws = dir.resolve("ws");
        sqlite(ws.resolve("main.db"), """
                CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);
                INSERT INTO note VALUES (1, 'x');
                """);
        sqlite(ws.resolve("inventory.db"), """
                CREATE TABLE item (id INTEGER PRIMARY KEY, sku TEXT);
                INSERT INTO item VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e');
                """);
        // the test-suite instance has the same schema and fewer rows: one gold query returns nothing there
        sqlite(ws.resolve("inventory_b.db"), """
                CREATE TABLE item (id INTEGER PRIMARY KEY, sku TEXT);
                INSERT INTO item VALUES (1, 'a'), (2, 'b');
                """);
        sqlite(ws.resolve("database/shop/shop.sqlite"), """
                CREATE TABLE product (id INTEGER PRIMARY KEY, name TEXT, price REAL);
                INSERT INTO product VALUES (1, 'pen', 1.5), (2, 'ink', 0.3), (3, 'pad', 2.0);
                """);
        // an instance file whose schema lacks a column the gold query reads
        sqlite(ws.resolve("database/shop/shop_b.sqlite"), """
                CREATE TABLE product (id INTEGER PRIMARY KEY, name TEXT);
                INSERT INTO product VALUES (1, 'pen');
                """);
        Files.writeString(ws.resolve("dataset.yaml"), """
                name: spread
                questions:
                  - id: notes
                    question: How many notes are there?
                    gold: SELECT count(*) FROM note
                  - id: cheap
                    database: shop
                    question: Which products cost more than 1?
                    gold: SELECT name FROM product WHERE price > 1
                  - id: stock
                    database: inventory
                    question: Which items come after the third?
                    gold: SELECT sku FROM item WHERE id > 3
                  - id: ghosts
                    database: nowhere
                    question: How many ghosts are there?
                    gold: SELECT count(*) FROM ghost
                  - id: spirits
                    database: nowhere
                    question: How many spirits are there?
                    gold: SELECT count(*) FROM spirit
                """);
        Files.writeString(ws.resolve("querybench.yaml"), """
                name: spread
                database: {name: main, type: sqlite, path: main.db}
                databases:
                  - {name: inventory, type: sqlite, path: inventory.db, instances: [inventory_b]}
                  - {name: inventory_b, type: sqlite, path: inventory_b.db}
                dataset: dataset.yaml
                """);
    }

    @Test
    void datasetCheckRunsEachGoldQueryOnItsOwnDatabaseAndEveryInstance() {
        CliHarness.Result r = cli.run("dataset", "check", "--workspace", ws.toString());

        assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(r.out()).contains(
                "Database main: SQLite", "1 questions, 1 gold queries, all fine",
                "Database shop: SQLite", "  instance shop_b.sqlite: SQLite",
                "missing column on shop (instance shop_b.sqlite): ",
                "FAILED    cheap on shop (instance shop_b.sqlite): ",
                "Database inventory: SQLite", "  instance inventory_b: SQLite",
                "EMPTY     stock on inventory (instance inventory_b): the gold query returned no rows",
                "DATABASE  database 'nowhere' is not known; named by questions ghosts, spirits; known databases: main,"
                        + " inventory, inventory_b, shop",
                "→ name one of the known databases in the question",
                "Gold-check of spread across 3 databases (2 with test-suite instances): 5 questions, 5 gold queries run;"
                        + " 1 failed, 0 timed out, 1 returned no rows; 2 questions name a database that cannot be used");
        // each gold query ran on its own database only: shop's and inventory's pass there
        assertThat(r.out()).doesNotContain("cheap on main", "cheap on shop:", "stock on inventory:", "notes on");
    }

    @Test
    void datasetCheckOnAUrlChecksEveryQuestionOnThatOneDatabase() {
        CliHarness.Result r = cli.run("dataset", "check", "--workspace", ws.toString(), "--db",
                "jdbc:sqlite:" + ws.resolve("main.db"));

        assertThat(r.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(r.out()).contains("FAILED    cheap:", "missing table: product").doesNotContain("DATABASE ");
    }

    @Test
    void validateDbChecksEachDatabaseTheDatasetNames() {
        CliHarness.Result r = cli.run("validate", "db", "--workspace", ws.toString());

        assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(r.out()).contains("[ ok ] Connection",
                "[ ok ] Database main: SQLite", "all 1 tables and their columns that its questions' gold SQL reads",
                "[ ok ] Database shop: SQLite", "[FAIL] Database shop, instance shop_b.sqlite: missing columns: ",
                "a test-suite instance needs the same schema as shop",
                "[ ok ] Database inventory: SQLite", "[ ok ] Database inventory, instance inventory_b: SQLite",
                "[FAIL] Database nowhere: database 'nowhere' is not known; named by questions ghosts, spirits",
                "The database is not ready");
        assertThat(r.out()).as("other databases' tables are not looked for in the workspace's own")
                .doesNotContain("missing tables: product");
    }

    @Test
    void aDatasetWhoseDatabasesAreAllThereIsReady() throws Exception {
        Files.writeString(ws.resolve("dataset.yaml"), Files.readString(ws.resolve("dataset.yaml"))
                .substring(0, Files.readString(ws.resolve("dataset.yaml")).indexOf("  - id: cheap")));
        Files.writeString(ws.resolve("dataset.yaml"), Files.readString(ws.resolve("dataset.yaml")) + """
                  - id: stock
                    database: inventory
                    question: Which items are there?
                    gold: SELECT sku FROM item
                """);

        CliHarness.Result check = cli.run("dataset", "check", "--workspace", ws.toString());
        assertThat(check.exitCode()).as(check.out()).isZero();
        assertThat(check.out()).contains("0 failed, 0 timed out, 0 returned no rows; 0 questions name a database");

        CliHarness.Result validate = cli.run("validate", "db", "--workspace", ws.toString());
        assertThat(validate.exitCode()).as(validate.out()).isZero();
        assertThat(validate.out()).contains("The database is ready");
    }
}
