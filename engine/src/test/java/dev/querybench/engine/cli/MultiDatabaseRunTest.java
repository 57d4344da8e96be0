package dev.querybench.engine.cli;

import static dev.querybench.engine.testing.TestDatabases.plainPrompt;
import static dev.querybench.engine.testing.TestDatabases.sqlite;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.testing.OpenAiStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs over a dataset spanning several databases: a Spider dev.json whose questions name
 * databases in the Spider folder layout or by workspace profile. Each question is prompted with
 * and judged on its own database; one naming an unknown database is an ERROR item and the run
 * goes on.
 */
class MultiDatabaseRunTest {

    @TempDir
    Path dir;
    OpenAiStub stub;
    CliHarness cli;

    @BeforeEach
    void setUp() throws Exception {
        stub = OpenAiStub.start();
        cli = new CliHarness(dir, Map.of());
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    private Map<String, JsonNode> run(Path workspace) throws Exception {
        Path out = dir.resolve("out");
        CliHarness.Result r = cli.run("run", "--workspace", workspace.toString(), "--model", "openai:gpt-4o-mini",
                "--base-url", stub.baseUrl(), "--concurrency", "4", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        Map<String, JsonNode> items = new HashMap<>();
        new ObjectMapper().readTree(out.resolve("results.json").toFile()).path("items")
                .forEach(i -> items.put(i.path("questionId").asText(), i));
        return items;
    }

    @Test
    void eachQuestionIsPromptedAndJudgedOnItsOwnDatabase() throws Exception {
        Path ws = dir.resolve("ws");
        plainPrompt(ws);
        sqlite(ws.resolve("main.db"), "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);");
        sqlite(ws.resolve("inventory.db"), """
                CREATE TABLE item (id INTEGER PRIMARY KEY, sku TEXT);
                INSERT INTO item VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e');
                """);
        sqlite(ws.resolve("spider/database/concert/concert.sqlite"), """
                CREATE TABLE singer (id INTEGER PRIMARY KEY, name TEXT, country TEXT);
                INSERT INTO singer VALUES (1, 'Ann', 'France'), (2, 'Bob', 'Spain');
                """);
        sqlite(ws.resolve("spider/database/shop/shop.sqlite"), """
                CREATE TABLE product (id INTEGER PRIMARY KEY, name TEXT, price REAL);
                INSERT INTO product VALUES (1, 'pen', 1.5), (2, 'ink', 0.3), (3, 'pad', 2.0);
                """);
        new ObjectMapper().writeValue(ws.resolve("spider/dev.json").toFile(), List.of(
                Map.of("db_id", "concert", "question", "How many singers are there?",
                        "query", "SELECT count(*) FROM singer"),
                Map.of("db_id", "shop", "question", "Which products cost more than 1?",
                        "query", "SELECT name FROM product WHERE price > 1"),
                Map.of("db_id", "nowhere", "question", "How many ghosts are there?",
                        "query", "SELECT count(*) FROM ghost"),
                Map.of("db_id", "inventory", "question", "How many items are in stock?",
                        "query", "SELECT count(*) FROM item")));
        Files.writeString(ws.resolve("querybench.yaml"), """
                name: multi
                database: {name: main, type: sqlite, path: main.db}
                databases:
                  - {name: inventory, type: sqlite, path: inventory.db}
                dataset: spider/dev.json
                variants: [plain]
                run: {concurrency: 4}
                """);
        stub.answerSql("How many singers", "SELECT count(*) FROM singer");
        // right on shop's data only if it runs there: pen and pad cost more than 1
        stub.answerSql("Which products", "SELECT name FROM product WHERE id IN (1, 3)");
        stub.answerSql("How many items", "SELECT 5");
        stub.answerSql("How many ghosts", "SELECT 0");

        Map<String, JsonNode> items = run(ws);

        assertThat(items.get("0").path("outcome").asText()).as(items.get("0").toString()).isEqualTo("PASS");
        assertThat(items.get("1").path("outcome").asText()).as(items.get("1").toString()).isEqualTo("PASS");
        assertThat(items.get("3").path("outcome").asText()).as(items.get("3").toString()).isEqualTo("PASS");
        JsonNode unknown = items.get("2");
        assertThat(unknown.path("outcome").asText()).isEqualTo("ERROR");
        assertThat(unknown.path("reason").asText()).isEqualTo("question 2 names database 'nowhere', which is not"
                + " known; known databases: main, inventory, concert, shop");
        // the prompt shows the schema of the question's own database and no other
        assertThat(items.get("0").path("prompt").asText()).contains("singer").doesNotContain("product", "note", "item");
        assertThat(items.get("1").path("prompt").asText()).contains("product").doesNotContain("singer", "note");
        assertThat(items.get("3").path("prompt").asText()).contains("item").doesNotContain("singer", "product");
        // no model is asked a question whose database is unknown
        assertThat(stub.calls()).isEqualTo(3);
        assertThat(stub.prompts()).noneMatch(p -> p.contains("ghosts"));
    }

    @Test
    void theJudgeSeesTheSchemaAndRowsOfTheQuestionsOwnDatabase() throws Exception {
        Path ws = dir.resolve("judged");
        plainPrompt(ws);
        Files.copy(Path.of("..", "prompts", "judge-equivalence.prompt"), ws.resolve("prompts/judge-equivalence.prompt"));
        sqlite(ws.resolve("main.db"), "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);");
        sqlite(ws.resolve("spider/database/shop/shop.sqlite"), """
                CREATE TABLE product (id INTEGER PRIMARY KEY, name TEXT, price REAL);
                INSERT INTO product VALUES (1, 'pen', 1.5), (2, 'ink', 0.3), (3, 'pad', 2.0);
                """);
        new ObjectMapper().writeValue(ws.resolve("spider/dev.json").toFile(), List.of(
                Map.of("db_id", "shop", "question", "Which products cost more than 1?",
                        "query", "SELECT name FROM product WHERE price > 1")));
        Files.writeString(ws.resolve("querybench.yaml"), """
                name: judged
                database: {name: main, type: sqlite, path: main.db}
                dataset: spider/dev.json
                variants: [plain]
                """);
        stub.answer("Gold SQL:", "{\"verdict\": \"equivalent\", \"score\": 1, \"rationale\": \"Same products.\"}");
        stub.answerSql("Which products", "SELECT name FROM product WHERE id IN (1, 3)");

        Path out = dir.resolve("judged-out");
        CliHarness.Result r = cli.run("run", "--workspace", ws.toString(), "--model", "openai:gpt-4o-mini",
                "--base-url", stub.baseUrl(), "--judge", "openai:gpt-4o-mini", "--out", out.toString());

        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        List<String> judgePrompts = stub.prompts().stream().filter(p -> p.contains("Gold SQL:")).toList();
        assertThat(judgePrompts).hasSize(1);
        // schema and both result samples come from shop.sqlite, not from the workspace's main database
        assertThat(judgePrompts.getFirst()).contains("product", "pen", "pad").doesNotContain("note", "(error");
        JsonNode item = new ObjectMapper().readTree(out.resolve("results.json").toFile()).path("items").get(0);
        assertThat(item.path("judge").path("rationale").asText()).isEqualTo("Same products.");
    }

    @Test
    void runsJudgeInTheWorkspacesMatchMode() throws Exception {
        Path ws = dir.resolve("set");
        plainPrompt(ws);
        sqlite(ws.resolve("main.db"), """
                CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);
                INSERT INTO note VALUES (1, 'x'), (2, 'x'), (3, 'y');
                """);
        Files.writeString(ws.resolve("dataset.yaml"), """
                questions:
                  - id: bodies
                    question: Which bodies do notes have?
                    gold: SELECT DISTINCT body FROM note
                """);
        Files.writeString(ws.resolve("querybench.yaml"), """
                database: {name: main, type: sqlite, path: main.db}
                dataset: dataset.yaml
                run: {matchMode: set}
                """);
        stub.answerSql("Which bodies", "SELECT body FROM note");

        JsonNode item = run(ws).get("bodies");

        // duplicates count in strict mode; BIRD's set mode ignores them
        assertThat(item.path("outcome").asText()).as(item.toString()).isEqualTo("PASS");
        assertThat(item.path("mode").asText()).isEqualTo("set");
    }

    @Test
    void aNativeDatasetNamesProfilesAndQuestionsWithoutADatabaseUseTheDefault() throws Exception {
        Path ws = dir.resolve("native");
        plainPrompt(ws);
        sqlite(ws.resolve("main.db"), """
                CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);
                INSERT INTO note VALUES (1, 'x');
                """);
        sqlite(ws.resolve("other.db"), """
                CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);
                INSERT INTO note VALUES (1, 'x'), (2, 'y'), (3, 'z');
                """);
        Files.writeString(ws.resolve("dataset.yaml"), """
                name: two
                questions:
                  - id: here
                    question: How many notes are here?
                    gold: SELECT count(*) FROM note
                  - id: there
                    question: How many notes are there?
                    gold: SELECT count(*) FROM note
                    database: other
                """);
        Files.writeString(ws.resolve("querybench.yaml"), """
                database: {name: main, type: sqlite, path: main.db}
                databases: [{name: other, type: sqlite, path: other.db}]
                dataset: dataset.yaml
                """);
        stub.answerSql("notes are here", "SELECT 1");
        stub.answerSql("notes are there", "SELECT 3");

        Map<String, JsonNode> items = run(ws);

        assertThat(items.get("here").path("outcome").asText()).as(items.get("here").toString()).isEqualTo("PASS");
        assertThat(items.get("there").path("outcome").asText()).as(items.get("there").toString()).isEqualTo("PASS");
    }
}
