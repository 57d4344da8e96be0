package dev.querybench.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleFixture;
import dev.querybench.engine.testing.SampleScript;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cost per call, per cell, per run and per correct answer, from the workspace's prices. */
class CostReportTest {

    @TempDir
    Path home;

    @Test
    void costsFollowTheWorkspacesPricesPerCallCellRunAndCorrectAnswer() throws Exception {
        Path ws = SampleFixture.workspace(home.resolve("ws")).root();
        // One dollar per input token, output free: every item costs exactly its input tokens.
        Files.writeString(ws.resolve("prices.yaml"), "prices:\n  \"openai:gpt-4o-mini\": {input: 1000000, output: 0}\n");
        List<Question> questions = SampleFixture.workspace(ws).dataset().questions();
        try (OpenAiStub stub = OpenAiStub.start()) {
            SampleScript.answerGold(stub, questions.subList(0, 10));
            SampleScript.answerWrong(stub, questions.subList(10, 20));
            Path out = home.resolve("out");
            CliHarness.Result r = new CliHarness(home, Map.of()).run("run", "--workspace", ws.toString(), "--model",
                    "openai:gpt-4o-mini", "--base-url", stub.baseUrl(), "--variants", "ddl-basic", "--questions",
                    String.join(",", questions.subList(0, 20).stream().map(Question::id).toList()), "--out",
                    out.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();

            JsonNode doc = new ObjectMapper().readTree(out.resolve("results.json").toFile());
            BigDecimal inputTokens = BigDecimal.ZERO;
            for (JsonNode item : doc.path("items")) {
                assertThat(item.path("costUsd").decimalValue())
                        .isEqualByComparingTo(item.path("inputTokens").decimalValue());
                inputTokens = inputTokens.add(item.path("inputTokens").decimalValue());
            }
            JsonNode cell = doc.path("cells").get(0);
            assertThat(cell.path("costUsd").decimalValue()).isEqualByComparingTo(inputTokens);
            assertThat(cell.path("passed").asInt()).isEqualTo(10);
            assertThat(cell.path("costPerCorrectUsd").decimalValue())
                    .isEqualByComparingTo(inputTokens.divide(BigDecimal.TEN));
            assertThat(doc.path("costUsd").decimalValue()).isEqualByComparingTo(inputTokens);
            assertThat(Files.readString(out.resolve("results.csv")).lines().findFirst().orElseThrow())
                    .contains("cost_usd");
            assertThat(r.out()).contains("$/correct", "Cost: $" + inputTokens.setScale(2) + " in total");
        }
    }

    @Test
    void aBrokenPriceFileStopsTheRunBeforeAnyCallWithTheFix() throws Exception {
        Path ws = SampleFixture.workspace(home.resolve("ws")).root();
        Files.writeString(ws.resolve("prices.yaml"), "prices:\n  \"openai:gpt-4o-mini\": {input: cheap}\n");
        try (OpenAiStub stub = OpenAiStub.start()) {
            CliHarness.Result r = new CliHarness(home, Map.of()).run("run", "--workspace", ws.toString(), "--model",
                    "openai:gpt-4o-mini", "--base-url", stub.baseUrl());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG);
            assertThat(r.err()).contains("prices.yaml", "dollars per million");
            assertThat(stub.calls()).isZero();
        }
        Files.delete(ws.resolve("prices.yaml"));
        try (var session = SampleFixture.session(home.resolve("ws"))) {
            assertThat(session.prices().price("openai:gpt-4o-mini")).as("fixed file, working session").isPresent();
        }
    }

    @Test
    void aModelWithoutAPriceHasNoCostRatherThanAFreeOne() throws Exception {
        Path ws = SampleFixture.workspace(home.resolve("ws")).root();
        Question q = SampleFixture.workspace(ws).dataset().questions().getFirst();
        try (OpenAiStub stub = OpenAiStub.start().models("my-finetune")) {
            SampleScript.answerGold(stub, List.of(q));
            Path out = home.resolve("out");
            CliHarness.Result r = new CliHarness(home, Map.of()).run("run", "--workspace", ws.toString(), "--model",
                    "openai:my-finetune", "--base-url", stub.baseUrl(), "--variants", "ddl-basic", "--questions",
                    q.id(), "--out", out.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode doc = new ObjectMapper().readTree(out.resolve("results.json").toFile());
            assertThat(doc.path("costUsd").isNull()).isTrue();
            assertThat(doc.path("items").get(0).path("costUsd").isNull()).isTrue();
            assertThat(r.out()).contains("Cost: n/a", "add it to prices.yaml");
        }
    }
}
