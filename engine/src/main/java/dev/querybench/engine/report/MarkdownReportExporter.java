package dev.querybench.engine.report;

import dev.querybench.engine.errors.Explanation;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Markdown summary: per-cell accuracy, the LLM judge's agreement and disagreements, paired
 * comparisons, failure categories and errors.
 */
public final class MarkdownReportExporter implements ResultsExporter {

    @Override
    public String format() {
        return "md";
    }

    /** The judge's agreement per cell and every item where the judge and the execution match disagree. */
    private static void judge(StringBuilder md, RunResults results) {
        List<JudgeAgreement.CellAgreement> agreement = new JudgeAgreement().cells(results.items());
        if (agreement.isEmpty()) {
            return;
        }
        md.append("\n## LLM judge\n\n").append("Judge cost ").append(ReportText.money(results.judgeCost()))
                .append(" on top of ").append(ReportText.money(results.generationCost())).append(" for the answers.\n\n");
        md.append("| variant | model | agreement | judge latency p50 / p95 | equivalent | not equivalent | unsure |"
                + " judge error | execution FAIL, judge equivalent |\n|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (JudgeAgreement.CellAgreement a : agreement) {
            md.append(String.format("| %s | %s | %s | %d ms / %d ms | %d | %d | %d | %d | %d |%n", a.variant(), a.model(),
                    a.describe(), a.latencyP50Ms(), a.latencyP95Ms(), a.equivalent(), a.notEquivalent(), a.unsure(),
                    a.errors(), a.failJudgedEquivalent().size()));
        }
        List<ItemResult> review = results.items().stream().filter(i -> i.judge() != null && i.outcome() == Outcome.FAIL
                && i.judge().decision() == JudgeVerdict.Decision.EQUIVALENT).toList();
        md.append("\n**").append(review.size()).append(review.size() == 1 ? " execution failure" : " execution failures")
                .append(" the judge calls equivalent**")
                .append(review.isEmpty() ? ".\n" : " (candidates for gold review):\n\n");
        review.forEach(i -> md.append("- ").append(i.key()).append(": ").append(text(i.judge().rationale()))
                .append('\n'));
        List<ItemResult> others = results.items().stream().filter(i -> i.judge() != null && !review.contains(i)
                && i.judge().agreesWith(i.outcome()).map(agrees -> !agrees).orElse(true)).toList();
        if (!others.isEmpty()) {
            md.append("\nOther items where the judge does not confirm the execution verdict:\n\n");
            others.forEach(i -> md.append("- ").append(i.key()).append(": execution ").append(i.outcome())
                    .append(", judge ").append(i.judge().decision().id()).append(" — ")
                    .append(text(i.judge().rawAnswer() != null ? "raw answer: " + i.judge().rawAnswer()
                            : i.judge().rationale())).append('\n'));
        }
    }

    @Override
    public Path export(RunResults results, Path folder) {
        Path file = folder.resolve("summary.md");
        StringBuilder md = new StringBuilder();
        md.append("# QueryBench run ").append(results.run().id()).append("\n\n");
        md.append("Dataset **").append(results.run().dataset()).append("**, ").append(results.run().questionIds().size())
                .append(" questions, match mode `").append(results.run().matchMode()).append("`, status ")
                .append(results.run().status()).append(".\n\n");
        if (!results.privilegedAccounts().isEmpty()) {
            md.append("> **").append(ReportText.oneLine(results.privilegedWarning())).append("**\n\n");
        }
        md.append("| variant | model | pass | fail | error | accuracy | 95% interval | p50 latency | tokens in/out |\n");
        md.append("|---|---|---:|---:|---:|---:|---|---:|---:|\n");
        for (CellSummary c : results.cells()) {
            md.append(String.format("| %s | %s | %d | %d | %d | %s | %s | %d ms | %d / %d |%n", c.variant(), c.model(),
                    c.passed(), c.failed(), c.errors(), ReportText.percent(c.accuracy().value()),
                    ReportText.interval(c.accuracy()), c.latencyP50Ms(), c.inputTokens(), c.outputTokens()));
        }
        judge(md, results);
        pairs(md, results);
        failures(md, results);
        try {
            Files.createDirectories(folder);
            Files.writeString(file, md);
        } catch (IOException e) {
            throw new ExportException(file, e);
        }
        return file;
    }

    /** Every two cells compared item by item (exact McNemar). */
    private static void pairs(StringBuilder md, RunResults results) {
        List<CellSummary> cells = results.cells();
        if (cells.size() > 1) {
            md.append("\n## Paired comparisons (exact McNemar)\n\n");
            md.append("| A | B | B − A | p-value | flip to right | flip to wrong |\n|---|---|---:|---:|---|---|\n");
            for (int i = 0; i < cells.size(); i++) {
                for (int j = i + 1; j < cells.size(); j++) {
                    McNemar.Result r = new McNemar().compare(ReportText.itemsOf(results, cells.get(i)),
                            ReportText.itemsOf(results, cells.get(j)));
                    md.append(String.format("| %s | %s | %+.1f pts | %.4f | %s | %s |%n", ReportText.label(cells.get(i)),
                            ReportText.label(cells.get(j)), r.differencePoints(), r.pValue(),
                            ReportText.list(r.aWrongBRight()), ReportText.list(r.aRightBWrong())));
                }
            }
        }
    }

    /** Failures by category, vacuous passes and ambiguous gold, and the errors kept out of accuracy. */
    private static void failures(StringBuilder md, RunResults results) {
        Map<String, Integer> categories = new TreeMap<>();
        long vacuous = 0;
        long ambiguous = 0;
        for (ItemResult item : results.items()) {
            if (item.verdict().failureCategory() != null) {
                categories.merge(item.verdict().failureCategory().id(), 1, Integer::sum);
            }
            vacuous += item.outcome() == Outcome.PASS && item.verdict().flags().contains("vacuous") ? 1 : 0;
            ambiguous += item.verdict().flags().contains("ambiguous-gold") ? 1 : 0;
        }
        md.append("\n## Failures by category\n\n");
        if (categories.isEmpty()) {
            md.append("No failures.\n");
        }
        categories.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\nPasses where both results were empty (vacuous): ").append(vacuous)
                .append(". Items whose gold ORDER BY … LIMIT cuts through a tie (ambiguous gold): ").append(ambiguous)
                .append(".\n");
        List<ItemResult> errors = results.items().stream().filter(i -> i.outcome() == Outcome.ERROR).toList();
        if (!errors.isEmpty()) {
            md.append("\n## Errors (excluded from accuracy)\n\n");
            errors.forEach(e -> {
                md.append("- ").append(e.key()).append(": ").append(text(e.verdict().reason())).append('\n');
                problem(md, e.error());
            });
        }
    }

    /** A failed item's place and fix under its line in a list (nothing without a failure). */
    private static void problem(StringBuilder md, Explanation error) {
        if (error != null && !error.where().isBlank()) {
            md.append("  - where: ").append(text(error.where())).append('\n');
        }
        if (error != null && !error.fix().isBlank()) {
            md.append("  - fix: ").append(text(error.fix())).append('\n');
        }
    }

    /**
     * Free text (a reason, a rationale, a model's answer) as one Markdown line that shows as
     * written: markup and table bars are escaped, so an answer holding {@code <script>} stays text.
     */
    static String text(String free) {
        return ReportText.oneLine(free).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("|", "\\|");
    }
}
