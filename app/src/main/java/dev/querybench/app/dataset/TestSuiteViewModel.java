package dev.querybench.app.dataset;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.SuiteAreas;
import dev.querybench.engine.session.WorkspaceTestSuite;
import dev.querybench.engine.testsuite.TestSuiteBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Datasets screen's test-suite generator (docs/testsuite.md): builds a distilled test suite for
 * the dataset's SQLite databases with the engine's {@link WorkspaceTestSuite}, as {@code querybench
 * dataset testsuite} does, in the background; shows how far it is (questions whose neighbours are
 * all caught, databases kept so far), can be cancelled, and then lists per question the neighbours
 * caught and the ones that survive, and where the instances were written. A database profile's
 * suite is listed under its {@code instances:}. A database on PostgreSQL or MySQL/MariaDB gets its
 * instances as new schemas or databases, created by the admin account given here (a name and the
 * environment variable or OS keyring entry holding its password, as the connection wizard's Create
 * reader takes them). Not available for Trino; says why.
 */
public final class TestSuiteViewModel {

    static final String IDLE = "Generate random databases that catch the wrong queries this database lets through.";
    /**
     * The status when Generate is pressed with a field not valid: it points at the fields, whose label
     * already says what is wrong and how to fix it, rather than saying it a second time. How a field
     * is marked ({@link TestSuiteSettings#invalidProperty()}) is the view's choice, so the text names
     * no colour.
     */
    static final String FIX_SETTINGS = "Not started: fix the marked setting (the reason is beside the settings).";

    private final WorkspaceTestSuite suites;
    private final TestSuiteSettings settings;
    private final TaskRunner tasks;

    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available");
    private final ReadOnlyStringWrapper availability = new ReadOnlyStringWrapper(this, "availability",
            "Checking which databases can get a test suite…");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", IDLE);
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ReadOnlyStringWrapper written = new ReadOnlyStringWrapper(this, "written", "");
    private final ObservableList<TestSuiteRow> rows = FXCollections.observableArrayList();
    private final ObservableList<TestSuiteRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper needsAdmin = new ReadOnlyBooleanWrapper(this, "needsAdmin");
    private final ReadOnlyStringWrapper adminHint = new ReadOnlyStringWrapper(this, "adminHint", "");
    private final StringProperty adminUser = new SimpleStringProperty(this, "adminUser", "");
    private final StringProperty adminPasswordName = new SimpleStringProperty(this, "adminPasswordName", "");
    private final BooleanProperty adminPasswordInKeyring = new SimpleBooleanProperty(this, "adminPasswordInKeyring");
    private final ReadOnlyObjectWrapper<WorkspaceTestSuite.Outcome> saved = new ReadOnlyObjectWrapper<>(this, "saved");
    /** True while the status is a refusal to start (no admin account, a bad field): editing clears it. */
    private boolean refused;
    private Map<String, Dialect> servers = Map.of();
    private TaskRunner.Job job;

    /** @param settings the seed and limits the settings fields start from (the command's defaults in the workbench) */
    public TestSuiteViewModel(WorkspaceTestSuite suites, TestSuiteBuilder.Settings settings, TaskRunner tasks) {
        this.suites = suites;
        this.settings = new TestSuiteSettings(settings);
        this.tasks = tasks;
        for (javafx.beans.Observable edited : List.of(adminUser, adminPasswordName, adminPasswordInKeyring,
                this.settings.seedProperty(), this.settings.candidatesProperty(), this.settings.instancesProperty(),
                this.settings.budgetProperty())) {
            edited.addListener(o -> clearRefusal());
        }
    }

    /** A refusal to start ("give the admin account first") is answered by editing the fields: it goes. */
    private void clearRefusal() {
        if (refused && !running.get()) {
            refused = false;
            failed.set(false);
            status.set(IDLE);
        }
    }

    private void refuse(String why) {
        refused = true;
        failed.set(true);
        status.set(why);
    }

    /** What {@link #activate} finds: why no suite can be built (or empty), and the databases on a server. */
    private record Availability(Optional<String> why, Map<String, Dialect> servers) {}

    /**
     * Finds out in the background whether a database of the dataset can get a suite, and whether one is
     * on a server (then the build needs the admin account, as the connection wizard's Create reader does).
     */
    public void activate() {
        tasks.submit(() -> new Availability(suites.unsupported(), suites.serverDatabases()), (Availability found) -> {
            available.set(found.why().isEmpty());
            servers = found.servers();
            needsAdmin.set(!found.servers().isEmpty());
            adminHint.set(adminHint(found.servers()));
            availability.set(found.why().orElse("Generate a test suite for the dataset's databases: random databases"
                    + " that catch neighbours of each gold query that pass on the database itself."
                    + (found.servers().isEmpty() ? "" : " " + adminHint.get())));
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

    private static String adminHint(Map<String, Dialect> servers) {
        if (servers.isEmpty()) {
            return "";
        }
        List<String> where = new ArrayList<>();
        servers.forEach((name, dialect) -> where.add(name + " is on " + dialect.displayName() + ", so its instances"
                + " are new " + dialect.engine().suiteAreas().map(SuiteAreas::areaPlace).orElse("databases") + " (qbts_…)"));
        return String.join("; ", where) + ": give an account that may create them and grant reading, as for Create"
                + " reader in the connection wizard.";
    }

    /** Starts a build of every database's suite. */
    public void generate() {
        if (running.get() || !available.get()) {
            return;
        }
        String user = adminUser.get() == null ? "" : adminUser.get().strip();
        String entry = adminPasswordName.get() == null ? "" : adminPasswordName.get().strip();
        Optional<TestSuiteBuilder.Settings> chosen = settings.settings();
        if (chosen.isEmpty()) {
            refuse(FIX_SETTINGS);
            return;
        }
        if (needsAdmin.get() && user.isEmpty()) {
            refuse("Give the admin account first: the account that creates the instances on the server.");
            return;
        }
        SecretRef password;
        try {
            password = entry.isEmpty() ? null : adminPasswordInKeyring.get() ? SecretRef.keyring(entry)
                    : SecretRef.env(entry);
        } catch (IllegalArgumentException e) {
            refuse("The admin password's " + (adminPasswordInKeyring.get() ? "keyring entry" : "environment"
                    + " variable") + " name is not valid: " + e.getMessage());
            return;
        }
        refused = false;
        running.set(true);
        failed.set(false);
        progress.set(0);
        rows.clear();
        written.set("");
        status.set("Starting…");
        job = tasks.<WorkspaceTestSuite.Outcome, TestSuiteBuilder.Step>submit(context -> suites.build(
                suites.questionsByDatabase(List.of()), chosen.get(), true,
                needsAdmin.get() ? suites.admin(user, password) : null, line -> stopIfCancelled(context), step -> {
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
                : String.format(Locale.ROOT, "%d %s %d of the %d neighbours that pass on the database itself"
                        + " (%.1f%%).", instances, instances == 1 ? "instance catches" : "instances catch", caught, toCatch,
                        toCatch == 0 ? 100.0 : 100.0 * caught / toCatch));
        if (!outcome.savedTo().isEmpty()) {
            saved.set(outcome);
        }
    }

    /**
     * Shows what {@code before} (this screen before the workspace was reloaded for the new instances)
     * showed, and says that runs use them now.
     */
    public void carryOver(TestSuiteViewModel before) {
        settings.copy(before.settings);
        rows.setAll(before.rows);
        written.set(before.written.get());
        failed.set(before.failed.get());
        progress.set(before.progress.get());
        status.set(before.status.get() + " The workspace was reloaded: runs and score now use the new instances.");
    }

    /** Says why the workspace was not reloaded after the build, so the new instances wait for the next opening. */
    public void reloadPostponed(String why) {
        status.set(status.get() + " " + why + ", so the workspace was not reloaded: reopen it (File ▸ Open recent)"
                + " for runs to use the new instances.");
    }

    private String where(TestSuiteBuilder.DatabaseReport report, boolean saved) {
        if (report.instances().isEmpty()) {
            return report.database() + ": no instance catches anything the database lets through.";
        }
        if (servers.containsKey(report.database())) {
            return report.database() + ": " + count(report) + " on the server ("
                    + String.join(", ", report.instances().stream().map(TestSuiteBuilder.InstanceReport::name).toList())
                    + ")" + (saved ? ", now listed under instances: in " + suites.configFile().getFileName()
                            : ", the instances of the database");
        }
        Path folder = report.instances().getFirst().file().toAbsolutePath().getParent();
        long kb = report.instances().stream().mapToLong(TestSuiteBuilder.InstanceReport::bytes).sum() / 1024;
        return report.database() + ": " + count(report) + " (" + kb + " KB) in " + folder
                + (saved ? ", now listed under instances: in " + suites.configFile().getFileName()
                        : ", the instances of the database");
    }

    private static String count(TestSuiteBuilder.DatabaseReport report) {
        return report.instances().size() + (report.instances().size() == 1 ? " instance" : " instances");
    }

    // ---- properties

    /** The seed, candidates, instances and budget fields of the next build. */
    public TestSuiteSettings settings() {
        return settings;
    }

    /** The outcome of the last build that listed new instances in the workspace file (null before one). */
    public javafx.beans.property.ReadOnlyObjectProperty<WorkspaceTestSuite.Outcome> savedProperty() {
        return saved.getReadOnlyProperty();
    }

    /** True when a database of the dataset is on PostgreSQL or MySQL/MariaDB: the build needs the admin account. */
    public ReadOnlyBooleanProperty needsAdminProperty() {
        return needsAdmin.getReadOnlyProperty();
    }

    /** Which databases are on a server and what their instances will be. */
    public ReadOnlyStringProperty adminHintProperty() {
        return adminHint.getReadOnlyProperty();
    }

    /** The account that creates the instances on the server. */
    public StringProperty adminUserProperty() {
        return adminUser;
    }

    /** The environment variable or keyring entry holding its password; empty for none. */
    public StringProperty adminPasswordNameProperty() {
        return adminPasswordName;
    }

    /** True when {@link #adminPasswordNameProperty()} names an OS keyring entry, false for a variable. */
    public BooleanProperty adminPasswordInKeyringProperty() {
        return adminPasswordInKeyring;
    }

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
