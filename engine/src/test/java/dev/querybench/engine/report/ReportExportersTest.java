package dev.querybench.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.session.RunRequest;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.stats.RunSummary;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every report format from one real sample run (two variants against the stub). The HTML report
 * is also kept in target/reports for a look in a browser.
 */
class ReportExportersTest {

    @TempDir
    static Path dir;
    static RunResults results;

    @BeforeAll
    static void run() {
        try (OpenAiStub stub = OpenAiStub.start(); WorkspaceSession session = SampleFixture.session(dir.resolve("ws"))) {
            List<Question> questions = session.workspace().dataset().questions();
            for (int i = 0; i < questions.size(); i++) {
                Question q = questions.get(i);
                stub.answerSql("Question: " + q.text() + "\nHint:", i % 5 == 4 ? "SELECT 1 AS wrong" : q.primaryGold());
                stub.answerSql("Question: " + q.text() + "\n\nAnswer", i % 3 == 2 ? "SELECT 1 AS wrong" : q.primaryGold());
            }
            results = session.run(session.plan(new RunRequest(List.of(), List.of("openai:gpt-4o-mini"), stub.baseUrl(), 8,
                    List.of())), RunListener.NONE, new Cancellation());
        }
    }

    @AfterAll
    static void keepTheHtmlForALook() throws Exception {
        Path folder = Path.of("target", "reports");
        try (WorkspaceSession session = SampleFixture.session(dir.resolve("ws-look"))) {
            new HtmlReportExporter(details(session, null)).export(results, folder);
        }
    }

    @Test
    void htmlIsSelfContainedWithChartsComparisonsAndTheMatrix() throws Exception {
        String html = Files.readString(new HtmlReportExporter().export(results, dir.resolve("out")));
        assertThat(html).contains("<svg", "Accuracy with 95% interval", "Accuracy against cost", "cost of the cell (USD)",
                "Paired comparisons (exact McNemar)", "table class=\"matrix\"", "A right, B wrong", "ddl-samples-hints");
        assertThat(html).doesNotContain("<script src", "<link rel=\"stylesheet\" href", "http://", "https://");
        assertThat(html.split("<tr data-q=", -1)).hasSize(results.run().questionIds().size() + 1);
    }

    /** Question texts from the dataset and five-row samples of both results from the sample database. */
    static ReportDetails details(WorkspaceSession session, Question replaced) {
        var results = new dev.querybench.engine.compare.CellResults(q -> session.executor(),
                new dev.querybench.engine.db.QueryLimits(java.time.Duration.ofSeconds(10), ReportDetails.SAMPLE_ROWS));
        ReportDetails dataset = ReportDetails.of(session.workspace().dataset(), results, null);
        return new ReportDetails() {
            @Override
            public java.util.Optional<Question> question(String id) {
                return replaced != null && replaced.id().equals(id) ? java.util.Optional.of(replaced) : dataset.question(id);
            }

            @Override
            public java.util.Optional<dev.querybench.engine.compare.ResultDiff.Comparison> sample(Question q, String sql) {
                return dataset.sample(q, sql);
            }
        };
    }

    @Test
    void markupInAQuestionOrSqlShowsAsTextAndEveryCellOpensItsDetails() throws Exception {
        try (WorkspaceSession session = SampleFixture.session(dir.resolve("ws-details"))) {
            Question first = session.workspace().dataset().questions().getFirst();
            Question marked = new Question(first.id(), "Which <script>alert('x')</script> customers & <b>stores</b>?",
                    first.gold(), first.difficulty(), first.tags(), first.evidence());
            List<ItemResult> items = new java.util.ArrayList<>(results.items());
            ItemResult i = items.getFirst();
            items.set(0, new ItemResult(i.key(), i.prompt(), i.answer(),
                    "SELECT '<img src=x onerror=alert(1)>' AS \"<i>col</i>\"", i.verdict(), i.latencyMs(), i.usage(),
                    i.modelId(), i.provenance(), i.cost(), i.error(), i.finishedAt(), i.attempts(), i.judge()));
            RunResults withMarkup = new RunResults(results.run(), items, results.cells(), 0);

            String html = Files.readString(new HtmlReportExporter(details(session, marked))
                    .export(withMarkup, dir.resolve("markup")));

            assertThat(html).doesNotContain("<script>alert", "<b>stores</b>", "<img src", "<i>col</i>");
            assertThat(html).contains("Which &lt;script&gt;alert(", "&amp; &lt;b&gt;stores&lt;/b&gt;", "&lt;img src",
                    "&lt;i&gt;col&lt;/i&gt;");
            // Every question has an expandable row: its text, both queries, the reason and both samples per cell.
            assertThat(html.split("<tr class=\"detail\"", -1)).hasSize(results.run().questionIds().size() + 1);
            Question second = session.workspace().dataset().questions().get(1);
            assertThat(html).contains(second.text(), "Gold rows", "Predicted rows", "Judged by ");
            assertThat(html.split("<div class=\"block\"", -1)).hasSize(results.run().questionIds().size() * 2 + 1);
            assertThat(html.split("<table class=\"sample\">", -1)).hasSize(results.run().questionIds().size() * 4 + 1);
        }
    }

    @Test
    void withoutAPriceAccuracyIsDrawnAgainstTokens() throws Exception {
        List<ItemResult> unpriced = results.items().stream().map(i -> new ItemResult(i.key(), i.prompt(), i.answer(),
                i.sql(), i.verdict(), i.latencyMs(), i.usage(), i.modelId(), i.provenance(), null, i.error(),
                i.finishedAt(), i.attempts(), i.judge())).toList();
        RunResults noPrice = new RunResults(results.run(), unpriced, new RunSummary().cells(unpriced), 0);

        String html = Files.readString(new HtmlReportExporter().export(noPrice, dir.resolve("tokens")));

        assertThat(html).contains("Accuracy against tokens used", "tokens (in + out)").doesNotContain("cost of the cell");
    }

    @Test
    void markdownSummarisesCellsComparisonsAndFailures() throws Exception {
        String md = Files.readString(new MarkdownReportExporter().export(results, dir.resolve("md")));
        assertThat(md).contains("| ddl-basic | openai:gpt-4o-mini | 36 | 18 | 0 | 66.7% |",
                "| ddl-samples-hints | openai:gpt-4o-mini | 44 | 10 | 0 | 81.5% |", "## Paired comparisons (exact McNemar)",
                "## Failures by category");
    }

    @Test
    void fineTuneDataHoldsOnlyCorrectItemsAndSplitsReproducibly() throws Exception {
        Path all = new FineTuneJsonlExporter(0, 0).export(results, dir.resolve("ft"));
        assertThat(Files.readAllLines(all)).hasSize(80).allSatisfy(line ->
                assertThat(line).startsWith("{\"messages\":[{\"role\":\"user\"").contains("\"role\":\"assistant\""));
        Path train = new FineTuneJsonlExporter(0.25, 7).export(results, dir.resolve("split"));
        assertThat(Files.readAllLines(train)).hasSize(60);
        assertThat(Files.readAllLines(dir.resolve("split/finetune-validation.jsonl"))).hasSize(20);
        Path again = new FineTuneJsonlExporter(0.25, 7).export(results, dir.resolve("split2"));
        assertThat(Files.readString(again)).isEqualTo(Files.readString(train));
        assertThatThrownBy(() -> new FineTuneJsonlExporter(1.0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWriterKnowsEveryFormatAndExplainsUnknownOnes() {
        ReportWriter writer = new ReportWriter();
        assertThat(writer.formats()).containsExactly("json", "csv", "md", "html", "jsonl");
        assertThat(writer.write(results, dir.resolve("all"), writer.formats())).hasSize(5).allSatisfy(p ->
                assertThat(p).exists());
        assertThatThrownBy(() -> writer.write(results, dir.resolve("x"), List.of("pdf")))
                .hasMessageContaining("unknown report format 'pdf'");
    }

    /** The run's items with the first one's SQL full of CSV and markup characters and its cost unknown. */
    private static List<ItemResult> awkwardItems() {
        List<ItemResult> items = new java.util.ArrayList<>(results.items());
        ItemResult i = items.getFirst();
        items.set(0, new ItemResult(i.key(), i.prompt(), i.answer(), "SELECT 'a,b' AS \"x \"\"y\"\"\",\n  '<b>' AS z",
                i.verdict(), i.latencyMs(), i.usage(), i.modelId(), i.provenance(), null, i.error(), i.finishedAt(),
                i.attempts(), i.judge()));
        return items;
    }

    @Test
    void csvHasOneRowPerItemAndEachCellAsTheItemHoldsIt() throws Exception {
        List<ItemResult> items = awkwardItems();
        Path file = new CsvResultsExporter().export(new RunResults(results.run(), items, results.cells(), 0),
                dir.resolve("csv"));

        List<java.util.Map<String, String>> rows;
        try (com.fasterxml.jackson.databind.MappingIterator<java.util.Map<String, String>> read =
                new com.fasterxml.jackson.dataformat.csv.CsvMapper().readerFor(java.util.Map.class)
                        .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
                        .readValues(file.toFile())) {
            rows = read.readAll();
        }
        assertThat(rows).hasSize(items.size());
        for (int n = 0; n < items.size(); n++) {
            ItemResult item = items.get(n);
            java.util.Map<String, String> row = rows.get(n);
            assertThat(row).containsEntry("question_id", item.key().questionId())
                    .containsEntry("variant", item.key().variant()).containsEntry("model", item.key().model())
                    .containsEntry("repeat", String.valueOf(item.key().repeat()))
                    .containsEntry("outcome", item.outcome().name())
                    .containsEntry("latency_ms", String.valueOf(item.latencyMs()))
                    .containsEntry("input_tokens", String.valueOf(item.usage().inputTokens()))
                    .containsEntry("predicted_sql", item.sql() == null ? "" : item.sql())
                    .containsEntry("cost_usd", item.cost() == null ? "" : item.cost().toPlainString())
                    .containsEntry("reason", item.verdict().reason());
        }
        // commas, doubled quotes and the line break survive the round trip; an unknown cost is an empty cell
        assertThat(rows.getFirst().get("predicted_sql")).isEqualTo(items.getFirst().sql());
        assertThat(rows.getFirst().get("cost_usd")).isEmpty();
        assertThat(rows.get(1).get("cost_usd")).isNotEmpty();
    }

    @Test
    void jsonHoldsEveryItemAsStoredAndAnUnknownCostAsNull() throws Exception {
        List<ItemResult> items = awkwardItems();
        Path file = new JsonResultsExporter().export(new RunResults(results.run(), items, results.cells(), 0),
                dir.resolve("json"));

        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        assertThat(doc.get("items")).hasSize(items.size());
        for (int n = 0; n < items.size(); n++) {
            ItemResult item = items.get(n);
            var node = doc.get("items").get(n);
            assertThat(node.get("questionId").asText()).isEqualTo(item.key().questionId());
            assertThat(node.get("variant").asText()).isEqualTo(item.key().variant());
            assertThat(node.get("outcome").asText()).isEqualTo(item.outcome().name());
            assertThat(node.get("predictedSql").asText()).isEqualTo(item.sql());
            assertThat(node.get("inputTokens").asLong()).isEqualTo(item.usage().inputTokens());
        }
        assertThat(doc.get("items").get(0).get("costUsd").isNull()).isTrue();
        assertThat(doc.get("items").get(1).get("costUsd").decimalValue()).isEqualByComparingTo(items.get(1).cost());
        assertThat(doc.get("cells")).hasSize(results.cells().size());
    }

    @Test
    void htmlShowsAnUnknownCostAsUnknownAndIsOneFileThatNeedsNoNetwork() throws Exception {
        List<ItemResult> unpriced = results.items().stream().map(i -> new ItemResult(i.key(), i.prompt(), i.answer(),
                i.sql(), i.verdict(), i.latencyMs(), i.usage(), i.modelId(), i.provenance(), null, i.error(),
                i.finishedAt(), i.attempts(), i.judge())).toList();
        Path folder = dir.resolve("offline");
        String html = Files.readString(new HtmlReportExporter().export(new RunResults(results.run(), unpriced,
                new RunSummary().cells(unpriced), 0), folder));

        assertThat(html.split("<td>unknown \\(no price\\)</td>", -1)).hasSize(results.cells().size() + 1);
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("report.html");
        }
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"(?!#|data:)")
                .doesNotContainPattern("(?i)@import|url\\(\\s*['\"]?(?!data:|#)");
        assertThat(html).contains("<style>");
    }

    @Test
    void markdownKeepsEachCellsFiguresAndShowsMarkupInReasonsAsText() throws Exception {
        List<ItemResult> items = new java.util.ArrayList<>(results.items());
        ItemResult i = items.getFirst();
        items.set(0, new ItemResult(i.key(), i.prompt(), i.answer(), i.sql(), dev.querybench.engine.evaluation.base
                .Verdict.error("execution", "model call failed: <script>alert(1)</script>\nsee | the log"),
                i.latencyMs(), i.usage(), i.modelId(), i.provenance(), i.cost(), Explanation.ofMessage("boom"), i.finishedAt(), i.attempts(),
                i.judge()));
        RunResults withError = new RunResults(results.run(), items, new RunSummary().cells(items), 0);

        String md = Files.readString(new MarkdownReportExporter().export(withError, dir.resolve("md-error")));

        for (var c : withError.cells()) {
            assertThat(md).contains("| " + c.variant() + " | " + c.model() + " | " + c.passed() + " | " + c.failed()
                    + " | " + c.errors() + " | " + ReportText.percent(c.accuracy().value()) + " |");
        }
        assertThat(md).contains("## Errors (excluded from accuracy)", "- " + i.key()
                + ": model call failed: &lt;script&gt;alert(1)&lt;/script&gt; see \\| the log\n");
        assertThat(md).doesNotContain("<script>");
    }
}
