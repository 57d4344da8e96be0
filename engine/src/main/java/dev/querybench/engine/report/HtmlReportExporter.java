package dev.querybench.engine.report;

import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.base.JudgeVerdict;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.stats.CellSummary;
import dev.querybench.engine.stats.JudgeAgreement;
import dev.querybench.engine.stats.McNemar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML report that works offline: summary table, accuracy with 95% interval bars
 * and accuracy against cost (tokens when a model has no price) as inline SVG, paired McNemar comparisons, and the per-question
 * matrix with filters (disagreements, "A right, B wrong", failure category, text).
 */
public final class HtmlReportExporter implements ResultsExporter {

    private static final int BAR_WIDTH = 520;

    @Override
    public String format() {
        return "html";
    }

    @Override
    public Path export(RunResults results, Path folder) {
        Path file = folder.resolve("report.html");
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>QueryBench · ")
                .append(ReportText.html(results.run().id())).append("</title><style>").append(CSS).append("</style></head><body>");
        h.append("<header><h1>QueryBench run <code>").append(ReportText.html(results.run().id())).append("</code></h1><p>")
                .append(ReportText.html(results.run().dataset())).append(" · ").append(results.run().questionIds().size())
                .append(" questions · match mode <b>").append(ReportText.html(results.run().matchMode()))
                .append("</b> · ").append(ReportText.html(results.run().status())).append("</p></header>");
        summary(h, results);
        judge(h, results);
        h.append("<section class=\"charts\"><div><h2>Accuracy with 95% interval</h2>");
        accuracyChart(h, results.cells());
        h.append("</div><div><h2>Accuracy against ").append(pricedCells(results.cells()) ? "cost" : "tokens used")
                .append("</h2>");
        scatter(h, results.cells());
        h.append("</div></section>");
        comparisons(h, results);
        matrix(h, results);
        h.append("<script>").append(SCRIPT).append("</script></body></html>");
        try {
            Files.createDirectories(folder);
            Files.writeString(file, h);
        } catch (IOException e) {
            throw new ExportException(file, e);
        }
        return file;
    }

    private static void summary(StringBuilder h, RunResults results) {
        h.append("<section><h2>Summary</h2><table class=\"summary\"><tr><th>variant</th><th>model</th><th>pass</th>"
                + "<th>fail</th><th>error</th><th>accuracy</th><th>95% interval</th><th>p50 latency</th><th>tokens in/out</th></tr>");
        for (CellSummary c : results.cells()) {
            h.append("<tr><td>").append(ReportText.html(c.variant())).append("</td><td>").append(ReportText.html(c.model()))
                    .append("</td><td>").append(c.passed()).append("</td><td>").append(c.failed()).append("</td><td>")
                    .append(c.errors()).append("</td><td><b>").append(ReportText.percent(c.accuracy().value()))
                    .append("</b></td><td>").append(ReportText.interval(c.accuracy())).append("</td><td>")
                    .append(c.latencyP50Ms()).append(" ms</td><td>").append(c.inputTokens()).append(" / ")
                    .append(c.outputTokens()).append("</td></tr>");
        }
        h.append("</table></section>");
    }

    /** The judge's agreement per cell and the execution failures it calls equivalent, with its rationale. */
    private static void judge(StringBuilder h, RunResults results) {
        List<JudgeAgreement.CellAgreement> agreement = new JudgeAgreement().cells(results.items());
        if (agreement.isEmpty()) {
            return;
        }
        h.append("<section><h2>LLM judge</h2><p>Judge cost ").append(ReportText.html(ReportText.money(results.judgeCost())))
                .append(" on top of ").append(ReportText.html(ReportText.money(results.generationCost())))
                .append(" for the answers.</p><table><tr><th>variant</th><th>model</th><th>agreement</th>"
                        + "<th>judge latency p50 / p95</th><th>equivalent</th><th>not equivalent</th><th>unsure</th><th>judge error</th>"
                        + "<th>execution FAIL, judge equivalent</th></tr>");
        for (JudgeAgreement.CellAgreement a : agreement) {
            h.append("<tr><td>").append(ReportText.html(a.variant())).append("</td><td>").append(ReportText.html(a.model()))
                    .append("</td><td>").append(ReportText.html(a.describe())).append("</td><td>")
                    .append(a.latencyP50Ms()).append(" ms / ").append(a.latencyP95Ms()).append(" ms")
                    .append("</td><td>").append(a.equivalent())
                    .append("</td><td>").append(a.notEquivalent()).append("</td><td>").append(a.unsure())
                    .append("</td><td>").append(a.errors()).append("</td><td>").append(a.failJudgedEquivalent().size())
                    .append("</td></tr>");
        }
        h.append("</table>");
        List<ItemResult> review = results.items().stream().filter(i -> i.judge() != null
                && i.outcome() == Outcome.FAIL && i.judge().decision() == JudgeVerdict.Decision.EQUIVALENT).toList();
        h.append("<h3>").append(review.size()).append(review.size() == 1 ? " execution failure" : " execution failures")
                .append(" the judge calls equivalent</h3>");
        if (!review.isEmpty()) {
            h.append("<p>Candidates for gold review: a second acceptable answer, or a gold query to fix.</p>"
                    + "<table><tr><th>item</th><th>failure</th><th>judge score</th><th>rationale</th><th>predicted SQL</th></tr>");
            for (ItemResult i : review) {
                h.append("<tr><td>").append(ReportText.html(i.key().toString())).append("</td><td>")
                        .append(i.verdict().failureCategory() == null ? "" : i.verdict().failureCategory().id())
                        .append("</td><td>").append(String.format(Locale.ROOT, "%.2f", i.judge().score()))
                        .append("</td><td>").append(ReportText.html(i.judge().rationale())).append("</td><td><code>")
                        .append(ReportText.html(i.sql())).append("</code></td></tr>");
            }
            h.append("</table>");
        }
        h.append("</section>");
    }

    private static void accuracyChart(StringBuilder h, List<CellSummary> cells) {
        int rowHeight = 40;
        int labelWidth = 280;
        int height = cells.size() * rowHeight + 30;
        h.append("<svg class=\"chart\" viewBox=\"0 0 ").append(labelWidth + BAR_WIDTH + 60).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"accuracy per variant and model\">");
        for (int t = 0; t <= 100; t += 25) {
            int x = labelWidth + t * BAR_WIDTH / 100;
            h.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%d\" class=\"tick\">%d%%</text>", x, x, height - 20, x, height - 6, t));
        }
        for (int i = 0; i < cells.size(); i++) {
            CellSummary c = cells.get(i);
            int y = i * rowHeight + 6;
            double value = Double.isNaN(c.accuracy().value()) ? 0 : c.accuracy().value();
            h.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" class=\"label\">%s</text>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"20\" class=\"bar\"/>"
                            + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"ci\"/>"
                            + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"ci\"/>"
                            + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"ci\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" class=\"value\">%s</text>",
                    labelWidth - 8, y + 15, ReportText.html(ReportText.label(c)),
                    labelWidth, y, value * BAR_WIDTH,
                    labelWidth + c.accuracy().low() * BAR_WIDTH, y + 10, labelWidth + c.accuracy().high() * BAR_WIDTH, y + 10,
                    labelWidth + c.accuracy().low() * BAR_WIDTH, y + 4, labelWidth + c.accuracy().low() * BAR_WIDTH, y + 16,
                    labelWidth + c.accuracy().high() * BAR_WIDTH, y + 4, labelWidth + c.accuracy().high() * BAR_WIDTH, y + 16,
                    labelWidth + c.accuracy().high() * BAR_WIDTH + 6, y + 15, ReportText.percent(c.accuracy().value())));
        }
        h.append("</svg>");
    }

    /** True when every cell has a price, so accuracy can be drawn against cost instead of tokens. */
    private static boolean pricedCells(List<CellSummary> cells) {
        return !cells.isEmpty() && cells.stream().allMatch(c -> c.cost() != null);
    }

    /** Accuracy against the cell's cost in dollars, or its tokens when a model has no price. */
    private static void scatter(StringBuilder h, List<CellSummary> cells) {
        int w = 560;
        int ht = 280;
        int pad = 48;
        boolean priced = pricedCells(cells);
        double[] spent = cells.stream().mapToDouble(c -> priced ? c.cost().doubleValue()
                : (double) (c.inputTokens() + c.outputTokens())).toArray();
        double max = Math.max(priced ? 1e-9 : 1, java.util.Arrays.stream(spent).max().orElse(1));
        String axis = priced ? "cost of the cell (USD)" : "tokens (in + out)";
        String maxText = priced ? ReportText.money(java.math.BigDecimal.valueOf(max)) : String.format(Locale.ROOT, "%,d",
                (long) max);
        h.append("<svg class=\"chart\" viewBox=\"0 0 ").append(w).append(' ').append(ht)
                .append("\" role=\"img\" aria-label=\"accuracy against ").append(priced ? "cost" : "tokens")
                .append("\">");
        h.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>"
                + "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>"
                + "<text x=\"%d\" y=\"%d\" class=\"tick\">%s</text>"
                + "<text x=\"%d\" y=\"%d\" class=\"tick\">0</text>"
                + "<text x=\"%d\" y=\"%d\" class=\"tick\">%s</text>"
                + "<text x=\"4\" y=\"14\" class=\"tick start\">100%%</text>"
                + "<text x=\"4\" y=\"%d\" class=\"tick start\">0%%</text>",
                pad, ht - pad, w - 10, ht - pad, pad, pad, ht - pad, w / 2, ht - 12, axis, pad, ht - pad + 16,
                w - 30, ht - pad + 16, ReportText.html(maxText), ht - pad));
        for (int i = 0; i < cells.size(); i++) {
            CellSummary c = cells.get(i);
            double x = pad + 10 + spent[i] / max * (w - pad - 40);
            double value = Double.isNaN(c.accuracy().value()) ? 0 : c.accuracy().value();
            double y = (ht - pad) - value * (ht - pad - 20);
            boolean right = x > w / 2.0;
            h.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" class=\"dot s%d\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\" class=\"dotlabel%s\">%s</text>", x, y, i % 6, right ? x - 9 : x + 9,
                    y - 9, right ? " end" : "", ReportText.html(ReportText.label(c) + " · " + ReportText.percent(value))));
        }
        h.append("</svg>");
    }

    private static void comparisons(StringBuilder h, RunResults results) {
        List<CellSummary> cells = results.cells();
        if (cells.size() < 2) {
            return;
        }
        h.append("<section><h2>Paired comparisons (exact McNemar)</h2><table><tr><th>A</th><th>B</th><th>B − A</th>"
                + "<th>p-value</th><th>flip to right</th><th>flip to wrong</th></tr>");
        for (int i = 0; i < cells.size(); i++) {
            for (int j = i + 1; j < cells.size(); j++) {
                McNemar.Result r = new McNemar().compare(ReportText.itemsOf(results, cells.get(i)),
                        ReportText.itemsOf(results, cells.get(j)));
                h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%+.1f pts</td><td class=\"%s\">%.4f</td>"
                                + "<td>%s</td><td>%s</td></tr>", ReportText.html(ReportText.label(cells.get(i))),
                        ReportText.html(ReportText.label(cells.get(j))), r.differencePoints(),
                        r.pValue() < 0.05 ? "sig" : "", r.pValue(), ReportText.html(ReportText.list(r.aWrongBRight())),
                        ReportText.html(ReportText.list(r.aRightBWrong()))));
            }
        }
        h.append("</table></section>");
    }

    private static void matrix(StringBuilder h, RunResults results) {
        List<CellSummary> cells = results.cells();
        Map<String, Map<String, ItemResult>> byQuestion = new LinkedHashMap<>();
        for (ItemResult item : results.items()) {
            byQuestion.computeIfAbsent(item.key().questionId(), k -> new LinkedHashMap<>())
                    .put(item.key().variant() + " · " + item.key().model(), item);
        }
        h.append("<section><h2>Questions</h2><div class=\"filters\"><label>Show <select id=\"f-kind\">"
                + "<option value=\"all\">all questions</option><option value=\"disagree\">disagreements</option>"
                + "<option value=\"ab\">A right, B wrong</option><option value=\"ba\">A wrong, B right</option>"
                + "<option value=\"fail\">any failure</option>"
                + "<option value=\"judge\">execution fail, judge equivalent</option></select></label>");
        for (String side : List.of("a", "b")) {
            h.append("<label>").append(side.toUpperCase(Locale.ROOT)).append(" <select id=\"f-").append(side).append("\">");
            for (int i = 0; i < cells.size(); i++) {
                boolean selected = side.equals("a") ? i == 0 : i == Math.min(1, cells.size() - 1);
                h.append("<option value=\"").append(i).append('"').append(selected ? " selected" : "").append('>')
                        .append(ReportText.html(ReportText.label(cells.get(i)))).append("</option>");
            }
            h.append("</select></label>");
        }
        h.append("<label>Category <select id=\"f-cat\"><option value=\"\">any</option>");
        for (var category : dev.querybench.engine.evaluation.base.FailureCategory.values()) {
            h.append("<option>").append(category.id()).append("</option>");
        }
        h.append("</select></label><input id=\"f-text\" type=\"search\" placeholder=\"Search question id or SQL\">"
                + "<span id=\"f-count\"></span></div><table class=\"matrix\"><thead><tr><th>question</th>");
        for (CellSummary c : cells) {
            h.append("<th>").append(ReportText.html(ReportText.label(c))).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (Map.Entry<String, Map<String, ItemResult>> row : byQuestion.entrySet()) {
            h.append("<tr data-q=\"").append(ReportText.html(row.getKey())).append("\"><td>")
                    .append(ReportText.html(row.getKey())).append("</td>");
            for (CellSummary c : cells) {
                ItemResult item = row.getValue().get(ReportText.label(c));
                if (item == null) {
                    h.append("<td class=\"none\" data-o=\"\">–</td>");
                    continue;
                }
                String outcome = item.outcome().name();
                String category = item.verdict().failureCategory() == null ? "" : item.verdict().failureCategory().id();
                String marks = (item.verdict().flags().contains("vacuous") ? " ∅" : "")
                        + (item.verdict().flags().contains("ambiguous-gold") ? " ≈" : "");
                String judged = item.judge() == null ? "" : "\njudge: " + item.judge().decision().id() + " — "
                        + (item.judge().rawAnswer() != null ? "raw answer: " + item.judge().rawAnswer() : item.judge().rationale());
                h.append("<td class=\"").append(outcome.toLowerCase(Locale.ROOT)).append("\" data-o=\"").append(outcome)
                        .append("\" data-c=\"").append(category).append("\" data-j=\"")
                        .append(item.judge() == null ? "" : item.judge().decision().id()).append("\" title=\"")
                        .append(ReportText.html(item.verdict().reason() + judged + "\n" + (item.sql() == null ? "" : item.sql())))
                        .append("\">").append(item.outcome() == Outcome.FAIL ? category : outcome.toLowerCase(Locale.ROOT))
                        .append(marks).append(ReportText.judgeMark(item.judge())).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table><p class=\"legend\">∅ vacuous pass (both results empty) · ≈ ambiguous gold (LIMIT tie)."
                + " ⚖✓ ⚖✗ ⚖? ⚖! the LLM judge's verdict: equivalent, not equivalent, unsure, no verdict."
                + " Hover a cell for the reason, the judge's rationale and the predicted SQL.</p></section>");
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;padding:24px 32px;color:#1d2430;background:#f6f7f9}
            header h1{font-size:22px;margin:0 0 4px}header p{margin:0 0 16px;color:#556}
            section{background:#fff;border:1px solid #e1e4ea;border-radius:8px;padding:16px 20px;margin:0 0 16px}
            h2{font-size:16px;margin:0 0 12px}table{border-collapse:collapse;width:100%}
            th,td{padding:6px 8px;border-bottom:1px solid #eef0f3;text-align:left;vertical-align:top}
            th{font-weight:600;color:#445;background:#fafbfc}.charts{display:grid;grid-template-columns:1.2fr 1fr;gap:16px;align-items:start;background:none;border:none;padding:0}
            .charts>div{background:#fff;border:1px solid #e1e4ea;border-radius:8px;padding:16px 20px}
            svg.chart{width:100%;height:auto}.grid{stroke:#eef0f3}.axis{stroke:#99a}.tick{font-size:11px;fill:#778;text-anchor:middle}
            .label{font-size:12px;fill:#334;text-anchor:end}.bar{fill:#4c7bd9;opacity:.85}.ci{stroke:#1d2430;stroke-width:1.5}
            .value{font-size:12px;fill:#1d2430}.dot{stroke:#fff;stroke-width:2}.dotlabel{font-size:11px;fill:#334}.dotlabel.end{text-anchor:end}.tick.start{text-anchor:start}
            .s0{fill:#4c7bd9}.s1{fill:#e07b39}.s2{fill:#3aa675}.s3{fill:#a857c9}.s4{fill:#d4a017}.s5{fill:#d9534f}
            .filters{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin-bottom:10px}
            select,input{font:inherit;padding:3px 6px;border:1px solid #ccd;border-radius:4px}#f-count{color:#667}
            .matrix td{font-size:12px;white-space:nowrap}.pass{background:#e3f5ea;color:#17613a}.fail{background:#fbe5e4;color:#8c2420}
            .error{background:#fff3d6;color:#7a5600}.none{color:#aab}.sig{font-weight:700;color:#17613a}.legend{color:#667;font-size:12px}
            """;

    private static final String SCRIPT = """
            (function(){
              const kind=document.getElementById('f-kind'),a=document.getElementById('f-a'),b=document.getElementById('f-b'),
                    cat=document.getElementById('f-cat'),text=document.getElementById('f-text'),count=document.getElementById('f-count');
              const rows=[...document.querySelectorAll('table.matrix tbody tr')];
              function apply(){
                let shown=0;
                rows.forEach(r=>{
                  const cells=[...r.querySelectorAll('td')].slice(1);
                  const oa=cells[+a.value]?.dataset.o, ob=cells[+b.value]?.dataset.o;
                  let ok=true;
                  if(kind.value==='disagree') ok=new Set(cells.map(c=>c.dataset.o).filter(o=>o)).size>1;
                  if(kind.value==='ab') ok=oa==='PASS'&&ob==='FAIL';
                  if(kind.value==='ba') ok=oa==='FAIL'&&ob==='PASS';
                  if(kind.value==='fail') ok=cells.some(c=>c.dataset.o==='FAIL');
                  if(kind.value==='judge') ok=cells.some(c=>c.dataset.o==='FAIL'&&c.dataset.j==='equivalent');
                  if(ok&&cat.value) ok=cells.some(c=>c.dataset.c===cat.value);
                  if(ok&&text.value) ok=(r.dataset.q+' '+cells.map(c=>c.title).join(' ')).toLowerCase().includes(text.value.toLowerCase());
                  r.style.display=ok?'':'none'; if(ok) shown++;
                });
                count.textContent=shown+' of '+rows.length+' questions';
              }
              [kind,a,b,cat].forEach(e=>e.addEventListener('change',apply)); text.addEventListener('input',apply); apply();
            })();
            """;
}
