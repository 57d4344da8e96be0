package dev.querybench.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunStore;
import dev.querybench.engine.session.RunRequest;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.stats.RunSummary;
import dev.querybench.engine.testing.Fault;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed item reaches every report as the run store keeps it: what went wrong, and the fix. The
 * run is real (the sample workspace against the OpenAI stub, whose safety filter withholds the
 * answer to one question), and the reports are made from its items as read back from the run
 * store's file, as {@code querybench report} does.
 */
class FailedItemReportsTest {

    @TempDir
    static Path dir;
    static RunResults stored;
    static Explanation expected;

    @BeforeAll
    static void runAndReadBack() {
        String runId;
        Path store;
        try (OpenAiStub stub = OpenAiStub.start(); WorkspaceSession session = SampleFixture.session(dir.resolve("ws"))) {
            List<Question> questions = session.workspace().dataset().questions().subList(0, 2);
            stub.fail(questions.getFirst().text(), Fault.contentFilter());
            stub.answerSql(questions.get(1).text(), questions.get(1).primaryGold());
            RunResults results = session.run(session.plan(new RunRequest(List.of(), List.of("openai:gpt-4o-mini"),
                    stub.baseUrl(), 2, questions.stream().map(Question::id).toList())), RunListener.NONE,
                    new Cancellation());
            runId = results.run().id();
            store = session.workspace().stateFolder().resolve("runs.db");
        }
        try (RunStore reopened = new RunStore(store)) {
            List<ItemResult> items = reopened.items(runId);
            stored = new RunResults(reopened.run(runId).orElseThrow(), items, new RunSummary().cells(items), 0);
        }
        expected = stored.items().stream().filter(i -> i.outcome() == Outcome.ERROR).findFirst().orElseThrow().error();
    }

    @Test
    void theStoreKeepsTheFailedItemsMessageAndFix() {
        List<ItemResult> failed = stored.items().stream().filter(i -> i.outcome() == Outcome.ERROR).toList();
        // one question, both variants
        assertThat(failed).hasSize(2).allSatisfy(i -> assertThat(i.error()).isEqualTo(expected));
        assertThat(expected.what()).contains("safety filter withheld the answer");
        assertThat(expected.fix()).startsWith("rephrase the prompt variant");
        assertThat(stored.items()).filteredOn(i -> i.outcome() == Outcome.PASS).hasSize(2)
                .allSatisfy(i -> assertThat(i.error()).isNull());
    }

    @Test
    void htmlShowsTheProblemAndItsFix() throws Exception {
        String html = Files.readString(new HtmlReportExporter().export(stored, dir.resolve("html")));
        assertThat(html).contains("<b>Problem:</b> " + expected.what().replace("'", "&#39;"),
                "<b>Fix:</b> " + expected.fix());
        assertThat(html.split("<p class=\"problem\">", -1)).hasSize(3);
    }

    @Test
    void markdownListsTheErrorWithItsFix() throws Exception {
        String md = Files.readString(new MarkdownReportExporter().export(stored, dir.resolve("md")));
        assertThat(md).contains("## Errors (excluded from accuracy)");
        assertThat(md.split("\n  - fix: " + MarkdownReportExporter.text(expected.fix()) + "\n", -1)).hasSize(3);
    }

    @Test
    void jsonKeepsTheMessageAsErrorAndAddsTheExplanation() throws Exception {
        var items = new ObjectMapper().readTree(new JsonResultsExporter().export(stored, dir.resolve("json")).toFile())
                .get("items");
        int errors = 0;
        for (var item : items) {
            if ("ERROR".equals(item.get("outcome").asText())) {
                errors++;
                assertThat(item.get("error").asText()).isEqualTo(expected.what());
                assertThat(item.get("errorExplanation").get("what").asText()).isEqualTo(expected.what());
                assertThat(item.get("errorExplanation").get("where").asText()).isEqualTo(expected.where());
                assertThat(item.get("errorExplanation").get("fix").asText()).isEqualTo(expected.fix());
            } else {
                assertThat(item.get("error").isNull()).isTrue();
                assertThat(item.get("errorExplanation").isNull()).isTrue();
            }
        }
        assertThat(errors).isEqualTo(2);
    }

    @Test
    void csvAddsWhereAndFixAsTheLastColumns() throws Exception {
        Path file = new CsvResultsExporter().export(stored, dir.resolve("csv"));
        List<String> header = List.of(Files.readAllLines(file).getFirst().split(","));
        assertThat(header.subList(header.size() - 3, header.size()))
                .containsExactly("judge_cost_usd", "error_where", "error_fix");
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> read = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            rows = read.readAll();
        }
        assertThat(rows).filteredOn(r -> "ERROR".equals(r.get("outcome"))).hasSize(2).allSatisfy(r -> assertThat(r)
                .containsEntry("error", expected.what()).containsEntry("error_fix", expected.fix()));
        assertThat(rows).filteredOn(r -> "PASS".equals(r.get("outcome"))).hasSize(2)
                .allSatisfy(r -> assertThat(r).containsEntry("error", "").containsEntry("error_fix", ""));
    }
}
