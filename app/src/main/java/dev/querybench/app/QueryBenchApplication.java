package dev.querybench.app;

import dev.querybench.app.core.DesktopOpener;
import dev.querybench.app.core.FxDialogService;
import dev.querybench.app.core.FxTaskRunner;
import dev.querybench.app.core.StartupTrace;
import dev.querybench.app.core.WorkspaceHistory;
import dev.querybench.app.workspace.MainWindow;
import dev.querybench.app.workspace.WindowLayout;
import dev.querybench.app.workspace.WindowLayoutStore;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.errors.Redactor;
import dev.querybench.engine.sample.SampleWorkspace;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application: builds the window's view models off the FX thread in {@link #init()} on
 * the workspace {@link QueryBenchLauncher} began opening ({@link EarlyStart}), then shows the
 * workbench window, which switches workspaces without a restart ({@link Workbench}). When the first workspace cannot be opened, the error says why and the start
 * screen offers to create or open another.
 */
public final class QueryBenchApplication extends Application {

    /** System property: {@code false} shows no skeleton while the first workspace opens (start-up A/B). */
    static final String SKELETON_PROPERTY = "querybench.startup.skeleton";
    /** System property: {@code false} starts no class warm-up thread (start-up A/B). */
    static final String WARM_UP_PROPERTY = "querybench.startup.warmup";

    private final FxTaskRunner tasks = new FxTaskRunner();
    private final FxDialogService dialogs = new FxDialogService(MainWindow.stylesheet());
    /** The first workspace, opened off the FX thread while the skeleton shows. */
    private final java.util.concurrent.CompletableFuture<AppContext> first = new java.util.concurrent.CompletableFuture<>();
    private volatile boolean stopped;
    private AppContext.Settings settings;
    private Path home;
    private Throwable startupFailure;
    private WindowLayoutStore layoutStore;
    private WindowLayout layout = WindowLayout.DEFAULT;
    private WindowLayout closedLayout;
    private WorkspaceHistory history;
    private Workbench workbench;

    /**
     * JavaFX makes the application with its no-argument constructor, so {@link QueryBenchLauncher}
     * hands its early start over in this one slot: set before the launch, emptied by {@link #init()};
     * null when main started nothing (then init() begins it, or says what is wrong).
     */
    private static final AtomicReference<EarlyStart> HANDED_OVER = new AtomicReference<>();

    /** The workspace main() started opening, for the application JavaFX is about to make. */
    static void handOver(EarlyStart early) {
        HANDED_OVER.set(early);
    }

    @Override
    public void init() {
        StartupTrace.mark("init");
        if (!"false".equals(System.getProperty(WARM_UP_PROPERTY))) {
            UiWarmUp.start();
        }
        EarlyStart early = HANDED_OVER.getAndSet(null);
        try {
            if (early == null) {
                // started other than through QueryBenchLauncher, or its command line was wrong: this says why
                early = EarlyStart.begin(getParameters().getRaw(), System.getenv(),
                        Path.of(System.getProperty("user.home")));
            }
            home = early.home();
            layoutStore = WindowLayoutStore.inHome(home);
            layout = layoutStore.load();
            history = WorkspaceHistory.inHome(home);
            settings = early.settings();
        } catch (RuntimeException e) {
            startupFailure = e;
            if (early != null) {
                early.discard();
            }
            return;
        }
        // The workspace opens on main()'s thread (EarlyStart) while the FX thread shows the window's
        // skeleton; the window's view models are built on it here.
        EarlyStart opening = early;
        Thread.ofPlatform().name("querybench-context").start(() -> {
            try {
                String remembered = history.lastModel(settings.workspaceFolder().toAbsolutePath().normalize())
                        .orElse(null);
                AppContext context = AppContext.of(opening.join(), tasks, dialogs, remembered);
                history.opened(context.workspace().root());
                StartupTrace.mark("workspace open");
                first.complete(context);
            } catch (RuntimeException | Error e) {
                first.completeExceptionally(e);
            }
        });
    }

    @Override
    public void start(Stage stage) {
        StartupTrace.mark("start");
        if (settings == null) {
            // the command line itself is wrong: nothing to open
            showStartupFailure();
            Platform.exit();
            return;
        }
        dialogs.setOwner(stage);
        if (!"false".equals(System.getProperty(SKELETON_PROPERTY))) {
            StartupSkeleton.show(stage, layout, folderName(settings.workspaceFolder()));
            StartupTrace.mark("skeleton shown");
            if (StartupTrace.on()) {
                dev.querybench.app.widgets.FirstFrame.then(() -> StartupTrace.mark("skeleton on screen"));
            }
        }
        first.whenComplete((context, failure) -> Platform.runLater(() -> showWorkbench(stage, context, failure)));
    }

    private void showWorkbench(Stage stage, AppContext context, Throwable failure) {
        if (stopped) {
            return; // stop() closes it
        }
        startupFailure = failure instanceof java.util.concurrent.CompletionException wrapped
                ? wrapped.getCause() : failure;
        workbench = new Workbench(settings, SampleWorkspace.defaultLocation(home), tasks, dialogs, history);
        workbench.adopt(context);
        WorkbenchWindow window = new WorkbenchWindow(stage, workbench, DesktopOpener.forThisOs(
                uri -> getHostServices().showDocument(uri.toString()), tasks, dialogs),
                Path.of(System.getProperty("user.home")), Platform::exit);
        window.show(layout, closed -> closedLayout = closed);
        if (context == null) {
            showStartupFailure();
        }
        StartupTrace.mark("window shown");
        ReadySignal.afterFirstFrame(stage);
        if (context != null && StartupTrace.on()) {
            traceLatestRunOnScreen(context.runViewModel().runIdProperty());
        }
    }

    /** Marks the first frame presented with a run on the Runs screen (the one after its id is set). */
    private static void traceLatestRunOnScreen(javafx.beans.value.ObservableStringValue runId) {
        if (!runId.get().isEmpty()) {
            dev.querybench.app.widgets.FirstFrame.then(() -> StartupTrace.mark("latest run on screen"));
            return;
        }
        runId.addListener(new javafx.beans.value.ChangeListener<String>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends String> obs, String was, String is) {
                runId.removeListener(this);
                traceLatestRunOnScreen(runId);
            }
        });
    }

    private static String folderName(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? folder.toString() : name.toString();
    }

    @Override
    public void stop() {
        stopped = true;
        tasks.close();
        if (closedLayout != null) {
            // The window is gone by now, so this small write blocks nothing the user sees.
            try {
                layoutStore.save(closedLayout);
            } catch (java.io.UncheckedIOException e) {
                System.err.println("QueryBench: " + e.getMessage());
            }
        }
        if (workbench != null) {
            AppContext open = workbench.currentProperty().get();
            if (open != null) {
                open.close();
            }
        } else {
            // quit before the first workspace was shown: close it whenever it opens
            first.thenAccept(AppContext::close);
        }
    }

    private void showStartupFailure() {
        if (startupFailure instanceof QueryBenchException known) {
            dialogs.showError("QueryBench cannot open the workspace", Explanation.of(known),
                    known.getCause() == null ? "" : Redactor.none().redact(String.valueOf(known.getCause())));
        } else {
            dialogs.showError("QueryBench cannot open the workspace", "Opening the workspace failed unexpectedly.",
                    "Check the workspace folder and try again; report the details if it keeps happening.",
                    Redactor.none().redact(String.valueOf(startupFailure)));
        }
    }
}
