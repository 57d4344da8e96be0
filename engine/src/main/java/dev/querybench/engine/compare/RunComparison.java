package dev.querybench.engine.compare;

import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.run.RunStore;
import dev.querybench.engine.stats.Accuracy;
import dev.querybench.engine.stats.CellSummary;
import dev.querybench.engine.stats.McNemar;
import dev.querybench.engine.stats.RunSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stored run laid out for side-by-side reading: its questions in plan order, its cells
 * (variant × model) in plan order with their figures, each item by (question, cell) and each
 * cell's items in plan order, and the
 * paired test between any two cells. Only the first repeat of each item is laid out; the
 * figures count every repeat. Immutable and thread-safe.
 */
public final class RunComparison {

    private final RunRecord run;
    private final List<Question> questions;
    private final List<CellKey> cells;
    private final Map<CellKey, CellSummary> summaries;
    private final Map<CellKey, List<ItemResult>> itemsByCell;
    private final Map<CellKey, Map<String, ItemResult>> firstRepeat;
    private final List<String> privilegedAccounts;

    private RunComparison(RunRecord run, List<Question> questions, List<CellKey> cells,
            Map<CellKey, CellSummary> summaries, Map<CellKey, List<ItemResult>> itemsByCell,
            Map<CellKey, Map<String, ItemResult>> firstRepeat, List<String> privilegedAccounts) {
        this.run = run;
        this.privilegedAccounts = List.copyOf(privilegedAccounts);
        this.questions = List.copyOf(questions);
        this.cells = List.copyOf(cells);
        this.summaries = summaries;
        this.itemsByCell = itemsByCell;
        this.firstRepeat = firstRepeat;
    }

    /**
     * Reads run {@code runId} from the store.
     *
     * @param dataset the workspace's dataset, for question texts, gold SQL, difficulty and tags
     * @throws QueryBenchException when the store has no such run
     */
    public static RunComparison load(RunStore store, String runId, Dataset dataset) {
        RunRecord run = store.run(runId).orElseThrow(() -> new QueryBenchException(ErrorResponse.of(
                ErrorCategory.INVALID_INPUT, "there is no stored run " + runId,
                "pick a run from the list of stored runs")));
        RunComparison laidOut = of(run, store.items(runId), dataset);
        return new RunComparison(run, laidOut.questions, laidOut.cells, laidOut.summaries, laidOut.itemsByCell,
                laidOut.firstRepeat, store.privilegedAccounts(runId));
    }

    /** Lays out {@code items} of {@code run}; questions the dataset no longer has are shown by id. */
    public static RunComparison of(RunRecord run, List<ItemResult> items, Dataset dataset) {
        List<CellKey> cells = new ArrayList<>();
        for (String variant : run.variants()) {
            for (String model : run.models()) {
                cells.add(new CellKey(variant, model));
            }
        }
        Map<CellKey, List<ItemResult>> byCell = new LinkedHashMap<>();
        Map<CellKey, Map<String, ItemResult>> first = new HashMap<>();
        for (CellKey cell : cells) {
            byCell.put(cell, new ArrayList<>());
            first.put(cell, new HashMap<>());
        }
        for (ItemResult item : items) {
            CellKey cell = new CellKey(item.key().variant(), item.key().model());
            if (!byCell.containsKey(cell)) {
                cells.add(cell);
                byCell.put(cell, new ArrayList<>());
                first.put(cell, new HashMap<>());
            }
            byCell.get(cell).add(item);
            if (item.key().repeat() == 0) {
                first.get(cell).put(item.key().questionId(), item);
            }
        }
        Map<CellKey, CellSummary> summaries = new HashMap<>();
        RunSummary summary = new RunSummary();
        for (CellKey cell : cells) {
            List<CellSummary> one = summary.cells(byCell.get(cell));
            // Figures do not depend on item order; the items are sorted into plan order below.
            summaries.put(cell, one.isEmpty()
                    ? new CellSummary(cell.variant(), cell.model(), 0, 0, 0, 0, Accuracy.of(0, 0), 0, 0, 0, 0, 0, 0, 0,
                            Map.of(), 0, java.math.BigDecimal.ZERO)
                    : one.getFirst());
        }
        List<Question> questions = new ArrayList<>();
        for (String id : run.questionIds()) {
            questions.add(dataset.question(id).orElseGet(() -> new Question(id,
                    "(question " + id + " is no longer in dataset " + dataset.name() + ")",
                    List.of("-- gold SQL unknown"), "", List.of(), "")));
        }
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < run.questionIds().size(); i++) {
            order.put(run.questionIds().get(i), i);
        }
        java.util.Comparator<ItemResult> planOrder = java.util.Comparator
                .<ItemResult>comparingInt(item -> order.getOrDefault(item.key().questionId(), Integer.MAX_VALUE))
                .thenComparingInt(item -> item.key().repeat());
        Map<CellKey, List<ItemResult>> frozen = new LinkedHashMap<>();
        byCell.forEach((k, v) -> frozen.put(k, v.stream().sorted(planOrder).toList()));
        return new RunComparison(run, questions, cells, summaries, frozen, first, List.of());
    }

    /**
     * The run's privileged-account lines as stored ({@link RunStore#privilegedAccounts(String)}); empty for
     * a comparison laid out from items alone.
     */
    public List<String> privilegedAccounts() {
        return privilegedAccounts;
    }

    public RunRecord run() {
        return run;
    }

    /** The run's questions in plan order. */
    public List<Question> questions() {
        return questions;
    }

    /** Variant × model cells in plan order. */
    public List<CellKey> cells() {
        return cells;
    }

    /** A cell's figures over every repeat; zeros for a cell without items. */
    public CellSummary summary(CellKey cell) {
        CellSummary s = summaries.get(cell);
        if (s == null) {
            throw new IllegalArgumentException("run " + run.id() + " has no cell " + cell.label());
        }
        return s;
    }

    /** The item (first repeat) of a question in a cell, if it finished. */
    public Optional<ItemResult> item(String questionId, CellKey cell) {
        Map<String, ItemResult> items = firstRepeat.get(cell);
        return items == null ? Optional.empty() : Optional.ofNullable(items.get(questionId));
    }

    /** Every finished item of a cell, all repeats. */
    public List<ItemResult> items(CellKey cell) {
        return itemsByCell.getOrDefault(cell, List.of());
    }

    /** True when the finished cells of this question do not all have the same outcome. */
    public boolean disagree(String questionId) {
        Outcome seen = null;
        for (CellKey cell : cells) {
            Optional<ItemResult> item = item(questionId, cell);
            if (item.isPresent()) {
                if (seen != null && seen != item.get().outcome()) {
                    return true;
                }
                seen = item.get().outcome();
            }
        }
        return false;
    }

    /** The run as the report exporters take it: items in plan order (question, variant, model, repeat). */
    public dev.querybench.engine.evaluation.RunResults results() {
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < run.questionIds().size(); i++) {
            order.put(run.questionIds().get(i), i);
        }
        List<ItemResult> all = new ArrayList<>();
        cells.forEach(c -> all.addAll(items(c)));
        List<CellKey> cellOrder = cells;
        all.sort(java.util.Comparator
                .<ItemResult>comparingInt(i -> order.getOrDefault(i.key().questionId(), Integer.MAX_VALUE))
                .thenComparingInt(i -> cellOrder.indexOf(new CellKey(i.key().variant(), i.key().model())))
                .thenComparingInt(i -> i.key().repeat()));
        return new dev.querybench.engine.evaluation.RunResults(run, all, new RunSummary().cells(all), 0, List.of(),
                privilegedAccounts);
    }

    /** A's and B's figures and the exact McNemar test between them. */
    public PairComparison compare(CellKey a, CellKey b) {
        McNemar.Result test = new McNemar().compare(items(a), items(b));
        return new PairComparison(a, b, summary(a).accuracy(), summary(b).accuracy(), test);
    }

    /**
     * The pair of cells a comparison opens with: of the pairs on the same model (two variants),
     * the one with the most questions judged in both, so the test has the most to go on; ties go
     * to the earlier pair in plan order. A run with one model per variant falls back to the
     * best-populated pair of any cells. Empty for a run with fewer than two cells.
     *
     * @return indexes into {@link #cells()}, A first
     */
    public Optional<int[]> defaultPair() {
        int[] best = null;
        int bestPairs = -1;
        boolean bestSameModel = false;
        for (int i = 0; i < cells.size(); i++) {
            for (int j = i + 1; j < cells.size(); j++) {
                boolean sameModel = cells.get(i).model().equals(cells.get(j).model());
                int pairs = new McNemar().compare(items(cells.get(i)), items(cells.get(j))).pairs();
                boolean better = best == null || (sameModel && !bestSameModel)
                        || (sameModel == bestSameModel && pairs > bestPairs);
                if (better) {
                    best = new int[] {i, j};
                    bestPairs = pairs;
                    bestSameModel = sameModel;
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
