package dev.querybench.app.core;

import dev.querybench.app.runs.ModelChoice;
import dev.querybench.app.runs.RunViewModel;
import dev.querybench.app.workspace.MainViewModel;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.validation.EnvironmentDoctor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The composition root: opens the workspace and builds the engine services and view models
 * once, by constructor. Nothing here is static; tests build their own.
 *
 * <p>{@link #open} reads files and builds the database; call it off the FX thread.
 */
public final class AppContext implements AutoCloseable {

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
    }

    private final Workspace workspace;
    private final WorkspaceSession session;
    private final RunViewModel runViewModel;
    private final MainViewModel mainViewModel;
    private final java.util.concurrent.ScheduledExecutorService scheduler;

    private AppContext(Settings settings, Workspace workspace, WorkspaceSession session, SecretResolver secrets,
            TaskRunner tasks, DialogService dialogs) {
        this.workspace = workspace;
        this.session = session;
        List<ModelChoice> models = ModelChoice.of(workspace, secrets, settings.adHocModel(), settings.baseUrl());
        this.runViewModel = new RunViewModel(workspace, session, models, tasks, dialogs);
        EnvironmentDoctor doctor = new EnvironmentDoctor(secrets, EnvironmentDoctor.defaultValidator(), settings.clock());
        var validator = EnvironmentDoctor.defaultValidator();
        this.scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("querybench-health").factory());
        var checks = dev.querybench.engine.health.WorkspaceHealthChecks.of(workspace, session.executor(), secrets,
                validator, java.time.Duration.ofSeconds(5), adHocProfile(settings, session));
        var monitor = new dev.querybench.engine.health.HealthMonitor(checks, scheduler, settings.clock(),
                dev.querybench.engine.health.HealthMonitor.Settings.DEFAULTS);
        var health = new dev.querybench.app.health.HealthViewModel(monitor, checks, tasks);
        var wizard = new dev.querybench.app.connection.ConnectionWizardViewModel(workspace,
                new dev.querybench.engine.validation.ConnectionChecklist(secrets, java.time.Duration.ofSeconds(5),
                        settings.clock()), tasks);
        this.mainViewModel = new MainViewModel(workspace, session, models, doctor, runViewModel, wizard, health, tasks,
                dialogs, settings.sample());
    }

    /** The model given with --model (and --base-url), so the health panel watches it too; none if it is no spec. */
    private static List<dev.querybench.engine.config.ModelConfig> adHocProfile(Settings settings,
            WorkspaceSession session) {
        if (settings.adHocModel() == null || settings.adHocModel().isBlank()) {
            return List.of();
        }
        try {
            return List.of(session.modelProfile(settings.adHocModel().strip(), settings.baseUrl()));
        } catch (dev.querybench.engine.config.ConfigException e) {
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
        if (settings.sample()) {
            new SampleWorkspace().materialize(settings.workspaceFolder());
        }
        Workspace workspace = new WorkspaceLoader().load(settings.workspaceFolder());
        SecretResolver secrets = new SecretResolver(settings.environment());
        WorkspaceSession session = WorkspaceSession.open(workspace, secrets, settings.clock());
        try {
            return new AppContext(settings, workspace, session, secrets, tasks, dialogs);
        } catch (RuntimeException e) {
            session.close();
            throw e;
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

    /** Closes the workspace's database and run store; stop running work first. */
    @Override
    public void close() {
        mainViewModel.deactivate();
        scheduler.shutdownNow();
        session.close();
    }
}
