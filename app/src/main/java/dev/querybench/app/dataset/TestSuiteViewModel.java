package dev.querybench.app.dataset;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.engine.session.WorkspaceTestSuite;
import dev.querybench.engine.testsuite.TestSuiteBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Datasets screen's test-suite generator (docs/testsuite.md): builds a distilled test suite for
 * the dataset's SQLite databases with the engine's {@link WorkspaceTestSuite}, as {@code querybench
 * dataset testsuite} does, in the background; shows how far it is (questions whose neighbours are
 * all caught, databases kept so far), can be cancelled, and then lists per question the neighbours
 * caught and the ones that survive, and where the instances were written. A database profile's
 * suite is listed under its {@code instances:}. Available only when a database of the dataset is on
 * SQLite; says why otherwise.
 */
public final class TestSuiteViewModel {

    private final WorkspaceTestSuite suites;
    private final TestSuiteBuilder.Settings settings;
    private final TaskRunner tasks;

    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available");
    private final ReadOnlyStringWrapper availability = new ReadOnlyStringWrapper(this, "availability",
            "Checking which databases can get a test suite…");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status",
            "Generate random databases that catch the wrong queries this database lets through.");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ReadOnlyStringWrapper written = new ReadOnlyStringWrapper(this, "written", "");
    private final ObservableList<TestSuiteRow> rows = FXCollections.observableArrayList();
    private final ObservableList<TestSuiteRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private TaskRunner.Job job;

    /** @param settings seed and limits of every build (the command's defaults in the workbench) */
    public TestSuiteViewModel(WorkspaceTestSuite suites, TestSuiteBuilder.Settings settings, TaskRunner tasks) {
        this.suites = suites;
        this.settings = settings;
        this.tasks = tasks;
    }

    /** Finds out in the background whether a database of the dataset can get a suite. */
    public void activate() {
        tasks.submit(suites::unsupported, (Optional<String> why) -> {
            available.set(why.isEmpty());
            availability.set(why.orElse("Generate a test suite for the dataset's SQLite databases: random databases"
                    + " that catch neighbours of each gold query that pass on the database itself."));
        }, failure -> {
            available.set(false);
            availability.set("Cannot tell which databases can get a test suite: " + failure.getMessage());
        });
    }

    /** Stops a build; the suite built before stays and a new build resumes from the candidates tried. */
    public void cancel() {
        if (job != null) {
            job.cancel();
        }
    }

    /** Starts a build of every database's suite. */
    public void generate() {
        if (running.get() || !available.get()) {
            return;
        }
        running.set(true);
        failed.set(false);
        progress.set(0);
        rows.clear();
        written.set("");
        status.set("Starting…");
        job = tasks.<WorkspaceTestSuite.Outcome, TestSuiteBuilder.Step>submit(context -> suites.build(
                suites.questionsByDatabase(List.of()), settings, true, line -> stopIfCancelled(context), step -> {
                    stopIfCancelled(context);
                    context.publish(step);
                }),
                batch -> showStep(batch.getLast()),
                this::showOutcome,
                failure -> {
                    running.set(false);
                    failed.set(!(failure instanceof CancellationException));
                    status.set(failure instanceof CancellationException
                            ? "Cancelled. The suite built before stays; the next build reuses the candidates tried."
                            : "The test suite could not be generated: " + failure.getMessage());
                });
    }

    private static void stopIfCancelled(TaskRunner.Context<?> context) {
        if (context.isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }

    private void showStep(TestSuiteBuilder.Step step) {
        if (step.candidatesTried() == 0) {
            progress.set(0.2 * step.questionsDone() / Math.max(1, step.questions()));
            status.set(String.format(Locale.ROOT, "%s: running the neighbours of question %d of %d on the database…",
                    step.database(), step.questionsDone() + 1, step.questions()));
            return;
        }
        progress.set(0.2 + 0.8 * step.candidatesTried() / Math.max(1, step.candidates()));
        status.set(String.format(Locale.ROOT, "%s: %d of %d questions done (every neighbour caught) · %d of %d"
                + " neighbours caught · %d %s kept · candidate %d of at most %d", step.database(), step.questionsDone(),
                step.questions(), step.caught(), step.toCatch(), step.useful(),
                step.useful() == 1 ? "database" : "databases", step.candidatesTried(), step.candidates()));
    }

    private void showOutcome(WorkspaceTestSuite.Outcome outcome) {
        running.set(false);
        progress.set(1);
        List<TestSuiteRow> out = new ArrayList<>();
        List<String> where = new ArrayList<>();
        int caught = 0;
        int toCatch = 0;
        int instances = 0;
        for (TestSuiteBuilder.DatabaseReport report : outcome.reports()) {
            for (TestSuiteBuilder.QuestionReport q : report.questions()) {
                out.add(new TestSuiteRow(q.questionId(), q.killedBySuite(), q.passOnOriginal(), q.survivors().stream()
                        .map(s -> s.change() + " — " + s.sql().replaceAll("\\s+", " ").strip()).toList(), q.problem()));
            }
            caught += report.killedBySuite();
            toCatch += report.passOnOriginal();
            instances += report.instances().size();
            where.add(where(report, outcome.savedTo().contains(report.database())));
        }
        rows.setAll(out);
        outcome.problems().forEach(p -> where.add(p.message()));
        failed.set(!outcome.problems().isEmpty());
        written.set(String.join("\n", where) + "\nReport: " + outcome.reportFolder().resolve("testsuite-report.md"));
        status.set(outcome.reports().isEmpty() ? "No database got a test suite."
                : String.format(Locale.ROOT, "%d %s catch %d of the %d neighbours that pass on the database itself"
                        + " (%.1f%%).", instances, instances == 1 ? "instance" : "instances", caught, toCatch,
                        toCatch == 0 ? 100.0 : 100.0 * caught / toCatch));
    }

    private String where(TestSuiteBuilder.DatabaseReport report, boolean saved) {
        if (report.instances().isEmpty()) {
            return report.database() + ": no instance catches anything the database lets through.";
        }
        Path folder = report.instances().getFirst().file().toAbsolutePath().getParent();
        long kb = report.instances().stream().mapToLong(TestSuiteBuilder.InstanceReport::bytes).sum() / 1024;
        return report.database() + ": " + report.instances().size() + " instances (" + kb + " KB) in " + folder
                + (saved ? ", now listed under instances: in " + suites.configFile().getFileName()
                        : ", the instances of the database");
    }

    // ---- properties

    /** False when no database of the dataset is on SQLite (then {@link #availabilityProperty()} says why). */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** What the button does, or why it cannot. */
    public ReadOnlyStringProperty availabilityProperty() {
        return availability.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True when the build failed or a database got no suite. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** Where each database's instances were written, and the report. */
    public ReadOnlyStringProperty writtenProperty() {
        return written.getReadOnlyProperty();
    }

    /** Per question of the last build: neighbours caught of those that pass there, and the survivors. */
    public ObservableList<TestSuiteRow> rows() {
        return rowsView;
    }
}
