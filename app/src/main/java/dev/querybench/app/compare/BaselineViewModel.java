package dev.querybench.app.compare;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.engine.compare.BaselineComparison;
import dev.querybench.engine.compare.RunComparison;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.stats.McNemar;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The run against an earlier run of the same dataset: the earlier runs to pick from, and once one
 * is picked, per cell the difference, the exact McNemar p-value and the questions that improved
 * and regressed ({@link BaselineComparison}, the pairing {@code querybench run --baseline} uses).
 * Stored runs are read on the {@link TaskRunner}. Call from the UI thread only.
 */
public final class BaselineViewModel {

    /** A run offered as baseline. */
    public record Choice(String runId, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** The choice that means "no baseline". */
    public static final Choice NONE = new Choice("", "No baseline");
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final RunComparison run;
    private final Supplier<List<RunRecord>> storedRuns;
    private final Function<String, RunComparison> loader;
    private final TaskRunner tasks;
    private final ObservableList<Choice> choices = FXCollections.observableArrayList(NONE);
    private final ObjectProperty<Choice> baseline = new SimpleObjectProperty<>(this, "baseline", NONE);
    private final ReadOnlyObjectWrapper<BaselineComparison> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private TaskRunner.Job job;

    /**
     * @param storedRuns the workspace's stored runs, newest first (read on the task runner)
     * @param loader lays out a stored run by id (read on the task runner)
     */
    BaselineViewModel(RunComparison run, Supplier<List<RunRecord>> storedRuns, Function<String, RunComparison> loader,
            TaskRunner tasks) {
        this.run = run;
        this.storedRuns = storedRuns;
        this.loader = loader;
        this.tasks = tasks;
        baseline.addListener((obs, was, is) -> load(is));
    }

    /** Reads the earlier runs of the same dataset to offer. */
    public void activate() {
        tasks.submit(() -> storedRuns.get().stream()
                .filter(r -> r.dataset().equals(run.run().dataset()) && !r.id().equals(run.run().id()))
                .map(r -> new Choice(r.id(), r.id() + " · " + STARTED.format(r.createdAt().atZone(ZoneId.systemDefault()))
                        + " · " + String.join(", ", r.variants())))
                .toList(), found -> {
                    List<Choice> all = new ArrayList<>(List.of(NONE));
                    all.addAll(found);
                    choices.setAll(all);
                }, failure -> summary.set("The stored runs could not be read: " + Explanation.of(failure).oneLine()));
    }

    /** Picks the baseline by run id ("" for none). */
    public void pick(String runId) {
        baseline.set(choices.stream().filter(c -> c.runId().equals(runId)).findFirst()
                .orElse(runId.isEmpty() ? NONE : new Choice(runId, runId)));
    }

    private void load(Choice choice) {
        if (job != null) {
            job.cancel();
        }
        if (choice == null || choice.runId().isEmpty()) {
            result.set(null);
            summary.set("");
            return;
        }
        summary.set("Reading run " + choice.runId() + "…");
        job = tasks.submit(() -> BaselineComparison.of(run, loader.apply(choice.runId())), found -> {
            if (baseline.get() == choice) {
                result.set(found);
                summary.set(describe(found));
            }
        }, failure -> {
            if (baseline.get() == choice) {
                result.set(null);
                summary.set("Run " + choice.runId() + " cannot be the baseline: " + Explanation.of(failure).oneLine());
            }
        });
    }

    /** "vs 2026…: ddl-basic · m +3.7 pts, McNemar p = 0.289, 6 improved, 2 regressed; …". */
    static String describe(BaselineComparison found) {
        List<String> parts = new ArrayList<>();
        for (BaselineComparison.CellDelta delta : found.cells()) {
            if (delta.test().isEmpty()) {
                parts.add(delta.cell().label() + ": not in the baseline");
                continue;
            }
            McNemar.Result r = delta.test().get();
            parts.add(String.format(Locale.ROOT, "%s: %+.1f pts, McNemar p = %s, %d improved, %d regressed",
                    delta.cell().label(), r.differencePoints(), CardStripViewModel.pValue(r.pValue()),
                    r.aWrongBRight().size(), r.aRightBWrong().size()));
        }
        return "Against run " + found.baseline().id() + ": " + String.join(" · ", parts);
    }

    /** "▲" when a column improved on the question, "▼" when one regressed, "▲▼" for both, else "". */
    public String mark(String questionId) {
        BaselineComparison found = result.get();
        if (found == null) {
            return "";
        }
        return (found.improved().contains(questionId) ? "▲" : "") + (found.regressed().contains(questionId) ? "▼" : "");
    }

    Set<String> improved() {
        return result.get() == null ? Set.of() : result.get().improved();
    }

    Set<String> regressed() {
        return result.get() == null ? Set.of() : result.get().regressed();
    }

    // ---- properties

    /** "No baseline" and the earlier runs of the same dataset, newest first. */
    public ObservableList<Choice> choices() {
        return choices;
    }

    public ObjectProperty<Choice> baselineProperty() {
        return baseline;
    }

    /** The comparison with the picked baseline, or null. */
    public ReadOnlyObjectProperty<BaselineComparison> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** One line per cell against the baseline, or empty without one. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
