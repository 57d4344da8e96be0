package dev.querybench.app;

import dev.querybench.app.connection.ConnectionWizardViewModel;
import dev.querybench.app.core.DialogService;
import dev.querybench.app.core.StartupTrace;
import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.dataset.DatasetViewModel;
import dev.querybench.app.dataset.TestSuiteViewModel;
import dev.querybench.app.health.HealthViewModel;
import dev.querybench.app.prompts.PromptEditorViewModel;
import dev.querybench.app.runs.ModelChoice;
import dev.querybench.app.runs.RunViewModel;
import dev.querybench.app.runs.RunsViewModel;
import dev.querybench.app.sqlconsole.SqlConsoleViewModel;
import dev.querybench.app.workspace.MainViewModel;
import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.health.HealthMonitor;
import dev.querybench.engine.health.WorkspaceHealthChecks;
import dev.querybench.engine.prompt.PromptFiles;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.session.WorkspaceTestSuite;
import dev.querybench.engine.testsuite.TestSuiteBuilder;
import dev.querybench.engine.validation.ConnectionChecklist;
import dev.querybench.engine.validation.EnvironmentDoctor;
import dev.querybench.engine.validation.ModelEndpointValidator;
import dev.querybench.engine.validation.RunPreflight;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The composition root of one open workspace: opens its session and builds every engine service
 * and every view model of the window, once, by constructor. Nothing here is static; tests build
 * their own. Switching workspaces closes one context and opens another ({@link Workbench}): the
 * old one's database pools, health monitor, tracer and background jobs end with {@link #close()}.
 *
 * <p>{@link #open} reads files and builds the database; call it off the FX thread.
 */
public final class AppContext implements AutoCloseable {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

    /**
     * How the app was started.
     *
     * @param workspaceFolder the workspace to open
     * @param sample true when it is the built-in sample (written there on start)
     * @param environment what secret references resolve against, usually the process environment
     * @param adHocModel a {@code provider:model} spec to offer besides the workspace's profiles, or null
     * @param baseUrl the endpoint for {@code adHocModel}, or null for the provider's default
     * @param clock the clock runs are stamped with
     */
    public record Settings(Path workspaceFolder, boolean sample, Map<String, String> environment, String adHocModel,
            String baseUrl, Clock clock) {

        public Settings {
            Objects.requireNonNull(workspaceFolder, "workspaceFolder");
            environment = Map.copyOf(environment);
            Objects.requireNonNull(clock, "clock");
        }

        /** The sample workspace under {@code home}, as a first start opens it. */
        public static Settings sample(Path home, Map<String, String> environment) {
            return new Settings(SampleWorkspace.defaultLocation(home), true, environment, null, null, Clock.systemUTC());
        }

        public Settings withModel(String spec, String endpoint) {
            return new Settings(workspaceFolder, sample, environment, spec, endpoint, clock);
        }

        /** The same start, on another workspace folder (not the sample). */
        public Settings withWorkspace(Path folder) {
            return new Settings(folder, false, environment, adHocModel, baseUrl, clock);
        }
    }

    private final Workspace workspace;
    private final WorkspaceSession session;
    private final RunViewModel runViewModel;
    private final MainViewModel mainViewModel;
    private final ScheduledExecutorService scheduler;
    private volatile boolean released;

    private AppContext(Settings settings, Workspace workspace, WorkspaceSession session, SecretResolver secrets,
            TaskRunner tasks, DialogService dialogs, String rememberedModel) {
        this.workspace = workspace;
        this.session = session;
        Clock clock = settings.clock();
        List<ModelChoice> models = ModelChoice.of(workspace, secrets, settings.adHocModel(), settings.baseUrl());
        ModelEndpointValidator validator = EnvironmentDoctor.defaultValidator();
        this.runViewModel = new RunViewModel(workspace, session, models, tasks, dialogs);
        // The Runs screen's newest stored run is read now, while the rest opens and the window is
        // built, so the first frame can show it; the history and health checks wait for that frame.
        runViewModel.showLatestStored();
        runViewModel.setPreflight(new RunPreflight(validator, secrets));
        if (settings.adHocModel() == null && rememberedModel != null) {
            models.stream().filter(m -> m.id().equals(rememberedModel)).findFirst()
                    .ifPresent(runViewModel.setup().selectedModelProperty()::set);
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("querybench-health").factory());
        var checks = WorkspaceHealthChecks.of(workspace, session.executor(), secrets, validator, CHECK_TIMEOUT,
                adHocProfile(settings, session));
        HealthMonitor monitor = new HealthMonitor(checks, scheduler, clock, HealthMonitor.Settings.DEFAULTS);
        MainViewModel.Screens screens = new MainViewModel.Screens(
                runViewModel,
                new RunsViewModel(session, runViewModel, tasks),
                new SqlConsoleViewModel(session.executor(), session.queryLimits(), () -> session.backend().introspect(),
                        tasks),
                new PromptEditorViewModel(new PromptFiles(workspace.resolve(workspace.config().prompts())),
                        workspace.dataset().questions(), session.generator(), tasks, dialogs),
                new DatasetViewModel(workspace.dataset(), session.databases(), session.queryLimits(), tasks,
                        new TestSuiteViewModel(new WorkspaceTestSuite(workspace, secrets),
                                TestSuiteBuilder.Settings.defaults(1), tasks)),
                new ConnectionWizardViewModel(workspace, new ConnectionChecklist(secrets, CHECK_TIMEOUT, clock), tasks,
                        secrets),
                new HealthViewModel(monitor, checks, tasks));
        this.mainViewModel = new MainViewModel(workspace, session, models,
                new EnvironmentDoctor(secrets, validator, clock), screens, tasks, dialogs, settings.sample());
    }

    /** The model given with --model (and --base-url), so the health panel watches it too; none if it is no spec. */
    private static List<ModelConfig> adHocProfile(Settings settings, WorkspaceSession session) {
        if (settings.adHocModel() == null || settings.adHocModel().isBlank()) {
            return List.of();
        }
        try {
            return List.of(session.modelProfile(settings.adHocModel().strip(), settings.baseUrl()));
        } catch (ConfigException e) {
            // The run screen's model picker already says what is wrong with it.
            return List.of();
        }
    }

    /**
     * Writes the sample if asked, loads the workspace and opens its session.
     *
     * @throws dev.querybench.engine.errors.QueryBenchException with a message and remedy when it cannot
     */
    public static AppContext open(Settings settings, TaskRunner tasks, DialogService dialogs) {
        return open(settings, tasks, dialogs, null);
    }

    /**
     * Like {@link #open(Settings, TaskRunner, DialogService)}, with the model the user last chose in
     * this workspace preselected (unless the command line names one).
     */
    public static AppContext open(Settings settings, TaskRunner tasks, DialogService dialogs, String rememberedModel) {
        return of(Opened.open(settings), tasks, dialogs, rememberedModel);
    }

    /**
     * Builds the window's services and view models on a workspace whose engine half is open; when
     * that fails, the session is closed.
     */
    public static AppContext of(Opened opened, TaskRunner tasks, DialogService dialogs, String rememberedModel) {
        try {
            return new AppContext(opened.settings(), opened.workspace(), opened.session(), opened.secrets(), tasks,
                    dialogs, rememberedModel);
        } catch (RuntimeException e) {
            opened.session().close();
            throw e;
        }
    }

    /**
     * The engine half of opening a workspace, which needs no window: the sample written if asked,
     * the workspace read and its session open. Off the FX thread.
     */
    public record Opened(Settings settings, Workspace workspace, WorkspaceSession session, SecretResolver secrets) {

        /**
         * Opens {@code settings}' workspace.
         *
         * @throws dev.querybench.engine.errors.QueryBenchException with a message and remedy when it cannot
         */
        public static Opened open(Settings settings) {
            if (settings.sample()) {
                new SampleWorkspace().materialize(settings.workspaceFolder());
            }
            StartupTrace.mark("sample written");
            Workspace workspace = new WorkspaceLoader().load(settings.workspaceFolder());
            StartupTrace.mark("workspace loaded");
            SecretResolver secrets = new SecretResolver(settings.environment());
            WorkspaceSession session = WorkspaceSession.open(workspace, secrets, settings.clock());
            StartupTrace.mark("session open");
            return new Opened(settings, workspace, session, secrets);
        }
    }

    public Workspace workspace() {
        return workspace;
    }

    public MainViewModel mainViewModel() {
        return mainViewModel;
    }

    public RunViewModel runViewModel() {
        return runViewModel;
    }

    /** Stops the window's background work: health checks, reads, the monitor's schedule. FX thread. */
    public void deactivate() {
        mainViewModel.deactivate();
        scheduler.shutdownNow();
    }

    /**
     * Releases the workspace's services: database pools, run store, response cache and tracer.
     * Blocking I/O: off the FX thread after {@link #deactivate()}.
     */
    public void release() {
        session.close();
        released = true;
    }

    /** True once the workspace's services were released (a switch closed it). */
    public boolean released() {
        return released;
    }

    /** True once the health monitor's schedule and the window's reads were stopped. */
    public boolean deactivated() {
        return scheduler.isShutdown();
    }

    /** Both, for tests and the last window: stop running work first. */
    @Override
    public void close() {
        deactivate();
        release();
    }
}
