package dev.querybench.engine.cli;

import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.stats.CellSummary;
import dev.querybench.engine.stats.Consistency;
import dev.querybench.engine.stats.McNemar;
import java.io.PrintWriter;
import java.util.List;

/** What the CLI prints after the accuracy table: paired comparisons, consistency, and the baseline. */
final class RunInsights {

    private final PrintWriter out;

    RunInsights(PrintWriter out) {
        this.out = out;
    }

    void print(RunResults results, List<ItemResult> baselineItems, String baselineId) {
        List<CellSummary> cells = results.cells();
        for (int i = 0; i < cells.size(); i++) {
            for (int j = i + 1; j < cells.size(); j++) {
                McNemar.Result r = new McNemar().compare(items(results.items(), cells.get(i)), items(results.items(), cells.get(j)));
                out.println(String.format("%s vs %s: %+.1f pts, McNemar p = %.4f, %d flip to right, %d flip to wrong",
                        label(cells.get(j)), label(cells.get(i)), r.differencePoints(), r.pValue(), r.aWrongBRight().size(),
                        r.aRightBWrong().size()));
            }
        }
        if (results.run().repeats() > 1) {
            for (Consistency.CellConsistency c : new Consistency().of(results.items())) {
                out.println(String.format("consistency %s · %s: %.1f%% (%d questions changed their verdict: %s)",
                        c.variant(), c.model(), 100 * c.mean(), c.unstable().size(),
                        String.join(", ", c.unstable().stream().limit(10).toList())));
            }
        }
        if (baselineId != null) {
            for (CellSummary cell : cells) {
                List<ItemResult> before = items(baselineItems, cell);
                if (before.isEmpty()) {
                    out.println("baseline " + baselineId + " has no " + label(cell) + " to compare with");
                    continue;
                }
                McNemar.Result r = new McNemar().compare(before, items(results.items(), cell));
                out.println(String.format("vs baseline %s, %s: %+.1f pts, McNemar p = %.4f; improvements %s; regressions %s",
                        baselineId, label(cell), r.differencePoints(), r.pValue(), r.aWrongBRight(), r.aRightBWrong()));
            }
        }
        out.flush();
    }

    private static List<ItemResult> items(List<ItemResult> all, CellSummary cell) {
        return all.stream().filter(i -> i.key().variant().equals(cell.variant()) && i.key().model().equals(cell.model()))
                .toList();
    }

    private static String label(CellSummary c) {
        return c.variant() + " · " + c.model();
    }
}
