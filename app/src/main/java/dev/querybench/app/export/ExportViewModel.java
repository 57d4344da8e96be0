package dev.querybench.app.export;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.engine.compare.RunComparison;
import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.report.ReportDetails;
import dev.querybench.engine.report.ReportWriter;
import dev.querybench.engine.run.RunStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The export dialog over the engine's report writer: pick formats and a folder, write the run
 * in the background, then hand the main file (the HTML report when there is one) to be opened.
 */
public final class ExportViewModel {

    private static final Map<String, String> LABELS = Map.of("json", "JSON (everything)", "csv", "CSV (one row per item)",
            "md", "Markdown report", "html", "HTML report", "jsonl", "Fine-tuning JSONL (correct items)");

    private final String runId;
    private final RunStore store;
    private final Dataset dataset;
    private final TaskRunner tasks;
    private final java.util.function.Function<RunComparison, ReportDetails> details;
    private final List<FormatOption> formats;
    private final StringProperty folder = new SimpleStringProperty(this, "folder");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper canExport = new ReadOnlyBooleanWrapper(this, "canExport");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyStringWrapper errorText = new ReadOnlyStringWrapper(this, "errorText", "");
    private final ObservableList<String> written = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Path> toOpen = new ReadOnlyObjectWrapper<>(this, "toOpen");

    /** An export whose HTML report has the dataset's question texts but no result samples (tests). */
    public ExportViewModel(String runId, RunStore store, Dataset dataset, Path defaultFolder, TaskRunner tasks) {
        this(runId, store, dataset, run -> ReportDetails.of(dataset, null, null), defaultFolder, tasks);
    }

    /**
     * @param details what the HTML report shows beyond the items, given the laid-out run (built on the
     *     task runner: samples run SQL, a baseline reads the store)
     */
    public ExportViewModel(String runId, RunStore store, Dataset dataset,
            java.util.function.Function<RunComparison, ReportDetails> details, Path defaultFolder, TaskRunner tasks) {
        this.details = details;
        this.runId = runId;
        this.store = store;
        this.dataset = dataset;
        this.tasks = tasks;
        this.formats = new ReportWriter().formats().stream()
                .map(f -> new FormatOption(f, LABELS.getOrDefault(f, f), f.equals("html") || f.equals("csv"))).toList();
        folder.set(defaultFolder.toString());
        Observable[] deps = formats.stream().map(FormatOption::selectedProperty).toArray(Observable[]::new);
        canExport.bind(running.not().and(folder.isNotEmpty()).and(Bindings.createBooleanBinding(
                () -> formats.stream().anyMatch(f -> f.selectedProperty().get()), deps)));
    }

    /** Writes the chosen formats; when done, {@link #toOpenProperty} names the file to open. */
    public void export() {
        if (!canExport.get()) {
            return;
        }
        List<String> chosen = formats.stream().filter(f -> f.selectedProperty().get()).map(FormatOption::id).toList();
        Path target = Path.of(folder.get().strip());
        running.set(true);
        errorText.set("");
        statusText.set("Writing " + String.join(", ", chosen) + "…");
        tasks.submit(() -> {
            RunComparison run = RunComparison.load(store, runId, dataset);
            return new ReportWriter(details.apply(run)).write(run.results(), target, chosen);
        }, files -> {
            running.set(false);
            written.setAll(files.stream().map(Path::toString).toList());
            statusText.set("Wrote " + files.size() + (files.size() == 1 ? " file" : " files") + " to " + target + ".");
            toOpen.set(files.stream().filter(p -> p.toString().endsWith(".html")).findFirst()
                    .orElse(files.isEmpty() ? target : files.getFirst()));
        }, failure -> {
            running.set(false);
            statusText.set("");
            errorText.set(Explanation.of(failure).oneLine());
        });
    }

    public String title() {
        return "Export run " + runId;
    }

    public List<FormatOption> formats() {
        return formats;
    }

    public StringProperty folderProperty() {
        return folder;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canExportProperty() {
        return canExport.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorTextProperty() {
        return errorText.getReadOnlyProperty();
    }

    public ObservableList<String> written() {
        return written;
    }

    /** The file to open once the export is done (the HTML report when written), or null. */
    public ReadOnlyObjectProperty<Path> toOpenProperty() {
        return toOpen.getReadOnlyProperty();
    }

    /**
     * What the workbench's HTML report shows beyond the items: question texts, five rows of both
     * results from each question's database, and the run against {@code baselineRunId} when not blank.
     */
    public static java.util.function.Function<RunComparison, ReportDetails> sessionDetails(
            dev.querybench.engine.session.WorkspaceSession session, String baselineRunId) {
        return run -> {
            var samples = new dev.querybench.engine.compare.CellResults(
                    q -> session.databases().of(q).main().executor(), new dev.querybench.engine.db.QueryLimits(
                            session.queryLimits().timeout(), ReportDetails.SAMPLE_ROWS));
            var baseline = baselineRunId == null || baselineRunId.isBlank() ? null
                    : dev.querybench.engine.compare.BaselineComparison.of(run,
                            RunComparison.load(session.runStore(), baselineRunId, session.workspace().dataset()));
            return ReportDetails.of(session.workspace().dataset(), samples, baseline);
        };
    }
}
