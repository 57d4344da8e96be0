package dev.querybench.app.runs;

import dev.querybench.app.compare.ComparisonViewModel;
import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.text.CostRule;
import dev.querybench.app.text.Wording;
import dev.querybench.engine.compare.CellResults;
import dev.querybench.engine.compare.RunComparison;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.session.WorkspaceSession;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Runs section: the run screen, the list of stored runs, and the comparisons opened from
 * either, each in its own tab. Reading a run from the store happens on the {@link TaskRunner}.
 */
public final class RunsViewModel {

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final WorkspaceSession session;
    private final RunViewModel runs;
    private final TaskRunner tasks;
    private final ObservableList<StoredRun> storedRuns = FXCollections.observableArrayList();
    private final ObservableList<StoredRun> storedRunsView = FXCollections.unmodifiableObservableList(storedRuns);
    private final ObservableList<ComparisonViewModel> comparisons = FXCollections.observableArrayList();
    private final ObservableList<ComparisonViewModel> comparisonsView = FXCollections.unmodifiableObservableList(comparisons);
    private final ObjectProperty<ComparisonViewModel> selectedComparison =
            new SimpleObjectProperty<>(this, "selectedComparison");
    private final ObjectProperty<StoredRun> selectedRun = new SimpleObjectProperty<>(this, "selectedRun");
    private final ReadOnlyStringWrapper historyText = new ReadOnlyStringWrapper(this, "historyText", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper canCompareLatest = new ReadOnlyBooleanWrapper(this, "canCompareLatest");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private TaskRunner.Job figuresJob;
    private final ChangeListener<RunPhase> runEnded = (obs, was, is) -> {
        if (was.isActive() && !is.isActive()) {
            refresh();
        }
    };

    public RunsViewModel(WorkspaceSession session, RunViewModel runs, TaskRunner tasks) {
        this.session = session;
        this.runs = runs;
        this.tasks = tasks;
        canCompareLatest.bind(Bindings.createBooleanBinding(() -> !runs.runIdProperty().get().isEmpty()
                && (runs.phaseProperty().get() == RunPhase.FINISHED || runs.phaseProperty().get() == RunPhase.CANCELLED
                        || runs.phaseProperty().get() == RunPhase.INCOMPLETE),
                runs.runIdProperty(), runs.phaseProperty()));
    }

    public void activate() {
        runs.phaseProperty().addListener(runEnded);
        refresh();
    }

    public void deactivate() {
        runs.phaseProperty().removeListener(runEnded);
        if (figuresJob != null) {
            figuresJob.cancel();
        }
    }

    // ---- intents

    /** Reads the list of stored runs again. */
    public void refresh() {
        tasks.submit(() -> session.runStore().runs(), list -> {
            storedRuns.setAll(list.stream().map(RunsViewModel::stored).toList());
            readFigures(list);
            if (!list.isEmpty()) {
                runs.showStored(list.getFirst());
            }
            historyText.set(list.isEmpty() ? "No stored runs yet. Start one on the Run tab (Ctrl+R)."
                    : Wording.plural(list.size(), "stored run")
                            + ". Click a column title to sort; double-click a run or press Open to compare its columns.");
        }, failure -> historyText.set("The stored runs could not be read: " + Explanation.of(failure).oneLine()));
    }

    /** Opens run {@code runId} in a comparison tab, or selects its tab when it is open already. */
    public void openComparison(String runId) {
        Optional<ComparisonViewModel> open = comparisons.stream().filter(c -> c.runId().equals(runId)).findFirst();
        if (open.isPresent()) {
            selectedComparison.set(open.get());
            return;
        }
        problem.set("");
        loading.set(true);
        tasks.submit(() -> RunComparison.load(session.runStore(), runId, session.workspace().dataset()), comparison -> {
            loading.set(false);
            ComparisonViewModel vm = new ComparisonViewModel(comparison, comparisonServices(), tasks);
            comparisons.add(vm);
            selectedComparison.set(vm);
        }, failure -> {
            loading.set(false);
            problem.set("Run " + runId + " could not be opened: " + Explanation.of(failure).oneLine());
        });
    }

    /** What a comparison tab reads besides its run: results, prices, earlier runs, traces. */
    private ComparisonViewModel.Services comparisonServices() {
        return new ComparisonViewModel.Services(
                new CellResults(question -> session.databases().of(question).main().executor(), session.queryLimits()),
                costRule(session), () -> session.runStore().runs(),
                id -> RunComparison.load(session.runStore(), id, session.workspace().dataset()), session::traceLinks);
    }

    /** A model's cost is known only when the workspace's price table has a price for it. */
    public static CostRule costRule(WorkspaceSession session) {
        return new CostRule(model -> {
            try {
                return session.prices().price(session.modelProfile(model, null).spec()).isPresent();
            } catch (RuntimeException unknownModel) {
                return session.prices().price(model).isPresent();
            }
        });
    }

    /** Opens the selected stored run. */
    public void openSelected() {
        if (selectedRun.get() != null) {
            openComparison(selectedRun.get().id());
        }
    }

    /** Opens the run the run screen just finished. */
    public void compareLatest() {
        if (canCompareLatest.get()) {
            openComparison(runs.runIdProperty().get());
        }
    }

    public void close(ComparisonViewModel comparison) {
        comparison.clearSelection();
        comparisons.remove(comparison);
        if (selectedComparison.get() == comparison) {
            selectedComparison.set(comparisons.isEmpty() ? null : comparisons.getLast());
        }
    }

    private static StoredRun stored(RunRecord r) {
        return new StoredRun(r.id(), r.createdAt(), STARTED.format(r.createdAt().atZone(ZoneId.systemDefault())),
                String.join(", ", r.variants()), String.join(", ", r.models()), r.questionIds().size(), r.status());
    }

    /** Reads each listed run's items in the background and fills in its accuracy and cost, newest first. */
    private void readFigures(List<RunRecord> list) {
        if (figuresJob != null) {
            figuresJob.cancel();
        }
        CostRule costs = costRule(session);
        figuresJob = tasks.<Void, StoredRun>submit(context -> {
            for (RunRecord r : list) {
                if (context.isCancelled()) {
                    break;
                }
                var items = session.runStore().items(r.id());
                context.publish(withFigures(stored(r).withAnswered(items.size(), r.plannedItems()), items, costs));
            }
            return null;
        }, updates -> updates.forEach(update -> {
            for (int i = 0; i < storedRuns.size(); i++) {
                if (storedRuns.get(i).id().equals(update.id())) {
                    storedRuns.set(i, update);
                }
            }
        }), done -> { }, failure -> { });
    }

    /** The best cell's accuracy, and the cost under the workbench's one cost rule. */
    static StoredRun withFigures(StoredRun run, List<dev.querybench.engine.run.ItemResult> items, CostRule costs) {
        var cells = new dev.querybench.engine.stats.RunSummary().cells(items);
        // The first of equally good cells, in plan order.
        java.util.Optional<dev.querybench.engine.stats.CellSummary> best = java.util.Optional.empty();
        for (var cell : cells) {
            if (cell.accuracy().total() > 0
                    && (best.isEmpty() || cell.accuracy().value() > best.get().accuracy().value())) {
                best = java.util.Optional.of(cell);
            }
        }
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        boolean known = true;
        for (var item : items) {
            known &= costs.known(item.key().model(), item.cost());
            if (item.cost() != null) {
                total = total.add(item.cost());
            }
            if (item.judge() != null) {
                known &= costs.known(item.judge().model(), item.judge().cost());
                total = item.judge().cost() == null ? total : total.add(item.judge().cost());
            }
        }
        known &= !items.isEmpty();
        return run.withFigures(best.map(c -> c.accuracy().value()).orElse(Double.NaN),
                best.map(c -> String.format(Locale.ROOT, "%.1f%%", 100 * c.accuracy().value())
                        + (cells.size() > 1 ? " (" + c.variant() + " · " + c.model() + ")" : "")).orElse("—"),
                known ? total.doubleValue() : Double.NaN,
                known ? dev.querybench.app.text.Figures.dollars(total) : items.isEmpty() ? "—" : "cost unknown");
    }

    // ---- properties

    public RunViewModel runScreen() {
        return runs;
    }

    public ObservableList<StoredRun> storedRuns() {
        return storedRunsView;
    }

    public ObservableList<ComparisonViewModel> comparisons() {
        return comparisonsView;
    }

    /** The comparison whose tab is in front, or null when the run screen or history is. */
    public ObjectProperty<ComparisonViewModel> selectedComparisonProperty() {
        return selectedComparison;
    }

    public ObjectProperty<StoredRun> selectedRunProperty() {
        return selectedRun;
    }

    public ReadOnlyStringProperty historyTextProperty() {
        return historyText.getReadOnlyProperty();
    }

    /** Why the last run could not be opened, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canCompareLatestProperty() {
        return canCompareLatest.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
