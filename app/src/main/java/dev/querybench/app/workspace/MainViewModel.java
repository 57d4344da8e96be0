package dev.querybench.app.workspace;

import dev.querybench.app.connection.ConnectionWizardViewModel;
import dev.querybench.app.core.DialogService;
import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.dataset.DatasetViewModel;
import dev.querybench.app.health.HealthViewModel;
import dev.querybench.app.prompts.PromptEditorViewModel;
import dev.querybench.app.runs.ModelChoice;
import dev.querybench.app.runs.RunPhase;
import dev.querybench.app.runs.RunViewModel;
import dev.querybench.app.runs.RunsViewModel;
import dev.querybench.app.sqlconsole.SqlConsoleViewModel;
import dev.querybench.app.text.Wording;
import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.validation.CheckResult;
import dev.querybench.engine.validation.EnvironmentDoctor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window: the workspace navigator with counts and status dots, the page of the
 * selected section, and the status bar. The run screen has its own {@link RunViewModel}.
 *
 * <p>{@link #activate()} starts the background reads (stored runs, schema, health checks) and
 * {@link #deactivate()} stops them; call them when the window opens and closes.
 */
public final class MainViewModel {

    private final Workspace workspace;
    private final WorkspaceSession session;
    private final List<ModelChoice> models;
    private final EnvironmentDoctor doctor;
    private final RunViewModel runs;
    private final RunsViewModel runsScreen;
    private final SqlConsoleViewModel sqlConsole;
    private final PromptEditorViewModel promptEditor;
    private final DatasetViewModel datasetBrowser;
    private final ConnectionWizardViewModel wizard;
    private final HealthViewModel health;
    /** Sections shown by a screen of their own rather than a read-only page. */
    private final java.util.Set<Section> withOwnScreen = java.util.EnumSet.of(Section.RUNS, Section.SQL_CONSOLE, Section.PROMPTS,
            Section.DATASETS, Section.CONNECTIONS, Section.HEALTH);
    private final TaskRunner tasks;
    private final SectionPages sectionPages;
    private final StatusBar statusBar;

    private final Map<Section, NavigatorItem> items = new EnumMap<>(Section.class);
    private final ObservableList<NavigatorItem> navigator;
    private final Map<Section, SectionPageViewModel> pages = new EnumMap<>(Section.class);
    private final ObjectProperty<Section> selectedSection = new SimpleObjectProperty<>(this, "selectedSection", Section.RUNS);
    private final ReadOnlyObjectWrapper<SectionPageViewModel> currentPage = new ReadOnlyObjectWrapper<>(this, "currentPage");
    private final ReadOnlyBooleanWrapper runsSelected = new ReadOnlyBooleanWrapper(this, "runsSelected");
    private final String sampleNotice;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final ReadOnlyStringWrapper exportableRun = new ReadOnlyStringWrapper(this, "exportableRun", "");

    private final List<TaskRunner.Job> jobs = new ArrayList<>();
    private final ChangeListener<RunPhase> runEnded = (obs, was, is) -> {
        if (was.isActive() && !is.isActive()) {
            loadStoredRuns();
        }
    };

    /**
     * The view models of the window's screens, built by the composition root ({@code AppContext}).
     */
    public record Screens(RunViewModel runs, RunsViewModel runsScreen, SqlConsoleViewModel sqlConsole,
            PromptEditorViewModel promptEditor, DatasetViewModel datasetBrowser, ConnectionWizardViewModel wizard,
            HealthViewModel health) {}

    public MainViewModel(Workspace workspace, WorkspaceSession session, List<ModelChoice> models,
            EnvironmentDoctor doctor, Screens screens, TaskRunner tasks, DialogService dialogs, boolean sample) {
        this.wizard = screens.wizard();
        this.health = screens.health();
        this.workspace = workspace;
        this.session = session;
        this.models = List.copyOf(models);
        this.doctor = doctor;
        this.runs = screens.runs();
        this.runsScreen = screens.runsScreen();
        this.sqlConsole = screens.sqlConsole();
        this.promptEditor = screens.promptEditor();
        this.datasetBrowser = screens.datasetBrowser();
        this.tasks = tasks;
        this.sampleNotice = sample
                ? "You are in the built-in sample workspace, a bike and outdoor-gear retailer. To evaluate your own"
                        + " database, create a workspace with File → New workspace (Ctrl+N) or open one (Ctrl+O)."
                : "";
        for (Section section : Section.values()) {
            items.put(section, new NavigatorItem(section));
        }
        navigator = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(items.values()));
        this.sectionPages = new SectionPages(workspace, this.models, items, pages);
        pages.put(Section.CONNECTIONS, sectionPages.connectionsPage());
        pages.put(Section.DATASETS, sectionPages.datasetsPage());
        pages.put(Section.PROMPTS, sectionPages.promptsPage());
        pages.put(Section.SQL_CONSOLE, new SectionPageViewModel(Section.SQL_CONSOLE));
        pages.put(Section.HEALTH, new SectionPageViewModel(Section.HEALTH, "Check again", this::checkHealth));
        items.get(Section.RUNS).show("", Status.NONE, "Evaluation runs");
        items.get(Section.SQL_CONSOLE).show("", Status.PENDING, "Reading the schema");
        items.get(Section.HEALTH).show("", Status.NONE, "Not checked yet");

        currentPage.bind(Bindings.createObjectBinding(
                () -> withOwnScreen.contains(selectedSection.get()) ? null : pages.get(selectedSection.get()), selectedSection));
        runsSelected.bind(selectedSection.isEqualTo(Section.RUNS));
        statusBar = new StatusBar(runs, health, items.get(Section.HEALTH));
        exportableRun.bind(Bindings.createStringBinding(() -> {
            var comparison = runsScreen.selectedComparisonProperty().get();
            if (comparison != null) {
                return comparison.runId();
            }
            return runsScreen.canCompareLatestProperty().get() ? runs.runIdProperty().get() : "";
        }, runsScreen.selectedComparisonProperty(), runsScreen.canCompareLatestProperty(), runs.runIdProperty()));
    }

    /** Starts reading what the navigator shows from the store, the database and the endpoints. */
    public void activate() {
        runs.phaseProperty().addListener(runEnded);
        runsScreen.activate();
        sqlConsole.activate();
        promptEditor.activate();
        datasetBrowser.activate();
        loadStoredRuns();
        loadSchema();
        checkHealth();
    }

    public void deactivate() {
        runs.phaseProperty().removeListener(runEnded);
        runsScreen.deactivate();
        health.stopMonitoring();
        datasetBrowser.deactivate();
        jobs.forEach(TaskRunner.Job::cancel);
        jobs.clear();
    }

    // ---- intents

    public void select(Section section) {
        selectedSection.set(section);
    }

    /** Selects the n-th navigator entry, counting from 1 as the Ctrl+n shortcuts do. */
    public void selectNumber(int n) {
        if (n >= 1 && n <= Section.values().length) {
            select(Section.values()[n - 1]);
        }
    }

    /** Starts a run with the run screen's choices and shows it, from wherever the user is (Ctrl+R). */
    public void startRun() {
        if (runs.canStartRunProperty().get()) {
            select(Section.RUNS);
            runs.startRun();
        }
    }

    /** Opens the run the run screen finished as a comparison tab. */
    public void compareLatest() {
        if (runsScreen.canCompareLatestProperty().get()) {
            select(Section.RUNS);
            runsScreen.compareLatest();
        }
    }

    /** Runs the SQL console's query, showing the console. */
    public void executeSql() {
        select(Section.SQL_CONSOLE);
        sqlConsole.run();
    }

    /** Switches between the light and the dark theme. */
    public void toggleTheme() {
        theme.set(theme.get().toggled());
    }

    /** Shows the run screen, where the status bar's job lives. */
    public void openRunningJob() {
        select(Section.RUNS);
    }

    /** Runs the health checklist again in the background. */
    public void checkHealth() {
        SectionPageViewModel page = pages.get(Section.HEALTH);
        page.setBusy(true);
        page.setSummary("Checking Java, the workspace, the database and every model endpoint…");
        health.checkNow();
        track(tasks.submit(() -> doctor.examine(workspace.root()), sectionPages::showHealth,
                failure -> sectionPages.showHealth(List.of(CheckResult.fail("Health checks",
                        Explanation.of(failure).headline(),
                        Explanation.of(failure).fixOr("run `querybench doctor` in a terminal for the same checks"))))));
    }

    // ---- pages built from the loaded workspace (cheap, in memory)

    // ---- background reads

    private void loadStoredRuns() {
        track(tasks.submit(() -> session.runStore().runs().size(),
                count -> items.get(Section.RUNS).show(count == 0 ? "" : Integer.toString(count), Status.NONE,
                        plural(count, "stored run") + " in this workspace"),
                failure -> items.get(Section.RUNS).show("", Status.WARN,
                        "Stored runs unreadable: " + Explanation.of(failure).oneLine())));
    }

    private void loadSchema() {
        SectionPageViewModel page = pages.get(Section.SQL_CONSOLE);
        page.setBusy(true);
        page.setSummary("Reading the tables of " + databaseName() + "…");
        track(tasks.submit(() -> session.backend().introspect(), sectionPages::showSchema, failure -> {
            page.setBusy(false);
            page.setSummary("The schema of " + databaseName() + " could not be read: " + Explanation.of(failure).oneLine());
            items.get(Section.SQL_CONSOLE).show("", Status.FAIL, "Schema unreadable");
        }));
    }

    private void track(TaskRunner.Job job) {
        jobs.removeIf(TaskRunner.Job::isDone);
        jobs.add(job);
    }

    private String databaseName() {
        DatabaseConfig db = workspace.config().database();
        return db.name() == null ? db.path() : db.name();
    }

    /** Engine messages start in lower case for the CLI; pages show them as sentences. */
    private static String sentence(String text) {
        return Wording.sentence(text);
    }

    private static String plural(long n, String noun) {
        return Wording.plural(n, noun);
    }

    // ---- properties

    public ObservableList<NavigatorItem> navigator() {
        return navigator;
    }

    public NavigatorItem item(Section section) {
        return items.get(section);
    }

    public SectionPageViewModel page(Section section) {
        return pages.get(section);
    }

    public ObjectProperty<Section> selectedSectionProperty() {
        return selectedSection;
    }

    /** The page of the selected section; null while the run screen is shown. */
    public ReadOnlyObjectProperty<SectionPageViewModel> currentPageProperty() {
        return currentPage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runsSelectedProperty() {
        return runsSelected.getReadOnlyProperty();
    }

    public String windowTitle() {
        return "QueryBench — " + workspace.name();
    }

    public String workspaceName() {
        return workspace.name();
    }

    /** The workspace folder, with the home folder written as {@code ~}. */
    public String workspaceFolder() {
        String folder = workspace.root().toString();
        String home = System.getProperty("user.home", "");
        return !home.isEmpty() && folder.startsWith(home + java.io.File.separator)
                ? "~" + folder.substring(home.length()) : folder;
    }

    /** "Database: ridgeline (sqlite)". */
    public String databaseText() {
        return "Database: " + databaseName() + " (" + sectionPages.databaseType() + ")";
    }

    /** A line about the sample workspace, or empty for the user's own. */
    public String sampleNotice() {
        return sampleNotice;
    }

    public ReadOnlyStringProperty modelTextProperty() {
        return statusBar.modelTextProperty();
    }

    /** The running or last job's progress, for the status bar. */
    public ReadOnlyStringProperty jobTextProperty() {
        return statusBar.jobTextProperty();
    }

    public ReadOnlyBooleanProperty jobVisibleProperty() {
        return statusBar.jobVisibleProperty();
    }

    public RunViewModel runs() {
        return runs;
    }

    /** True while {@code section}'s own screen is in front. */
    public javafx.beans.binding.BooleanBinding showing(Section section) {
        return selectedSection.isEqualTo(section);
    }

    /** True while a read-only section page is in front. */
    public javafx.beans.binding.BooleanBinding showingPage() {
        return currentPage.isNotNull();
    }

    /** The export dialog's view model for one stored run, writing by default next to the run's other files. */
    public dev.querybench.app.export.ExportViewModel exportRun(String runId) {
        var shown = runsScreen.selectedComparisonProperty().get();
        String baseline = shown != null && shown.runId().equals(runId) ? shown.baseline().baselineProperty().get().runId() : "";
        return new dev.querybench.app.export.ExportViewModel(runId, session.runStore(), workspace.dataset(),
                dev.querybench.app.export.ExportViewModel.sessionDetails(session, baseline),
                workspace.stateFolder().resolve("runs").resolve(runId), tasks);
    }

    public ConnectionWizardViewModel wizard() {
        return wizard;
    }

    public HealthViewModel health() {
        return health;
    }

    public DatasetViewModel datasetBrowser() {
        return datasetBrowser;
    }

    public PromptEditorViewModel promptEditor() {
        return promptEditor;
    }

    /** True when nothing unsaved would be lost by closing, or the user agreed to lose it. */
    public boolean confirmClose() {
        return promptEditor.confirmDiscard();
    }

    public SqlConsoleViewModel sqlConsole() {
        return sqlConsole;
    }

    /** The Runs section: run screen, stored runs and comparisons. */
    public RunsViewModel runsScreen() {
        return runsScreen;
    }

    /** The window's theme; the window applies it and remembers it between starts. */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /**
     * The run an export would write: the comparison tab in front, else the run the run screen
     * finished; empty when there is none.
     */
    public ReadOnlyStringProperty exportableRunProperty() {
        return exportableRun.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty healthTextProperty() {
        return statusBar.healthTextProperty();
    }

    public ReadOnlyObjectProperty<Status> healthStatusProperty() {
        return statusBar.healthStatusProperty();
    }
}
