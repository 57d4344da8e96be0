package dev.querybench.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.testing.OllamaStub;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code querybench run} on the sample workspace against the scripted stub. */
class RunCommandTest {

    @TempDir
    Path home;
    OpenAiStub stub;
    CliHarness cli;
    List<Question> questions;

    @BeforeEach
    void setUp() {
        stub = OpenAiStub.start();
        cli = new CliHarness(home, Map.of());
        questions = SampleFixture.workspace(home.resolve("probe")).dataset().questions();
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    @Test
    void anAdHocSpecReadsItsProvidersKeyVariableAndSaysSoWhenUnset() {
        CliHarness.Result r = cli.run("run", "--workspace", "sample", "--model", "gemini:gemini-2.0-flash",
                "--out", home.resolve("no-key").toString());

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("needs a key from environment variable GEMINI_API_KEY");
        assertThat(stub.calls()).isZero();
    }

    @Test
    void reportsExactlyTheAccuracyTheScriptImpliesPerVariant() throws Exception {
        // ddl-basic: gold for the first 20 questions; ddl-samples-hints: gold for the first 30.
        // Everything else gets a wrong query (odd positions) or broken SQL (even positions).
        int n = questions.size();
        Map<String, String> answers = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Question q = questions.get(i);
            String wrong = i % 2 == 0 ? "SELEC broken(" : "SELECT 'wrong' AS w";
            answers.put(q.id(), wrong);
        }
        for (int i = 0; i < n; i++) {
            Question q = questions.get(i);
            // The hinted variant's prompt has "Question: …\nHint:"; the basic one "Question: …\n\nAnswer".
            stub.answerSql("Question: " + q.text() + "\nHint:", i < 30 ? q.primaryGold() : answers.get(q.id()));
            stub.answerSql("Question: " + q.text() + "\n\nAnswer", i < 20 ? q.primaryGold() : answers.get(q.id()));
        }
        Path out = home.resolve("out");
        CliHarness.Result r = cli.run("run", "--workspace", "sample", "--model", "openai:gpt-4o-mini",
                "--base-url", stub.baseUrl(), "--concurrency", "8", "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(stub.calls()).isEqualTo(2 * n);
        JsonNode doc = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        Map<String, JsonNode> cells = new HashMap<>();
        doc.path("cells").forEach(c -> cells.put(c.path("variant").asText(), c));
        assertThat(cells.get("ddl-basic").path("passed").asInt()).isEqualTo(20);
        assertThat(cells.get("ddl-basic").path("failed").asInt()).isEqualTo(n - 20);
        assertThat(cells.get("ddl-basic").path("accuracy").asDouble()).isEqualTo(20.0 / n);
        assertThat(cells.get("ddl-samples-hints").path("passed").asInt()).isEqualTo(30);
        assertThat(cells.get("ddl-samples-hints").path("accuracy").asDouble()).isEqualTo(30.0 / n);
        assertThat(cells.get("ddl-basic").path("errors").asInt()).isZero();
        assertThat(r.out()).contains(String.format("%.1f%%", 100.0 * 20 / n), String.format("%.1f%%", 100.0 * 30 / n));

        JsonNode items = doc.path("items");
        assertThat(items).hasSize(2 * n);
        assertThat(items.get(0).path("questionId").asText()).isEqualTo(questions.get(0).id());
        long syntaxFailures = 0;
        for (JsonNode item : items) {
            if ("syntax_error".equals(item.path("failureCategory").asText())) {
                syntaxFailures++;
            }
        }
        long expectedBroken = 0;
        for (int i = 20; i < n; i++) {
            expectedBroken += i % 2 == 0 ? 1 : 0;
        }
        for (int i = 30; i < n; i++) {
            expectedBroken += i % 2 == 0 ? 1 : 0;
        }
        assertThat(syntaxFailures).isEqualTo(expectedBroken);
        List<Map<String, String>> csv;
        try (var rows = new CsvMapper().readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
                .<Map<String, String>>readValues(out.resolve("results.csv").toFile())) {
            csv = rows.readAll();
        }
        assertThat(csv).hasSize(2 * n);
        assertThat(csv.getFirst()).containsEntry("question_id", questions.getFirst().id())
                .containsEntry("outcome", "PASS").containsKey("predicted_sql");
        assertThat(csv.stream().filter(row -> "PASS".equals(row.get("outcome")))).hasSize(50);
        assertThat(r.err()).contains("Run ", 2 * n + "/" + 2 * n);
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        CliHarness.Result r = cli.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("run", "doctor", "Exit codes", "run incomplete");
    }

    @Test
    void aMissingKeyStopsBeforeAnyModelCallWithTheFix() {
        CliHarness.Result r = cli.run("run", "--workspace", "sample");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(r.err()).contains("OPENAI_API_KEY", "export");
        assertThat(stub.calls()).isZero();
    }

    @Test
    void anUnknownVariantIsAConfigurationError() {
        CliHarness.Result r = cli.run("run", "--workspace", "sample", "--variants", "nope", "--model",
                "openai:gpt-4o-mini", "--base-url", stub.baseUrl());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("no prompt variant named 'nope'");
        assertThat(stub.calls()).isZero();
    }

    @Test
    void aMissingWorkspaceSaysWhereToPointIt() {
        CliHarness.Result r = cli.run("run", "--workspace", home.resolve("nowhere").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("no querybench.yaml");
    }

    @Test
    void resumeWithoutAnUnfinishedRunIsExplained() {
        CliHarness.Result r = cli.run("run", "--workspace", "sample", "--resume", "--model", "openai:gpt-4o-mini",
                "--base-url", stub.baseUrl());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("no unfinished run");
    }

    @Test
    void doctorChecksJdkWorkspaceDatabaseAndEndpoints() throws Exception {
        CliHarness.Result r = cli.run("doctor", "--workspace", "sample");
        assertThat(r.out()).contains("[ ok ] Java", "[ ok ] Workspace", "54 questions, 2 prompt variants", "[ ok ] Database", "13 tables",
                "[warn] Model gpt-4o-mini", "OPENAI_API_KEY", "Ollama is not running at http://localhost:11434 (connection refused)");
        assertThat(r.exitCode()).as("a model that cannot be used is a problem found").isEqualTo(ExitCodes.PROBLEMS);
        assertThat(r.out().strip().lines().reduce((a, b) -> b).orElseThrow())
                .startsWith("2 warnings (Model gpt-4o-mini, Model ollama-qwen-coder)")
                .doesNotContain("Everything needed is in place");

        Path ws = home.resolve("sample-workspace");
        try (OllamaStub ollama = OllamaStub.start()) {
            String config = Files.readString(ws.resolve("querybench.yaml"))
                    .replace("http://localhost:11434", ollama.baseUrl())
                    .replace("qwen2.5-coder:7b", "stub-model");
            Files.writeString(ws.resolve("querybench.yaml"), config);
            CliHarness.Result again = cli.run("doctor", "--workspace", ws.toString());
            assertThat(again.out()).contains("[ ok ] Model ollama-qwen-coder", "Ollama " + OllamaStub.VERSION,
                    "stub-model available (as stub-model:latest)");
        }

        Files.writeString(ws.resolve("prompts/broken.prompt"), "---\ntask: sql-generation\nname: broken\n---\n{{nope}}");
        CliHarness.Result broken = cli.run("doctor", "--workspace", ws.toString());
        assertThat(broken.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(broken.out()).contains("[FAIL] Prompts", "{{nope}}");
    }
}
