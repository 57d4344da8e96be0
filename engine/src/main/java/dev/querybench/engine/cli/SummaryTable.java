package dev.querybench.engine.cli;

import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.stats.CellSummary;
import java.io.PrintWriter;
import java.util.Map;

/**
 * The per-variant accuracy table printed at the end of a run, with the retries and fallbacks it
 * took and, under the table, every cell where a model other than the evaluated one answered.
 */
final class SummaryTable {

    private final PrintWriter out;

    SummaryTable(PrintWriter out) {
        this.out = out;
    }

    void print(RunResults results) {
        int vw = Math.max(7, results.cells().stream().mapToInt(c -> c.variant().length()).max().orElse(7));
        int mw = Math.max(5, results.cells().stream().mapToInt(c -> c.model().length()).max().orElse(5));
        String header = String.format("%-" + vw + "s  %-" + mw + "s  %5s  %5s  %5s  %5s  %8s  %-15s  %7s  %7s  %9s",
                "variant", "model", "items", "pass", "fail", "error", "accuracy", "95% interval", "p50 ms", "retries",
                "fallbacks");
        out.println();
        out.println(header);
        out.println("-".repeat(header.length()));
        for (CellSummary c : results.cells()) {
            String accuracy = Double.isNaN(c.accuracy().value()) ? "n/a" : String.format("%.1f%%", 100 * c.accuracy().value());
            out.println(String.format("%-" + vw + "s  %-" + mw + "s  %5d  %5d  %5d  %5d  %8s  %-15s  %7d  %7d  %9d",
                    c.variant(), c.model(), c.items(), c.passed(), c.failed(), c.errors(), accuracy,
                    String.format("[%.1f, %.1f]", 100 * c.accuracy().low(), 100 * c.accuracy().high()), c.latencyP50Ms(),
                    c.retries(), c.fallbacks()));
        }
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
        out.flush();
    }
}
