package dev.querybench.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code querybench run --judge MODEL [--judge-prompt NAME]} and {@code --no-judge} against the stub. */
class JudgeOptionsTest {

    @TempDir
    Path home;
    OpenAiStub stub;
    CliHarness cli;
    List<Question> questions;

    @BeforeEach
    void setUp() {
        stub = OpenAiStub.start().models("gpt-4o-mini", "gpt-4o");
        cli = new CliHarness(home, Map.of());
        questions = SampleFixture.workspace(home.resolve("probe")).dataset().questions().subList(0, 3);
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    private String[] run(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--workspace", "sample", "--variants", "ddl-basic",
                "--model", "openai:gpt-4o-mini", "--base-url", stub.baseUrl(), "--questions",
                String.join(",", questions.stream().map(Question::id).toList())));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void anAdHocJudgeIsAskedAboutEveryItemAndTheSummarySaysWhereItDisagrees() throws Exception {
        // Judge rules first: the judge prompt also contains "Question: …".
        for (Question q : questions) {
            stub.answer("Question: " + q.text() + "\n\nGold SQL:",
                    "{\"verdict\": \"equivalent\", \"score\": 0.9, \"rationale\": \"Same answer.\"}");
        }
        stub.answerSql("Question: " + questions.get(0).text(), questions.get(0).primaryGold());
        stub.answerSql("Question: " + questions.get(1).text(), questions.get(1).primaryGold());
        stub.answerSql("Question: " + questions.get(2).text(), "SELECT 'wrong' AS w");
        stub.latency(Duration.ofMillis(60));
        Path out = home.resolve("out");

        CliHarness.Result r = cli.run(run("--judge", "openai:gpt-4o", "--format", "json,md", "--out", out.toString()));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(stub.calls()).isEqualTo(6);
        assertThat(stub.requests().stream().map(q -> q.body().path("model").asText()).filter("gpt-4o"::equals))
                .hasSize(3);
        assertThat(r.out()).contains("judge agrees with execution on 2/3",
                "1 execution failure the judge calls equivalent (review their gold): " + questions.get(2).id(),
                "Judge cost: $");
        // every judge call waited 60 ms in the stub, so neither percentile can be below that
        Matcher latency = Pattern.compile("judge agrees with execution on 2/3; judge latency p50 (\\d+) ms, p95 (\\d+) ms")
                .matcher(r.out());
        assertThat(latency.find()).as(r.out()).isTrue();
        assertThat(Long.parseLong(latency.group(1))).isBetween(60L, Long.parseLong(latency.group(2)));
        String md = Files.readString(out.resolve("summary.md"));
        assertThat(md).containsPattern("\\| judge agrees with execution on 2/3 \\| \\d{2,} ms / \\d{2,} ms \\|");
        JsonNode doc = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(doc.path("items").get(2).path("judge").path("model").asText()).isEqualTo("openai:gpt-4o");
        assertThat(doc.path("judgeCostUsd").decimalValue()).isPositive();
    }

    @Test
    void badJudgeOptionsStopBeforeAnyModelCall() {
        CliHarness.Result both = cli.run(run("--no-judge", "--judge", "openai:gpt-4o"));
        assertThat(both.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(both.err()).contains("--no-judge cannot be combined with --judge");

        CliHarness.Result prompt = cli.run(run("--judge", "openai:gpt-4o", "--judge-prompt", "ddl-basic"));
        assertThat(prompt.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(prompt.err()).contains("--judge-prompt 'ddl-basic' is a sql-generation template",
                "judge-equivalence");

        CliHarness.Result model = cli.run(run("--judge", "judge-5"));
        assertThat(model.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(model.err()).contains("--judge: no model profile named 'judge-5'");
        assertThat(stub.calls()).isZero();
    }

    @Test
    void noJudgeRunsWithoutAJudge() {
        stub.defaultAnswer("```sql\nSELECT 1\n```");
        CliHarness.Result r = cli.run(run("--no-judge"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(stub.calls()).isEqualTo(3);
        assertThat(r.out()).doesNotContain("judge");
    }
}
