package dev.querybench.engine.cli;

import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.stats.CellSummary;
import dev.querybench.engine.stats.JudgeAgreement;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-variant table printed at the end of a run: accuracy with its interval, latency, cost
 * and cost per correct answer, retries and fallbacks; under it every cell where a model other
 * than the evaluated one answered, and the run's cost.
 */
final class SummaryTable {

    private static final List<String> HEADER = List.of("variant", "model", "items", "pass", "fail", "error",
            "accuracy", "95% interval", "p50 ms", "cost", "$/correct", "retries", "fallbacks");
    /** Columns aligned left (text); the others are numbers, aligned right. */
    private static final int TEXT_COLUMNS = 2;

    private final PrintWriter out;

    SummaryTable(PrintWriter out) {
        this.out = out;
    }

    void print(RunResults results) {
        table(results);
        fallbacksAndJudge(results);
        if (!results.complete()) {
            out.println("Incomplete: " + results.answeredLine() + " items"
                    + (results.unanswered().isEmpty() ? "" : "; " + results.unanswered().size() + " never answered")
                    + " — the figures above cover only the answered items");
        }
        int cached = results.cells().stream().mapToInt(CellSummary::cachedItems).sum();
        out.println("Cost: " + money(results.cost()) + " in total, " + money(results.costPerCorrect())
                + " per correct answer" + (cached > 0 ? "; " + cached + " answers came from the cache at no cost" : "")
                + (results.cost() == null ? " (a model that answered has no price: add it to prices.yaml)" : ""));
        out.flush();
    }

    /** One row per variant and model, columns padded to their widest cell. */
    private void table(RunResults results) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (CellSummary c : results.cells()) {
            String accuracy = Double.isNaN(c.accuracy().value()) ? "n/a" : String.format("%.1f%%", 100 * c.accuracy().value());
            rows.add(List.of(c.variant(), c.model(), Integer.toString(c.items()), Integer.toString(c.passed()),
                    Integer.toString(c.failed()), Integer.toString(c.errors()), accuracy,
                    String.format("[%.1f, %.1f]", 100 * c.accuracy().low(), 100 * c.accuracy().high()),
                    Long.toString(c.latencyP50Ms()), money(c.cost()), money(c.costPerCorrect()),
                    Integer.toString(c.retries()), Integer.toString(c.fallbacks())));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        out.println();
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = rows.get(r).get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(i < TEXT_COLUMNS ? cell + pad : pad + cell);
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                out.println("-".repeat(line.length()));
            }
        }
    }

    /** Which models answered a cell when fallbacks stepped in, and how the judge agreed with the execution match. */
    private void fallbacksAndJudge(RunResults results) {
        for (CellSummary c : results.cells()) {
            if (c.answeredBy().size() > 1 || c.fallbackItems() > 0) {
                StringBuilder line = new StringBuilder("  " + c.variant() + " / " + c.model() + " answered by ");
                int n = 0;
                for (Map.Entry<String, Integer> e : c.answeredBy().entrySet()) {
                    line.append(n++ == 0 ? "" : ", ").append(e.getKey()).append(" (").append(e.getValue()).append(')');
                }
                out.println(line.append("; ").append(c.fallbackItems()).append(" items needed a fallback"));
            }
        }
        List<JudgeAgreement.CellAgreement> judged = new JudgeAgreement().cells(results.items());
        for (JudgeAgreement.CellAgreement a : judged) {
            out.println("  " + a.variant() + " / " + a.model() + ": " + a.describe() + "; " + a.describeLatency()
                    + (a.failJudgedEquivalent().isEmpty() ? "" : "; " + a.failJudgedEquivalent().size()
                            + (a.failJudgedEquivalent().size() == 1 ? " execution failure" : " execution failures")
                            + " the judge calls equivalent (review their gold): "
                            + String.join(", ", a.failJudgedEquivalent().stream().limit(10).toList()))
                    + (a.unsure() + a.errors() == 0 ? "" : "; unsure " + a.unsure() + ", judge errors " + a.errors()));
        }
        if (!judged.isEmpty()) {
            out.println("Judge cost: " + money(results.judgeCost()) + " (included in the total below)");
        }
    }

    /** Dollars with four significant decimals below a cent, two above; "n/a" when unknown. */
    static String money(BigDecimal amount) {
        if (amount == null) {
            return "n/a";
        }
        if (amount.signum() == 0) {
            return "$0";
        }
        int scale = amount.abs().compareTo(BigDecimal.ONE) >= 0 ? 2 : amount.abs().compareTo(new BigDecimal("0.01")) >= 0
                ? 4 : 6;
        return "$" + amount.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }
}
