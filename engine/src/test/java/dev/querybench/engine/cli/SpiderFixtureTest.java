package dev.querybench.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.db.sqlite.SqliteDatabaseBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spider-format fixture (two databases, dev.json, a prediction file with hand-made right and
 * wrong queries): in spider mode the verdicts are what Spider's published rules give; strict
 * mode differs exactly where docs/evaluation.md says strict deliberately differs, and --compare names those items.
 */
class SpiderFixtureTest {

    @TempDir
    Path dir;
    CliHarness cli;

    /** question, db, gold, prediction, verdict by Spider's rules, verdict in strict mode. */
    private record Case(String db, String gold, String predicted, String spider, String strict) {}

    private static final List<Case> CASES = List.of(
            new Case("concert", "SELECT count(*) FROM singer", "SELECT count(*) FROM singer", "PASS", "PASS"),
            // Spider removes DISTINCT from both queries; strict keeps it, so duplicates count.
            new Case("concert", "SELECT DISTINCT country FROM singer", "SELECT country FROM singer", "PASS", "FAIL"),
            new Case("concert", "SELECT name FROM singer ORDER BY age, name", "SELECT name FROM singer ORDER BY name",
                    "FAIL", "FAIL"),
            // Spider sees "order by" in a subquery and compares in order; strict parses the outermost query.
            new Case("concert", "SELECT name FROM singer WHERE age IN (SELECT age FROM singer ORDER BY age LIMIT 2)",
                    "SELECT name FROM singer WHERE age = 30 ORDER BY name DESC", "FAIL", "PASS"),
            new Case("concert", "SELECT name FROM singer WHERE country = 'France'",
                    "SELECT name FROM singer WHERE country = 'Spain'", "FAIL", "FAIL"),
            new Case("concert", "SELECT name FROM singer WHERE age > 100", "SELECT name, age FROM singer WHERE age > 200",
                    "PASS", "PASS"),
            new Case("shop", "SELECT sum(price) FROM product WHERE kind = 'office'",
                    "SELECT sum(price) FROM product WHERE id IN (1, 2, 3)", "PASS", "PASS"),
            // Spider compares floats exactly; strict allows a relative tolerance of 1e-9.
            new Case("shop", "SELECT 0.1 + 0.2", "SELECT 0.3", "FAIL", "PASS"),
            // Spider repairs "> =" before executing; strict runs the query as written.
            new Case("shop", "SELECT name FROM product WHERE price >= 2", "SELECT name FROM product WHERE price > = 2",
                    "PASS", "FAIL"),
            new Case("shop", "SELECT name FROM product", "SELEC name FROM product", "FAIL", "FAIL"),
            new Case("shop", "SELECT name, price FROM product WHERE kind = 'kitchen'",
                    "SELECT price, name FROM product WHERE kind = 'kitchen'", "PASS", "PASS"),
            new Case("shop", "SELECT name, kind FROM product WHERE id = 1", "SELECT name, name FROM product WHERE id = 1",
                    "FAIL", "FAIL"));

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliHarness(dir, Map.of());
        database("concert", """
                CREATE TABLE singer (id INTEGER PRIMARY KEY, name TEXT, country TEXT, age INTEGER);
                INSERT INTO singer VALUES (1, 'Ann', 'France', 30), (2, 'Bob', 'France', 45), (3, 'Cid', 'Spain', 30),
                  (4, 'Dee', 'Italy', 52);
                """);
        database("shop", """
                CREATE TABLE product (id INTEGER PRIMARY KEY, name TEXT, price REAL, kind TEXT);
                INSERT INTO product VALUES (1, 'pen', 1.5, 'office'), (2, 'ink', 0.3, 'office'), (3, 'pad', 2.0, 'office'),
                  (4, 'mug', 2.0, 'kitchen');
                """);
        List<Map<String, String>> dev = new ArrayList<>();
        StringBuilder predictions = new StringBuilder();
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            dev.add(Map.of("db_id", c.db(), "query", c.gold(), "question", "question " + i));
            predictions.append(c.predicted()).append('\n');
        }
        new ObjectMapper().writeValue(dir.resolve("dev.json").toFile(), dev);
        Files.writeString(dir.resolve("pred.sql"), predictions);
    }

    private void database(String name, String sql) throws Exception {
        Path script = dir.resolve(name + ".sql");
        Files.writeString(script, sql);
        new SqliteDatabaseBuilder().buildIfMissing(dir.resolve("database").resolve(name).resolve(name + ".sqlite"),
                List.of(script));
    }

    private List<String> outcomes(String mode) throws Exception {
        Path out = dir.resolve("out-" + mode);
        CliHarness.Result r = cli.run("score", "--dataset", dir.resolve("dev.json").toString(), "--predictions",
                dir.resolve("pred.sql").toString(), "--db-dir", dir.resolve("database").toString(), "--mode", mode,
                "--out", out.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode items = new ObjectMapper().readTree(out.resolve("results.json").toFile()).path("items");
        List<String> outcomes = new ArrayList<>();
        items.forEach(i -> outcomes.add(i.path("outcome").asText()));
        return outcomes;
    }

    @Test
    void spiderModeGivesSpiderVerdictsAndStrictDiffersOnlyWhereTheDesignSaysSo() throws Exception {
        assertThat(outcomes("spider")).containsExactlyElementsOf(CASES.stream().map(Case::spider).toList());
        assertThat(outcomes("strict")).containsExactlyElementsOf(CASES.stream().map(Case::strict).toList());
    }

    @Test
    void compareNamesTheItemsJudgedDifferently() {
        CliHarness.Result r = cli.run("score", "--dataset", dir.resolve("dev.json").toString(), "--predictions",
                dir.resolve("pred.sql").toString(), "--db-dir", dir.resolve("database").toString(), "--mode", "strict",
                "--compare", "spider");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Items judged differently by strict and spider: 4", "Vacuous passes (both results empty): 1");
        List<String> differing = r.out().lines().filter(l -> l.startsWith("  ") && l.contains("strict:"))
                .map(l -> l.strip().split("\\s+")[0]).toList();
        assertThat(differing).containsExactly("1", "3", "7", "8");
    }

    @Test
    void predictionFilesOfTheWrongLengthOrUnknownIdsAreExplained() throws Exception {
        Files.writeString(dir.resolve("short.sql"), "SELECT 1\n");
        CliHarness.Result r = cli.run("score", "--dataset", dir.resolve("dev.json").toString(), "--predictions",
                dir.resolve("short.sql").toString(), "--db-dir", dir.resolve("database").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("has 1 lines but the dataset has 12 questions");
        Files.writeString(dir.resolve("p.json"), "{\"99\": \"SELECT 1\"}");
        CliHarness.Result json = cli.run("score", "--dataset", dir.resolve("dev.json").toString(), "--predictions",
                dir.resolve("p.json").toString(), "--db-dir", dir.resolve("database").toString());
        assertThat(json.err()).contains("unknown question ids [99]");
    }

    @Test
    void jsonPredictionsKeyedByIdScoreTheSameAndMissingOnesFail() throws Exception {
        Files.writeString(dir.resolve("p.jsonl"), "{\"id\": \"0\", \"sql\": \"SELECT count(*) FROM singer\"}\n"
                + "{\"question_id\": \"6\", \"predicted_sql\": \"SELECT 3.8\"}\n");
        Path out = dir.resolve("jsonl-out");
        CliHarness.Result r = cli.run("score", "--dataset", dir.resolve("dev.json").toString(), "--predictions",
                dir.resolve("p.jsonl").toString(), "--db-dir", dir.resolve("database").toString(), "--out",
                out.toString(), "--format", "json,md,html");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode items = new ObjectMapper().readTree(out.resolve("results.json").toFile()).path("items");
        assertThat(items.get(0).path("outcome").asText()).isEqualTo("PASS");
        assertThat(items.get(6).path("outcome").asText()).isEqualTo("PASS");
        assertThat(items.get(1).path("reason").asText()).isEqualTo("the answer contains no SQL");
        assertThat(out.resolve("summary.md")).content().contains("| predictions | p.jsonl | 2 | 10 | 0 |");
        assertThat(out.resolve("report.html")).content().contains("<svg", "table class=\"matrix\"");
    }
}
