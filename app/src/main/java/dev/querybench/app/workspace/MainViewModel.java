package dev.querybench.app.workspace;

import dev.querybench.app.core.DialogService;
import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.prompts.PromptEditorViewModel;
import dev.querybench.app.dataset.DatasetViewModel;
import dev.querybench.app.connection.ConnectionWizardViewModel;
import dev.querybench.app.health.EndpointHealth;
import dev.querybench.app.health.HealthViewModel;
import dev.querybench.app.runs.ModelChoice;
import dev.querybench.app.runs.RunPhase;
import dev.querybench.app.runs.RunViewModel;
import dev.querybench.app.runs.RunsViewModel;
import dev.querybench.app.sqlconsole.SqlConsoleViewModel;
import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.SchemaSnapshot;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.prompt.PromptTask;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.validation.CheckResult;
import dev.querybench.engine.validation.EnvironmentDoctor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
    private final java.util.Set<Section> screens = java.util.EnumSet.of(Section.RUNS, Section.SQL_CONSOLE, Section.PROMPTS,
            Section.DATASETS, Section.CONNECTIONS, Section.HEALTH);
    private final TaskRunner tasks;

    private final Map<Section, NavigatorItem> items = new EnumMap<>(Section.class);
    private final ObservableList<NavigatorItem> navigator;
    private final Map<Section, SectionPageViewModel> pages = new EnumMap<>(Section.class);
    private final ObjectProperty<Section> selectedSection = new SimpleObjectProperty<>(this, "selectedSection", Section.RUNS);
    private final ReadOnlyObjectWrapper<SectionPageViewModel> currentPage = new ReadOnlyObjectWrapper<>(this, "currentPage");
    private final ReadOnlyBooleanWrapper runsSelected = new ReadOnlyBooleanWrapper(this, "runsSelected");
    private final ReadOnlyStringWrapper modelText = new ReadOnlyStringWrapper(this, "modelText");
    private final ReadOnlyStringWrapper jobText = new ReadOnlyStringWrapper(this, "jobText");
    private final ReadOnlyBooleanWrapper jobVisible = new ReadOnlyBooleanWrapper(this, "jobVisible");
    private final ReadOnlyStringWrapper healthText = new ReadOnlyStringWrapper(this, "healthText", "Health: not checked");
    private final ReadOnlyObjectWrapper<Status> healthStatus = new ReadOnlyObjectWrapper<>(this, "healthStatus", Status.NONE);
    private final String sampleNotice;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final ReadOnlyStringWrapper exportableRun = new ReadOnlyStringWrapper(this, "exportableRun", "");

    private final List<TaskRunner.Job> jobs = new ArrayList<>();
    private final ChangeListener<RunPhase> runEnded = (obs, was, is) -> {
        if (was.isActive() && !is.isActive()) {
            loadStoredRuns();
        }
    };

    public MainViewModel(Workspace workspace, WorkspaceSession session, List<ModelChoice> models,
            EnvironmentDoctor doctor, RunViewModel runs, ConnectionWizardViewModel wizard, HealthViewModel health,
            TaskRunner tasks, DialogService dialogs, boolean sample) {
        this.wizard = wizard;
        this.health = health;
        this.workspace = workspace;
        this.session = session;
        this.models = List.copyOf(models);
        this.doctor = doctor;
        this.runs = runs;
        this.runsScreen = new RunsViewModel(session, runs, tasks);
        this.sqlConsole = new SqlConsoleViewModel(session.executor(), session.queryLimits(),
                () -> session.backend().introspect(), tasks);
        this.promptEditor = new PromptEditorViewModel(
                new dev.querybench.engine.prompt.PromptFiles(workspace.resolve(workspace.config().prompts())),
                workspace.dataset().questions(), session.generator(), tasks, dialogs);
        health.overallProperty().addListener((obs, was, is) -> showEndpoints(is));
        this.datasetBrowser = new DatasetViewModel(workspace.dataset(), session.databases(), session.queryLimits(), tasks);
        this.tasks = tasks;
        this.sampleNotice = sample
                ? "You are in the built-in sample workspace, a bike and outdoor-gear retailer. To evaluate your own"
                        + " database, start QueryBench with --workspace <folder>."
                : "";
        for (Section section : Section.values()) {
            items.put(section, new NavigatorItem(section));
        }
        navigator = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(items.values()));
        pages.put(Section.CONNECTIONS, connectionsPage());
        pages.put(Section.DATASETS, datasetsPage());
        pages.put(Section.PROMPTS, promptsPage());
        pages.put(Section.SQL_CONSOLE, new SectionPageViewModel(Section.SQL_CONSOLE));
        pages.put(Section.HEALTH, new SectionPageViewModel(Section.HEALTH, "Check again", this::checkHealth));
        items.get(Section.RUNS).show("", Status.NONE, "Evaluation runs");
        items.get(Section.SQL_CONSOLE).show("", Status.PENDING, "Reading the schema");
        items.get(Section.HEALTH).show("", Status.NONE, "Not checked yet");

        currentPage.bind(Bindings.createObjectBinding(
                () -> screens.contains(selectedSection.get()) ? null : pages.get(selectedSection.get()), selectedSection));
        runsSelected.bind(selectedSection.isEqualTo(Section.RUNS));
        modelText.bind(Bindings.createStringBinding(() -> runs.selectedModelProperty().get() == null ? "Model: none"
                : "Model: " + runs.selectedModelProperty().get().label(), runs.selectedModelProperty()));
        jobVisible.bind(runs.totalItemsProperty().greaterThan(0).or(runs.runningProperty()));
        jobText.bind(Bindings.createStringBinding(() -> runs.shortProgressTextProperty().get().isEmpty()
                ? runs.statusTextProperty().get() : "Run " + runs.shortProgressTextProperty().get(),
                runs.shortProgressTextProperty(), runs.statusTextProperty()));
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
        items.get(Section.HEALTH).show("", Status.PENDING, "Checking");
        healthStatus.set(Status.PENDING);
        healthText.set("Health: checking…");
        track(tasks.submit(() -> doctor.examine(workspace.root()), this::showHealth,
                failure -> showHealth(List.of(CheckResult.fail("Health checks", message(failure),
                        "run `querybench doctor` in a terminal for the same checks")))));
    }

    // ---- pages built from the loaded workspace (cheap, in memory)

    private SectionPageViewModel connectionsPage() {
        SectionPageViewModel page = new SectionPageViewModel(Section.CONNECTIONS);
        DatabaseConfig db = workspace.config().database();
        page.setSummary("The database the questions run against and the models that answer them. Keys come from"
                + " environment variables; QueryBench never writes them into workspace files.");
        List<SectionLine> lines = new ArrayList<>();
        lines.add(new SectionLine("Database " + databaseName(), databaseType() + " file " + db.path()
                + (db.init().isEmpty() ? "" : ", built from " + String.join(", ", db.init())) + " · open",
                Status.OK, ""));
        Status worst = Status.OK;
        int missingKeys = 0;
        for (ModelChoice model : models) {
            boolean missing = !model.problem().isBlank();
            missingKeys += missing ? 1 : 0;
            worst = worst.worse(missing ? Status.WARN : Status.NONE);
            lines.add(new SectionLine("Model " + model.label(), model.detail(), missing ? Status.WARN : Status.NONE,
                    model.problem()));
        }
        page.setLines(lines);
        items.get(Section.CONNECTIONS).show(Integer.toString(lines.size()), worst,
                "1 database and " + models.size() + " models" + (missingKeys == 0 ? ""
                        : "; " + missingKeys + " without a key"));
        return page;
    }

    private SectionPageViewModel datasetsPage() {
        SectionPageViewModel page = new SectionPageViewModel(Section.DATASETS);
        var dataset = workspace.dataset();
        Map<String, Integer> byDifficulty = new LinkedHashMap<>();
        dataset.questions().forEach(q -> byDifficulty.merge(q.difficulty().isBlank() ? "unrated" : q.difficulty(), 1,
                Integer::sum));
        StringBuilder mix = new StringBuilder();
        byDifficulty.forEach((level, n) -> mix.append(mix.isEmpty() ? "" : ", ").append(n).append(' ').append(level));
        page.setSummary(dataset.name() + ": " + dataset.size() + " questions with gold SQL (" + mix + "). "
                + dataset.description());
        page.setEmptyText("The dataset has no questions. Add some to " + workspace.config().dataset() + ".");
        page.setLines(dataset.questions().stream().map(MainViewModel::questionLine).toList());
        items.get(Section.DATASETS).show(Integer.toString(dataset.size()), Status.NONE,
                dataset.size() + " questions in " + dataset.name());
        return page;
    }

    private static SectionLine questionLine(Question q) {
        String tags = q.tags().isEmpty() ? "" : " · " + String.join(", ", q.tags());
        return SectionLine.of(q.id() + (q.difficulty().isBlank() ? "" : " · " + q.difficulty()) + tags, q.text());
    }

    private SectionPageViewModel promptsPage() {
        SectionPageViewModel page = new SectionPageViewModel(Section.PROMPTS);
        var library = workspace.prompts();
        List<PromptTemplate> variants = library.templates(PromptTask.SQL_GENERATION);
        page.setSummary(variants.size() + " prompt variants for SQL generation in " + workspace.config().prompts()
                + "/. The run screen offers each; the workspace runs "
                + (workspace.config().variants().isEmpty() ? "all of them" : String.join(", ", workspace.config().variants()))
                + " by default.");
        page.setEmptyText("No prompt variants yet. Add a .prompt file to " + workspace.config().prompts() + "/.");
        List<SectionLine> lines = new ArrayList<>();
        for (PromptTemplate t : library.templates()) {
            List<String> problems = t.problems();
            lines.add(new SectionLine(t.name(), t.description() + " · " + t.task().id() + " · " + t.source()
                    + " · uses " + String.join(", ", t.variables().stream().map(v -> "{{" + v + "}}").toList()),
                    problems.isEmpty() ? Status.OK : Status.FAIL, String.join("; ", problems)));
        }
        Set<String> templateProblems = new HashSet<>();
        library.templates().forEach(t -> templateProblems.addAll(t.problems()));
        library.problems().stream().filter(p -> !templateProblems.contains(p))
                .forEach(p -> lines.add(new SectionLine("Problem", p, Status.FAIL, "fix the prompt file")));
        page.setLines(lines);
        long broken = lines.stream().filter(l -> l.status() == Status.FAIL).count();
        items.get(Section.PROMPTS).show(Integer.toString(variants.size()), broken > 0 ? Status.FAIL : Status.NONE,
                variants.size() + " prompt variants" + (broken > 0 ? "; " + broken + " with problems" : ""));
        return page;
    }

    // ---- background reads

    private void loadStoredRuns() {
        track(tasks.submit(() -> session.runStore().runs().size(),
                count -> items.get(Section.RUNS).show(count == 0 ? "" : Integer.toString(count), Status.NONE,
                        count + " stored runs in this workspace"),
                failure -> items.get(Section.RUNS).show("", Status.WARN, "Stored runs unreadable: " + message(failure))));
    }

    private void loadSchema() {
        SectionPageViewModel page = pages.get(Section.SQL_CONSOLE);
        page.setBusy(true);
        page.setSummary("Reading the tables of " + databaseName() + "…");
        track(tasks.submit(() -> session.backend().introspect(), this::showSchema, failure -> {
            page.setBusy(false);
            page.setSummary("The schema of " + databaseName() + " could not be read: " + message(failure));
            items.get(Section.SQL_CONSOLE).show("", Status.FAIL, "Schema unreadable");
        }));
    }

    private void showSchema(SchemaSnapshot schema) {
        SectionPageViewModel page = pages.get(Section.SQL_CONSOLE);
        page.setBusy(false);
        page.setSummary(schema.tables().size() + " tables in " + databaseName() + " (" + schema.dialect().displayName()
                + "), as the prompts describe them to the model. Ad-hoc queries are not part of this version;"
                + " the results table of a run shows each predicted query.");
        page.setEmptyText("The database has no tables.");
        page.setLines(schema.tables().stream().map(MainViewModel::tableLine).toList());
        items.get(Section.SQL_CONSOLE).show(Integer.toString(schema.tables().size()), Status.NONE,
                schema.tables().size() + " tables in " + databaseName());
    }

    private static SectionLine tableLine(SchemaSnapshot.Table table) {
        List<String> columns = table.columns().stream().map(SchemaSnapshot.Column::name).toList();
        String keys = table.primaryKey().isEmpty() ? "" : " · key " + String.join(", ", table.primaryKey());
        String refs = table.foreignKeys().isEmpty() ? "" : " · refers to " + String.join(", ",
                table.foreignKeys().stream().map(SchemaSnapshot.ForeignKey::referencedTable).distinct().toList());
        return SectionLine.of(table.name(), columns.size() + " columns: " + String.join(", ", columns) + keys + refs);
    }

    private void showHealth(List<CheckResult> checks) {
        SectionPageViewModel page = pages.get(Section.HEALTH);
        page.setBusy(false);
        Status worst = Status.OK;
        List<SectionLine> lines = new ArrayList<>();
        int attention = 0;
        for (CheckResult check : checks) {
            Status status = switch (check.status()) {
                case OK -> Status.OK;
                case WARN -> Status.WARN;
                case FAIL -> Status.FAIL;
            };
            attention += status == Status.OK ? 0 : 1;
            worst = worst.worse(status);
            lines.add(new SectionLine(check.name(), sentence(check.detail()), status, sentence(check.remedy())));
        }
        page.setLines(lines);
        String verdict = attention == 0 ? "all " + checks.size() + " checks passed"
                : attention + " of " + checks.size() + " checks need attention";
        page.setSummary("Java, the workspace, the database and every model endpoint: " + verdict + ".");
        items.get(Section.HEALTH).show(attention == 0 ? "" : Integer.toString(attention), worst, verdict);
        healthStatus.set(worst);
        healthText.set("Health: " + verdict);
    }

    private void track(TaskRunner.Job job) {
        jobs.removeIf(TaskRunner.Job::isDone);
        jobs.add(job);
    }

    private String databaseName() {
        DatabaseConfig db = workspace.config().database();
        return db.name() == null ? db.path() : db.name();
    }

    private String databaseType() {
        String type = workspace.config().database().type();
        return java.util.Arrays.stream(Dialect.values()).filter(d -> d.name().equalsIgnoreCase(type))
                .map(Dialect::displayName).findFirst().orElse(type);
    }

    /** Engine messages start in lower case for the CLI; pages show them as sentences. */
    private static String sentence(String text) {
        return text == null || text.isBlank() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String message(Throwable failure) {
        return failure instanceof QueryBenchException q ? q.error().message() : String.valueOf(failure.getMessage());
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
        return "Database: " + databaseName() + " (" + databaseType() + ")";
    }

    /** A line about the sample workspace, or empty for the user's own. */
    public String sampleNotice() {
        return sampleNotice;
    }

    public ReadOnlyStringProperty modelTextProperty() {
        return modelText.getReadOnlyProperty();
    }

    /** The running or last job's progress, for the status bar. */
    public ReadOnlyStringProperty jobTextProperty() {
        return jobText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty jobVisibleProperty() {
        return jobVisible.getReadOnlyProperty();
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

    private void showEndpoints(EndpointHealth.State state) {
        Status dot = switch (state) {
            case UNKNOWN -> Status.PENDING;
            case UP -> Status.OK;
            case DEGRADED -> Status.WARN;
            case DOWN -> Status.FAIL;
        };
        long down = health.endpoints().stream().filter(e -> e.state() == EndpointHealth.State.DOWN).count();
        items.get(Section.HEALTH).show(down == 0 ? "" : Long.toString(down), dot, health.summaryProperty().get());
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
        return healthText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Status> healthStatusProperty() {
        return healthStatus.getReadOnlyProperty();
    }
}
