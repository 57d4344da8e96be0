package dev.querybench.app.runs;

import dev.querybench.app.text.VerdictKind;
import dev.querybench.engine.evaluation.RunProgress;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.stats.Accuracy;
import dev.querybench.engine.stats.CellSummary;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * How far the shown run is: the progress bar, the tally line, the item counts, one card per
 * (variant, model) and what the run used.
 *
 * <p>One count everywhere: the counts, the cards and the fraction all come from the items the
 * screen has listed (the per-cell tallies). The engine's {@link RunProgress} only lends its timing
 * (elapsed time and ETA): workers publish concurrently, so its counts can run ahead of the items a
 * batch carried.
 *
 * <p>The cards and the failure reasons change together, once per batch: {@link #failureCounts()}
 * first, then {@link #cards()}, so a listener on the cards alone sees both of the same batch.
 */
public final class RunProgressViewModel {

    /** Progress value that makes a progress bar show activity without a known fraction. */
    static final double INDETERMINATE = -1;

    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper shortProgressText = new ReadOnlyStringWrapper(this, "shortProgressText", "");
    /** Untrusted SQL of the shown run runs under a privileged account by opt-in: the warning, else empty. */
    private final ReadOnlyStringWrapper privilegedWarning = new ReadOnlyStringWrapper(this, "privilegedWarning", "");
    private final ReadOnlyIntegerWrapper totalItems = new ReadOnlyIntegerWrapper(this, "totalItems");
    private final ReadOnlyIntegerWrapper doneItems = new ReadOnlyIntegerWrapper(this, "doneItems");
    private final ReadOnlyIntegerWrapper passedItems = new ReadOnlyIntegerWrapper(this, "passedItems");
    private final ReadOnlyIntegerWrapper failedItems = new ReadOnlyIntegerWrapper(this, "failedItems");
    private final ReadOnlyIntegerWrapper errorItems = new ReadOnlyIntegerWrapper(this, "errorItems");
    private final ObservableList<CellCard> cards = FXCollections.observableArrayList();
    // Kept as a field: an unmodifiable view only forwards changes while someone holds it.
    private final ObservableList<CellCard> cardsView = FXCollections.unmodifiableObservableList(cards);
    private final ObservableList<FailureCount> failureCounts = FXCollections.observableArrayList();
    private final ObservableList<FailureCount> failureCountsView = FXCollections.unmodifiableObservableList(failureCounts);
    /** Listed items that did not pass, by failure category in words. */
    private final Map<String, Integer> failureTally = new HashMap<>();

    /** Per (variant, model) counts of the run in progress, in plan order. */
    private final Map<List<String>, CellTally> tallies = new LinkedHashMap<>();
    private final RunSpend spend;
    /** The newest timing the engine reported for the run in progress, or null. */
    private RunProgress timing;
    private Duration elapsed = Duration.ZERO;

    RunProgressViewModel(RunSpend spend) {
        this.spend = spend;
    }

    /** Nothing shown; the bar shows activity while the next run is prepared. */
    void reset() {
        tallies.clear();
        failureTally.clear();
        publish(List.of());
        spend.clear();
        timing = null;
        setCounts(0, 0, 0, 0, 0);
        privilegedWarning.set("");
        elapsed = Duration.ZERO;
        progress.set(INDETERMINATE);
        setProgress("", "");
    }

    /**
     * The run's plan is known: a cell per (variant, model). Nothing is shown until the batch that
     * carried the plan ends with {@link #refresh}: an empty card per cell and a zero tally, or the
     * counts of the items restored with it, in one change of the cards.
     */
    void plan(RunRecord run, String warning) {
        privilegedWarning.set(warning);
        totalItems.set(run.plannedItems());
        for (String variant : run.variants()) {
            for (String model : run.models()) {
                tallies.put(List.of(variant, model), new CellTally(variant, model, run.questionIds().size() * run.repeats()));
            }
        }
    }

    /** Counts one listed item on its cell and in what the run used. */
    void add(ItemResult item) {
        spend.add(item);
        countFailure(item);
        CellTally tally = tallies.get(List.of(item.key().variant(), item.key().model()));
        if (tally != null) {
            tally.add(item);
        }
    }

    /**
     * Shows the listed items' counts after a batch, with the newest of the engine's timings so far
     * ({@code reported} may be null or older than one already seen: workers publish out of order).
     */
    void refresh(RunProgress reported) {
        if (reported != null && (timing == null || reported.elapsed().compareTo(timing.elapsed()) > 0)) {
            timing = reported;
            elapsed = reported.elapsed();
        }
        publish(tallies.values().stream().map(CellTally::card).toList());
        int passed = 0;
        int failed = 0;
        int errors = 0;
        for (CellCard card : cards) {
            passed += card.passed();
            failed += card.failed();
            errors += card.errors();
        }
        int done = passed + failed + errors;
        int total = totalItems.get();
        progress.set(total == 0 ? 0 : Math.min(1.0, (double) done / total));
        setProgress(RunText.counts(done, total, passed, failed, errors),
                timing == null || timing.eta() == null ? "" : " · ETA " + RunText.duration(timing.eta()));
        setCounts(total, done, passed, failed, errors);
    }

    /** The run ended: cards, counts and what it used, from what it stored. */
    void finish(RunResults outcome) {
        List<ItemResult> items = outcome.items();
        Map<List<String>, CellSummary> cells = outcome.cells().stream()
                .collect(Collectors.toMap(c -> List.of(c.variant(), c.model()), Function.identity()));
        if (tallies.isEmpty()) {
            outcome.cells().forEach(c -> tallies.put(List.of(c.variant(), c.model()),
                    new CellTally(c.variant(), c.model(), outcome.run().questionIds().size() * outcome.run().repeats())));
        }
        failureTally.clear();
        items.forEach(this::countFailure);
        publish(tallies.entrySet().stream()
                .map(e -> cells.containsKey(e.getKey()) ? card(cells.get(e.getKey()), e.getValue().planned)
                        : e.getValue().card())
                .toList());
        int passed = 0;
        int failed = 0;
        int errors = 0;
        for (ItemResult item : items) {
            switch (item.outcome()) {
                case PASS -> passed++;
                case FAIL -> failed++;
                case ERROR -> errors++;
            }
        }
        int total = outcome.run().plannedItems();
        setCounts(total, items.size(), passed, failed, errors);
        spend.clear();
        items.forEach(spend::add);
        privilegedWarning.set(outcome.privilegedWarning());
        progress.set(total == 0 ? 1 : (double) items.size() / total);
    }

    /** The tally line of an ended run, ending with {@code tail} (" · took 12s"). */
    void showTally(String tail) {
        setProgress(RunText.counts(doneItems.get(), totalItems.get(), passedItems.get(), failedItems.get(),
                errorItems.get()), tail);
    }

    /** The run failed: the bar stays at what was done. */
    void stop() {
        progress.set(totalItems.get() == 0 ? 0 : (double) doneItems.get() / totalItems.get());
    }

    Duration elapsed() {
        return elapsed;
    }

    /** A stored run's time: from its start to its last finished item. */
    void setElapsed(dev.querybench.engine.evaluation.RunResults stored) {
        this.elapsed = stored.items().stream().map(dev.querybench.engine.run.ItemResult::finishedAt)
                .max(java.util.Comparator.naturalOrder())
                .map(last -> Duration.between(stored.run().createdAt(), last)).filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
    }

    /** The full progress line with what the run used, and the short one for the status bar. */
    private void setProgress(String counts, String tail) {
        progressText.set(counts.isEmpty() ? "" : counts + spend.text() + tail);
        shortProgressText.set(counts.isEmpty() ? "" : counts + tail);
    }

    private void countFailure(ItemResult item) {
        if (item.outcome() != Outcome.PASS) {
            FailureCategory category = item.verdict().failureCategory();
            failureTally.merge(ResultRow.categoryLabel(VerdictKind.valueOf(item.outcome().name()),
                    category == null ? "" : category.id()), 1, Integer::sum);
        }
    }

    /** The failure reasons, then the cards: one change of the cards per batch, with the reasons already current. */
    private void publish(List<CellCard> shown) {
        failureCounts.setAll(failureTally.entrySet().stream()
                .map(e -> new FailureCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(FailureCount::count).reversed().thenComparing(FailureCount::label))
                .toList());
        cards.setAll(shown);
    }

    private void setCounts(int total, int done, int passed, int failed, int errors) {
        totalItems.set(total);
        doneItems.set(done);
        passedItems.set(passed);
        failedItems.set(failed);
        errorItems.set(errors);
    }

    private static CellCard card(CellSummary cell, int planned) {
        Accuracy accuracy = cell.accuracy();
        return new CellCard(cell.variant(), cell.model(), cell.passed(), cell.failed(), cell.errors(), planned,
                accuracy.value(), accuracy.low(), accuracy.high(), cell.latencyP50Ms(),
                cell.inputTokens() + cell.outputTokens());
    }

    // ---- properties

    /** Fraction done, or a negative value while the run is being prepared. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "34/108 · pass 20 · fail 12 · error 2 · 12.3k tokens · $0.0123 · 34 judged · ETA 12s". */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** "34/108 · pass 20 · fail 12 · error 2 · ETA 12s", for the status bar. */
    public ReadOnlyStringProperty shortProgressTextProperty() {
        return shortProgressText.getReadOnlyProperty();
    }

    /**
     * The warning shown above the shown run's results when its untrusted SQL runs under a privileged
     * account by opt-in ({@code allowPrivilegedAccount: true}); empty otherwise.
     */
    public ReadOnlyStringProperty privilegedWarningProperty() {
        return privilegedWarning.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalItemsProperty() {
        return totalItems.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty doneItemsProperty() {
        return doneItems.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty passedItemsProperty() {
        return passedItems.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty failedItemsProperty() {
        return failedItems.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty errorItemsProperty() {
        return errorItems.getReadOnlyProperty();
    }

    /** One card per (variant, model), in plan order. */
    public ObservableList<CellCard> cards() {
        return cardsView;
    }

    /** Why items failed, most frequent first; empty while nothing failed. Current whenever {@link #cards()} changes. */
    public ObservableList<FailureCount> failureCounts() {
        return failureCountsView;
    }
}
