package dev.querybench.engine.cli;

import static dev.querybench.engine.testing.TestDatabases.plainPrompt;
import static dev.querybench.engine.testing.TestDatabases.sqlite;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.testing.OpenAiStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Test-suite matching on real SQLite instances of one schema with different data. The wrong
 * query ({@code price >= 3} for "more than 2") returns gold's rows on the first instance, where
 * no price lies between 2 and 3, and is caught on the second, which has a product at 2.5.
 */
class TestSuiteMatchTest {

    private static final String SCHEMA = "CREATE TABLE product (id INTEGER PRIMARY KEY, name TEXT, price REAL);\n";
    private static final String A = SCHEMA + "INSERT INTO product VALUES (1, 'pen', 1.5), (2, 'pad', 3.0), (3, 'mug', 4.0);";
    private static final String B = SCHEMA + "INSERT INTO product VALUES (1, 'pen', 1.5), (2, 'cup', 2.5), (3, 'pad', 3.0);";
    private static final String C = SCHEMA + "INSERT INTO product VALUES (1, 'box', 5.0);";
    private static final String GOLD = "SELECT name FROM product WHERE price > 2";
    private static final String WRONG = "SELECT name FROM product WHERE price >= 3";
    private static final String RIGHT = "SELECT name FROM product WHERE 2 < price";

    @TempDir
    Path dir;
    OpenAiStub stub;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        stub = OpenAiStub.start();
        cli = new CliHarness(dir, Map.of());
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    @Test
    void aRunPassesOnlyPredictionsThatMatchOnEveryInstanceOfTheProfile() throws Exception {
        Path ws = dir.resolve("ws");
        plainPrompt(ws);
        sqlite(ws.resolve("shop_a.db"), A);
        sqlite(ws.resolve("shop_b.db"), B);
        sqlite(ws.resolve("data/shop_c.sqlite"), C);
        Files.writeString(ws.resolve("dataset.yaml"), """
                name: shop
                questions:
                  - id: wrong
                    question: Which products are expensive?
                    gold: %s
                  - id: right
                    question: Which products are pricey?
                    gold: %s
                """.formatted(GOLD, GOLD));
        Files.writeString(ws.resolve("querybench.yaml"), """
                database: {name: shop, type: sqlite, path: shop_a.db, instances: [shop_b, data/shop_c.sqlite]}
                databases: [{name: shop_b, type: sqlite, path: shop_b.db}]
                dataset: dataset.yaml
                """);
        stub.answerSql("expensive", WRONG);
        stub.answerSql("pricey", RIGHT);
        Path out = dir.resolve("out");

        CliHarness.Result r = cli.run("run", "--workspace", ws.toString(), "--model", "openai:gpt-4o-mini",
                "--base-url", stub.baseUrl(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        Map<String, JsonNode> items = new HashMap<>();
        new ObjectMapper().readTree(out.resolve("results.json").toFile()).path("items")
                .forEach(i -> items.put(i.path("questionId").asText(), i));
        JsonNode wrong = items.get("wrong");
        assertThat(wrong.path("outcome").asText()).isEqualTo("FAIL");
        assertThat(wrong.path("reason").asText()).isEqualTo("on instance 'shop_b' (2 of 3): row count 1 vs 2");
        assertThat(wrong.path("failureCategory").asText()).isEqualTo("wrong_row_count");
        assertThat(wrong.path("missingRows").toString()).isEqualTo("[[\"cup\"]]");
        assertThat(wrong.path("flags").toString()).contains("test-suite");
        JsonNode right = items.get("right");
        assertThat(right.path("outcome").asText()).as(right.toString()).isEqualTo("PASS");
        assertThat(right.path("reason").asText()).isEqualTo("matches on all 3 instances");
    }

    @Test
    void withoutTheInstancesTheWrongQueryPasses() throws Exception {
        sqlite(dir.resolve("shop_a.db"), A);
        writeDev(List.of("shop"));
        Files.writeString(dir.resolve("pred.sql"), WRONG + "\n");
        CliHarness.Result r = cli.run("score", "--dataset", dir.resolve("dev.json").toString(), "--predictions",
                dir.resolve("pred.sql").toString(), "--db", dir.resolve("shop_a.db").toString(), "--out",
                dir.resolve("out").toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(items(dir.resolve("out")).getFirst().path("outcome").asText()).isEqualTo("PASS");
    }

    @Test
    void scoringADatabaseFolderUsesEverySqliteFileOfADatabaseAsAnInstance() throws Exception {
        sqlite(dir.resolve("database/shop/shop.sqlite"), A);
        sqlite(dir.resolve("database/shop/shop_2.sqlite"), B);
        writeDev(List.of("shop", "shop", "nowhere"));
        Files.writeString(dir.resolve("pred.sql"), WRONG + "\n" + RIGHT + "\nSELECT 1\n");

        CliHarness.Result r = cli.run("score", "--dataset", dir.resolve("dev.json").toString(), "--predictions",
                dir.resolve("pred.sql").toString(), "--db-dir", dir.resolve("database").toString(), "--out",
                dir.resolve("out").toString(), "--format", "json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<JsonNode> items = items(dir.resolve("out"));
        assertThat(items).extracting(i -> i.path("outcome").asText()).containsExactly("FAIL", "PASS", "ERROR");
        assertThat(items.get(0).path("reason").asText()).isEqualTo("on instance 'shop_2.sqlite' (2 of 2): row count 1 vs 2");
        assertThat(items.get(1).path("reason").asText()).isEqualTo("matches on all 2 instances");
        assertThat(items.get(2).path("reason").asText())
                .startsWith("question 2: looked in " + dir.resolve("database") + ": ")
                .contains("database 'nowhere' is not known; known databases: shop")
                .contains("put the database at DIR/nowhere/nowhere.sqlite under --db-dir DIR");
    }

    @Test
    void anInstanceThatIsNeitherAProfileNorAFileIsAConfigurationError() throws Exception {
        Path ws = dir.resolve("bad");
        plainPrompt(ws);
        sqlite(ws.resolve("shop_a.db"), A);
        Files.writeString(ws.resolve("dataset.yaml"), "questions: [{id: q, question: q, gold: " + GOLD + "}]\n");
        Files.writeString(ws.resolve("querybench.yaml"), """
                database: {name: shop, type: sqlite, path: shop_a.db, instances: [shop_typo]}
                dataset: dataset.yaml
                """);
        CliHarness.Result r = cli.run("run", "--workspace", ws.toString(), "--model", "openai:gpt-4o-mini",
                "--base-url", stub.baseUrl());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("database profile 'shop' lists instance 'shop_typo', which is neither a database"
                + " profile nor an existing file");
        assertThat(stub.calls()).isZero();
    }

    private void writeDev(List<String> databases) throws Exception {
        List<Map<String, String>> dev = new ArrayList<>();
        for (String db : databases) {
            dev.add(Map.of("db_id", db, "question", "Which products cost more than 2?", "query", GOLD));
        }
        new ObjectMapper().writeValue(dir.resolve("dev.json").toFile(), dev);
    }

    private static List<JsonNode> items(Path out) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        new ObjectMapper().readTree(out.resolve("results.json").toFile()).path("items").forEach(items::add);
        return items;
    }
}
