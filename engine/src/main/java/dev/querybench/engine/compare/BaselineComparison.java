package dev.querybench.engine.compare;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.stats.McNemar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A run against an earlier run of the same dataset (its baseline), cell by cell: for each
 * (variant, model) the two runs share, the exact McNemar test with the baseline as A and the run
 * as B — the same pairing {@code querybench run --baseline} prints — so the questions that
 * improved (baseline wrong, run right) and regressed (baseline right, run wrong) are named.
 * Immutable and thread-safe.
 *
 * @param run the run being looked at
 * @param baseline the earlier run
 * @param cells one entry per cell of {@code run}, in its plan order
 */
public record BaselineComparison(RunRecord run, RunRecord baseline, List<CellDelta> cells) {

    /**
     * One cell of the run against the same cell of the baseline.
     *
     * @param cell the variant and model
     * @param test baseline as A, run as B; empty when the baseline has no such cell
     */
    public record CellDelta(CellKey cell, Optional<McNemar.Result> test) {

        /** Questions the baseline got wrong and the run right. */
        public List<String> improvements() {
            return test.map(McNemar.Result::aWrongBRight).orElse(List.of());
        }

        /** Questions the baseline got right and the run wrong. */
        public List<String> regressions() {
            return test.map(McNemar.Result::aRightBWrong).orElse(List.of());
        }
    }

    public BaselineComparison {
        cells = List.copyOf(cells);
    }

    /** The items of one cell, all repeats, as McNemar pairs them. */
    @FunctionalInterface
    public interface CellItems {
        Collection<ItemResult> items(CellKey cell);
    }

    /**
     * Compares {@code run}'s cells with {@code baseline}'s.
     *
     * @throws QueryBenchException when the two runs are of different datasets or are the same run
     */
    public static BaselineComparison of(RunRecord run, List<CellKey> runCells, CellItems runItems, RunRecord baseline,
            CellItems baselineItems) {
        if (!run.dataset().equals(baseline.dataset())) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.INVALID_INPUT,
                    "run " + baseline.id() + " is of dataset " + baseline.dataset() + ", not " + run.dataset(),
                    "pick a baseline run of the same dataset"));
        }
        if (run.id().equals(baseline.id())) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.INVALID_INPUT,
                    "a run cannot be its own baseline", "pick an earlier run of the same dataset"));
        }
        List<CellDelta> deltas = new ArrayList<>();
        for (CellKey cell : runCells) {
            Collection<ItemResult> before = baselineItems.items(cell);
            deltas.add(new CellDelta(cell, before.isEmpty() ? Optional.empty()
                    : Optional.of(new McNemar().compare(before, runItems.items(cell)))));
        }
        return new BaselineComparison(run, baseline, deltas);
    }

    /** Compares two laid-out runs. */
    public static BaselineComparison of(RunComparison run, RunComparison baseline) {
        return of(run.run(), run.cells(), run::items, baseline.run(), baseline::items);
    }

    /** The delta of one cell, if the run has it. */
    public Optional<CellDelta> cell(CellKey key) {
        return cells.stream().filter(c -> c.cell().equals(key)).findFirst();
    }

    /** Every question that improved in some cell. */
    public Set<String> improved() {
        Set<String> out = new HashSet<>();
        cells.forEach(c -> out.addAll(c.improvements()));
        return out;
    }

    /** Every question that regressed in some cell. */
    public Set<String> regressed() {
        Set<String> out = new HashSet<>();
        cells.forEach(c -> out.addAll(c.regressions()));
        return out;
    }
}
