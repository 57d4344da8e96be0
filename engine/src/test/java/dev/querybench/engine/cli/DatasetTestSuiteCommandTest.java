package dev.querybench.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code querybench dataset testsuite} on a workspace of its own: it writes the suite next to the
 * workspace's state, lists it under the profile's {@code instances:} (keeping instances the user
 * listed, replacing its own on a second build), writes the report, and refuses bad options.
 */
class DatasetTestSuiteCommandTest {

    @TempDir
    Path dir;

    @Test
    void buildsASuiteAndListsItAsInstancesOfTheProfile() throws Exception {
        Path ws = dir.resolve("ws");
        Files.createDirectories(ws);
        TestDatabases.sqlite(ws.resolve("shop.db"), """
                CREATE TABLE product (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL NOT NULL);
                INSERT INTO product VALUES (1, 'pen', 1.5), (2, 'pad', 3.0), (3, 'mug', 4.0);
                """);
        TestDatabases.sqlite(ws.resolve("mine.db"), """
                CREATE TABLE product (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL NOT NULL);
                """);
        Files.writeString(ws.resolve("dataset.yaml"), """
                name: shop
                questions:
                  - id: expensive
                    question: Which products cost more than 2?
                    gold: SELECT name FROM product WHERE price > 2
                  - id: cheapest
                    question: Which product is cheapest?
                    gold: SELECT name FROM product ORDER BY price LIMIT 1
                """);
        Files.writeString(ws.resolve("querybench.yaml"), """
                # my shop
                database: {name: shop, type: sqlite, path: shop.db, instances: [mine.db]}
                dataset: dataset.yaml
                """);
        CliHarness cli = new CliHarness(dir, Map.of());

        CliHarness.Result r = cli.run("dataset", "testsuite", "--workspace", ws.toString(), "--candidates", "12",
                "--max-instances", "3", "--seed", "4");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("shop: candidate 1 (").contains("expensive:").contains("instances saved");
        Workspace loaded = new WorkspaceLoader().load(ws);
        var instances = loaded.config().databaseProfile("shop").orElseThrow().instances();
        assertThat(instances).first().isEqualTo("mine.db");
        assertThat(instances).hasSizeBetween(2, 4);
        assertThat(instances.subList(1, instances.size()))
                .allMatch(i -> i.startsWith(".querybench/testsuite/shop/shop.testsuite-"));
        instances.forEach(i -> assertThat(ws.resolve(i)).isRegularFile());
        assertThat(Files.readString(ws.resolve("querybench.yaml"))).startsWith("# my shop");
        assertThat(ws.resolve(".querybench/testsuite/testsuite-report.md")).content().contains("| expensive |");
        assertThat(ws.resolve(".querybench/testsuite/testsuite-report.json")).content().contains("\"killedBySuite\"");

        CliHarness.Result again = cli.run("dataset", "testsuite", "--workspace", ws.toString(), "--candidates", "12",
                "--max-instances", "3", "--seed", "4");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(new WorkspaceLoader().load(ws).config().databaseProfile("shop").orElseThrow().instances())
                .isEqualTo(instances);

        CliHarness.Result check = cli.run("dataset", "check", "--workspace", ws.toString());
        assertThat(check.out()).doesNotContain("FAILED");
    }

    @Test
    void refusesOptionsOutOfRange() {
        CliHarness.Result r = new CliHarness(dir, Map.of()).run("dataset", "testsuite", "--candidates", "0");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("at least 1");
    }

    @Test
    void aDatabaseThatCannotBeUsedIsNamedAndTheExitCodeSaysSo() throws Exception {
        Path ws = TestDatabases.productWorkspace(dir.resolve("ws"), "{name: shop, type: sqlite, path: missing.db}");

        CliHarness.Result r = new CliHarness(dir, Map.of()).run("dataset", "testsuite", "--workspace", ws.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(r.err()).contains("database 'shop': SQLite file").contains("missing.db does not exist");
    }
}
