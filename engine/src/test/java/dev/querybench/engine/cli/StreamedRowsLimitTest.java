package dev.querybench.engine.cli;

import static dev.querybench.engine.testing.TestDatabases.plainPrompt;
import static dev.querybench.engine.testing.TestDatabases.sqlite;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.testing.OpenAiStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run.maxStreamedRows}: how many rows a run streams to compare results beyond the row cap
 * by hash. A prediction that differs from gold only after the row cap fails when both results fit
 * the limit, and keeps the verdict over the first rows (flagged truncated) when they do not.
 */
class StreamedRowsLimitTest {

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

    private JsonNode runWith(String runSection) throws Exception {
        Path ws = dir.resolve("ws-" + Math.abs(runSection.hashCode()));
        plainPrompt(ws);
        StringBuilder rows = new StringBuilder("CREATE TABLE reading (id INTEGER PRIMARY KEY);\nINSERT INTO reading VALUES ");
        for (int i = 1; i <= 20; i++) {
            rows.append(i == 1 ? "" : ", ").append('(').append(i).append(')');
        }
        sqlite(ws.resolve("main.db"), rows.append(';').toString());
        Files.writeString(ws.resolve("dataset.yaml"), """
                questions:
                  - id: all
                    question: Which readings are there?
                    gold: SELECT id FROM reading ORDER BY id
                """);
        Files.writeString(ws.resolve("querybench.yaml"), """
                database: {name: main, type: sqlite, path: main.db}
                dataset: dataset.yaml
                run: %s
                """.formatted(runSection));
        // the same first rows as gold; reading 15 is missing further on
        stub.answerSql("Which readings", "SELECT id FROM reading WHERE id <> 15 ORDER BY id");
        Path out = ws.resolve("out");
        CliHarness.Result r = cli.run("run", "--workspace", ws.toString(), "--model", "openai:gpt-4o-mini",
                "--base-url", stub.baseUrl(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        return new ObjectMapper().readTree(out.resolve("results.json").toFile()).path("items").get(0);
    }

    @Test
    void resultsWithinTheLimitAreComparedWholeByDefault() throws Exception {
        JsonNode item = runWith("{rowCap: 5}");
        assertThat(item.path("outcome").asText()).as(item.toString()).isEqualTo("FAIL");
        assertThat(item.path("flags").toString()).contains("hashed");
    }

    @Test
    void resultsBeyondTheWorkspacesLimitKeepTheVerdictOverTheFirstRows() throws Exception {
        JsonNode item = runWith("{rowCap: 5, maxStreamedRows: 10}");
        assertThat(item.path("outcome").asText()).as(item.toString()).isEqualTo("PASS");
        assertThat(item.path("flags").toString()).contains("truncated").doesNotContain("hashed");
    }

    @Test
    void zeroComparesOnlyTheFirstRowCapRows() throws Exception {
        JsonNode item = runWith("{rowCap: 5, maxStreamedRows: 0}");
        assertThat(item.path("outcome").asText()).as(item.toString()).isEqualTo("PASS");
        assertThat(item.path("flags").toString()).doesNotContain("hashed");
    }

    @Test
    void aLimitAboveBothResultsComparesThemWhole() throws Exception {
        JsonNode item = runWith("{rowCap: 5, maxStreamedRows: 20}");
        assertThat(item.path("outcome").asText()).as(item.toString()).isEqualTo("FAIL");
    }
}
