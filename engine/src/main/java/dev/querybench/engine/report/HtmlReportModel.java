package dev.querybench.engine.report;

import dev.querybench.engine.compare.BaselineComparison;
import dev.querybench.engine.compare.ResultDiff;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.JudgeVerdict;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.stats.CellSummary;
import dev.querybench.engine.stats.JudgeAgreement;
import dev.querybench.engine.stats.McNemar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the HTML report template shows, as plain values: every text is raw and the template
 * escapes it, so nothing here may be pre-escaped markup. Built once per export; immutable.
 */
record HtmlReportModel(String runId, String dataset, int questionCount, String matchMode, String status,
        String warning, List<SummaryRow> summary, List<JudgeSection> judge, AccuracyChart accuracy, Scatter scatter,
        List<PairSection> pairs, List<BaselineSection> baseline, Matrix matrix, List<ExclusionSection> fewShotExclusions) {

    /** The few-shot examples withheld from prompts (a section only when some were). */
    record ExclusionSection(List<Exclusion> rows) {}

    /** A question from whose prompt few-shot examples were withheld, and their ids ("q007, q012"). */
    record Exclusion(String question, String withheld) {}

    record SummaryRow(String variant, String model, int passed, int failed, int errors, String accuracy, String interval,
            long p50, long tokensIn, long tokensOut, String cost) {}

    record JudgeSection(String judgeCost, String generationCost, List<JudgeRow> rows, String reviewTitle,
            List<ReviewRow> review, boolean hasReview) {}

    record JudgeRow(String variant, String model, String agreement, long p50, long p95, int equivalent,
            int notEquivalent, int unsure, int errors, int failJudgedEquivalent) {}

    record ReviewRow(String item, String failure, String score, String rationale, String sql) {}

    record AccuracyChart(int width, int height, List<Tick> ticks, List<Bar> bars) {}

    record Tick(int x, int y1, int y2, int textY, String label) {}

    record Bar(String label, int labelX, int textY, int x, int y, String width, String ciY, String ciLow, String ciHigh,
            String tickTop, String tickBottom, String valueX, String value) {}

    record Scatter(String title, String axis, String maxText, String ariaLabel, List<Dot> dots) {}

    record Dot(String cx, String cy, String cls, String labelX, String labelY, String anchor, String label) {}

    record PairSection(List<PairRow> rows) {}

    record PairRow(String a, String b, String difference, String pValue, boolean significant, String flipToRight,
            String flipToWrong) {}

    record BaselineSection(String baselineId, List<BaselineRow> rows) {}

    record BaselineRow(String cell, boolean compared, String difference, String pValue, boolean significant,
            String improvements, String regressions) {}

    record Matrix(List<Option> optionsA, List<Option> optionsB, List<String> categories, List<String> columns,
            List<Row> rows, int span) {}

    record Option(int index, String label, boolean selected) {}

    record Row(String questionId, String question, List<Cell> cells, List<Detail> details) {}

    record Cell(int index, String cls, String outcome, String category, String judge, String title, String text) {}

    /** What one cell's expanded view shows. */
    record Detail(int index, String label, String verdict, String verdictClass, String reason, Explanation problem,
            String judge, String predictedSql, String goldSql, List<SampleTable> samples, boolean hasSamples,
            String noSample) {}

    record SampleTable(String caption, List<String> columns, List<SampleRow> rows, String note) {}

    record SampleRow(String mark, List<String> values) {}

    private static final int BAR_WIDTH = 520;

    static HtmlReportModel of(RunResults results, ReportDetails details) {
        List<CellSummary> cells = results.cells();
        return new HtmlReportModel(results.run().id(), results.run().dataset(), results.run().questionIds().size(),
                results.run().matchMode(), results.run().status(), results.privilegedWarning(), summary(cells), judge(results),
                accuracyChart(cells), scatter(cells), pairs(results), baseline(details), matrix(results, details),
                exclusions(details));
    }

    private static List<ExclusionSection> exclusions(ReportDetails details) {
        List<Exclusion> rows = details.fewShotExclusions().entrySet().stream()
                .map(e -> new Exclusion(e.getKey(), String.join(", ", e.getValue()))).toList();
        return rows.isEmpty() ? List.of() : List.of(new ExclusionSection(rows));
    }

    private static List<SummaryRow> summary(List<CellSummary> cells) {
        return cells.stream().map(c -> new SummaryRow(c.variant(), c.model(), c.passed(), c.failed(), c.errors(),
                ReportText.percent(c.accuracy().value()), ReportText.interval(c.accuracy()), c.latencyP50Ms(),
                c.inputTokens(), c.outputTokens(), c.cost() == null ? "unknown (no price)" : ReportText.money(c.cost())))
                .toList();
    }

    private static List<JudgeSection> judge(RunResults results) {
        List<JudgeAgreement.CellAgreement> agreement = new JudgeAgreement().cells(results.items());
        if (agreement.isEmpty()) {
            return List.of();
        }
        List<JudgeRow> rows = agreement.stream().map(a -> new JudgeRow(a.variant(), a.model(), a.describe(),
                a.latencyP50Ms(), a.latencyP95Ms(), a.equivalent(), a.notEquivalent(), a.unsure(), a.errors(),
                a.failJudgedEquivalent().size())).toList();
        List<ReviewRow> review = results.items().stream().filter(i -> i.judge() != null && i.outcome() == Outcome.FAIL
                && i.judge().decision() == JudgeVerdict.Decision.EQUIVALENT).map(i -> new ReviewRow(i.key().toString(),
                        i.verdict().failureCategory() == null ? "" : i.verdict().failureCategory().id(),
                        String.format(Locale.ROOT, "%.2f", i.judge().score()), i.judge().rationale(),
                        i.sql() == null ? "" : i.sql())).toList();
        String title = review.size() + (review.size() == 1 ? " execution failure" : " execution failures")
                + " the judge calls equivalent";
        return List.of(new JudgeSection(ReportText.money(results.judgeCost()), ReportText.money(results.generationCost()),
                rows, title, review, !review.isEmpty()));
    }

    private static AccuracyChart accuracyChart(List<CellSummary> cells) {
        int rowHeight = 40;
        int labelWidth = 280;
        int height = cells.size() * rowHeight + 30;
        List<Tick> ticks = new ArrayList<>();
        for (int t = 0; t <= 100; t += 25) {
            ticks.add(new Tick(labelWidth + t * BAR_WIDTH / 100, 0, height - 20, height - 6, t + "%"));
        }
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            CellSummary c = cells.get(i);
            int y = i * rowHeight + 6;
            double value = Double.isNaN(c.accuracy().value()) ? 0 : c.accuracy().value();
            double low = labelWidth + c.accuracy().low() * BAR_WIDTH;
            double high = labelWidth + c.accuracy().high() * BAR_WIDTH;
            bars.add(new Bar(ReportText.label(c), labelWidth - 8, y + 15, labelWidth, y, num(value * BAR_WIDTH),
                    Integer.toString(y + 10), num(low), num(high), Integer.toString(y + 4), Integer.toString(y + 16),
                    num(high + 6), ReportText.percent(c.accuracy().value())));
        }
        return new AccuracyChart(labelWidth + BAR_WIDTH + 60, height, ticks, bars);
    }

    /** True when every cell has a price, so accuracy can be drawn against cost instead of tokens. */
    private static boolean pricedCells(List<CellSummary> cells) {
        return !cells.isEmpty() && cells.stream().allMatch(c -> c.cost() != null);
    }

    private static Scatter scatter(List<CellSummary> cells) {
        int w = 560;
        int ht = 280;
        int pad = 48;
        boolean priced = pricedCells(cells);
        double[] spent = cells.stream().mapToDouble(c -> priced ? c.cost().doubleValue()
                : (double) (c.inputTokens() + c.outputTokens())).toArray();
        double max = Math.max(priced ? 1e-9 : 1, java.util.Arrays.stream(spent).max().orElse(1));
        List<Dot> dots = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            CellSummary c = cells.get(i);
            double x = pad + 10 + spent[i] / max * (w - pad - 40);
            double value = Double.isNaN(c.accuracy().value()) ? 0 : c.accuracy().value();
            double y = (ht - pad) - value * (ht - pad - 20);
            boolean right = x > w / 2.0;
            dots.add(new Dot(num(x), num(y), "dot s" + (i % 6), num(right ? x - 9 : x + 9), num(y - 9),
                    right ? "dotlabel end" : "dotlabel", ReportText.label(c) + " · " + ReportText.percent(value)));
        }
        return new Scatter(priced ? "cost" : "tokens used", priced ? "cost of the cell (USD)" : "tokens (in + out)",
                priced ? ReportText.money(java.math.BigDecimal.valueOf(max)) : String.format(Locale.ROOT, "%,d", (long) max),
                "accuracy against " + (priced ? "cost" : "tokens"), dots);
    }

    private static List<PairSection> pairs(RunResults results) {
        List<CellSummary> cells = results.cells();
        if (cells.size() < 2) {
            return List.of();
        }
        List<PairRow> rows = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            for (int j = i + 1; j < cells.size(); j++) {
                McNemar.Result r = new McNemar().compare(ReportText.itemsOf(results, cells.get(i)),
                        ReportText.itemsOf(results, cells.get(j)));
                rows.add(new PairRow(ReportText.label(cells.get(i)), ReportText.label(cells.get(j)),
                        String.format(Locale.ROOT, "%+.1f pts", r.differencePoints()),
                        String.format(Locale.ROOT, "%.4f", r.pValue()), r.pValue() < 0.05,
                        ReportText.list(r.aWrongBRight()), ReportText.list(r.aRightBWrong())));
            }
        }
        return List.of(new PairSection(rows));
    }

    private static List<BaselineSection> baseline(ReportDetails details) {
        Optional<BaselineComparison> found = details.baseline();
        if (found.isEmpty()) {
            return List.of();
        }
        List<BaselineRow> rows = found.get().cells().stream().map(d -> d.test().map(r -> new BaselineRow(d.cell().label(),
                true, String.format(Locale.ROOT, "%+.1f pts", r.differencePoints()),
                String.format(Locale.ROOT, "%.4f", r.pValue()), r.pValue() < 0.05, ReportText.list(r.aWrongBRight()),
                ReportText.list(r.aRightBWrong()))).orElse(new BaselineRow(d.cell().label(), false, "", "", false, "", "")))
                .toList();
        return List.of(new BaselineSection(found.get().baseline().id(), rows));
    }

    private static Matrix matrix(RunResults results, ReportDetails details) {
        List<CellSummary> cells = results.cells();
        Map<String, Map<String, ItemResult>> byQuestion = new LinkedHashMap<>();
        for (ItemResult item : results.items()) {
            if (item.key().repeat() == 0) {
                byQuestion.computeIfAbsent(item.key().questionId(), k -> new LinkedHashMap<>())
                        .put(item.key().variant() + " · " + item.key().model(), item);
            }
        }
        List<Option> a = new ArrayList<>();
        List<Option> b = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            a.add(new Option(i, ReportText.label(cells.get(i)), i == 0));
            b.add(new Option(i, ReportText.label(cells.get(i)), i == Math.min(1, cells.size() - 1)));
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, ItemResult>> entry : byQuestion.entrySet()) {
            Optional<Question> question = details.question(entry.getKey());
            List<Cell> line = new ArrayList<>();
            List<Detail> expanded = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                ItemResult item = entry.getValue().get(ReportText.label(cells.get(i)));
                line.add(cell(i, item));
                expanded.add(detail(i, ReportText.label(cells.get(i)), item, question, details));
            }
            rows.add(new Row(entry.getKey(), question.map(Question::text).orElse("(question text not in the dataset)"),
                    line, expanded));
        }
        return new Matrix(a, b, java.util.Arrays.stream(FailureCategory.values()).map(FailureCategory::id).toList(),
                cells.stream().map(ReportText::label).toList(), rows, cells.size() + 2);
    }

    private static Cell cell(int index, ItemResult item) {
        if (item == null) {
            return new Cell(index, "none", "", "", "", "", "–");
        }
        String outcome = item.outcome().name();
        String category = item.verdict().failureCategory() == null ? "" : item.verdict().failureCategory().id();
        String marks = (item.verdict().flags().contains("vacuous") ? " ∅" : "")
                + (item.verdict().flags().contains("ambiguous-gold") ? " ≈" : "");
        String judged = item.judge() == null ? "" : "\njudge: " + item.judge().decision().id() + " — "
                + (item.judge().rawAnswer() != null ? "raw answer: " + item.judge().rawAnswer() : item.judge().rationale());
        return new Cell(index, outcome.toLowerCase(Locale.ROOT), outcome, category,
                item.judge() == null ? "" : item.judge().decision().id(),
                item.verdict().reason() + judged + "\n" + (item.sql() == null ? "" : item.sql()),
                (item.outcome() == Outcome.FAIL ? category : outcome.toLowerCase(Locale.ROOT)) + marks
                        + ReportText.judgeMark(item.judge()));
    }

    private static Detail detail(int index, String label, ItemResult item, Optional<Question> question,
            ReportDetails details) {
        String gold = question.map(Question::primaryGold).orElse("(gold SQL not in the dataset)");
        if (item == null) {
            return new Detail(index, label, "not finished", "none", "This item has no result in the run.", null, "", "",
                    gold, List.of(), false, "");
        }
        String verdict = item.outcome().name() + (item.verdict().failureCategory() == null ? ""
                : " · " + item.verdict().failureCategory().id());
        String reason = "Judged by " + item.verdict().mode() + (item.verdict().reason().isBlank() ? "."
                : ": " + item.verdict().reason());
        String judge = item.judge() == null ? "" : "LLM judge: " + item.judge().decision().id().replace('_', ' ')
                + " — " + item.judge().rationale();
        String predicted = item.sql() == null || item.sql().isBlank() ? "" : item.sql().strip();
        Optional<ResultDiff.Comparison> sample = question.flatMap(q -> details.sample(q, item.sql()));
        List<SampleTable> tables = sample.map(s -> List.of(table("Predicted rows", s.predicted(), "+"),
                table("Gold rows", s.gold(), "−"))).orElse(List.of());
        return new Detail(index, label, verdict, item.outcome().name().toLowerCase(Locale.ROOT), reason, item.error(),
                judge, predicted.isEmpty() ? "(the model gave no SQL)" : predicted, gold, tables, !tables.isEmpty(),
                question.isEmpty() ? "The question is not in the dataset." : "Result samples need the database;"
                        + " export from the workbench or with querybench report in the workspace.");
    }

    private static SampleTable table(String caption, ResultDiff.Side side, String symbol) {
        if (side.error() != null) {
            return new SampleTable(caption, List.of(), List.of(), "did not run: " + side.error());
        }
        List<SampleRow> rows = new ArrayList<>();
        for (int i = 0; i < side.rows().size(); i++) {
            List<String> values = side.rows().get(i).stream().map(v -> v == null ? "NULL" : v).toList();
            rows.add(new SampleRow(side.marked().get(i) ? symbol : "", values));
        }
        String note = side.rows().isEmpty() ? "no rows" : side.truncated() ? "first " + side.rows().size() + " rows"
                : side.rows().size() + (side.rows().size() == 1 ? " row" : " rows");
        return new SampleTable(caption, side.columns(), rows, note);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
