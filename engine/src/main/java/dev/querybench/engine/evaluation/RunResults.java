package dev.querybench.engine.evaluation;

import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.stats.CellSummary;
import java.util.List;

/**
 * A run's items in plan order (question, then variant, then model) and per-cell figures.
 *
 * @param run the run as stored
 * @param items finished items in plan order
 * @param cells per (variant, model) figures
 * @param modelCalls model calls made by this attempt (0 for items restored from the store)
 */
public record RunResults(RunRecord run, List<ItemResult> items, List<CellSummary> cells, int modelCalls) {

    public RunResults {
        items = List.copyOf(items);
        cells = List.copyOf(cells);
    }

    public boolean complete() {
        return items.size() == run.plannedItems();
    }
}
