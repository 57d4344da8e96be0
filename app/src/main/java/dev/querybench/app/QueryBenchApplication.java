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
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application: opens the workspace of the command line off the FX thread in
 * {@link #init()}, then shows the workbench window, which switches workspaces without a restart
 * ({@link Workbench}). When the first workspace cannot be opened, the error says why and the start
 * screen offers to create or open another.
 */
public final class QueryBenchApplication extends Application {

    private final FxTaskRunner tasks = new FxTaskRunner();
    private final FxDialogService dialogs = new FxDialogService(MainWindow.stylesheet());
    private AppContext first;
    private AppContext.Settings settings;
    private Path home;
    private Throwable startupFailure;
    private WindowLayoutStore layoutStore;
    private WindowLayout layout = WindowLayout.DEFAULT;
    private WindowLayout closedLayout;
    private WorkspaceHistory history;
    private Workbench workbench;

    @Override
    public void init() {
        StartupTrace.mark("init");
        UiWarmUp.start();
        try {
            home = LaunchOptions.home(System.getenv(), Path.of(System.getProperty("user.home")));
            layoutStore = WindowLayoutStore.inHome(home);
            layout = layoutStore.load();
            history = WorkspaceHistory.inHome(home);
            settings = LaunchOptions.parse(getParameters().getRaw(), System.getenv(),
                    Path.of(System.getProperty("user.home")));
            String remembered = history.lastModel(settings.workspaceFolder().toAbsolutePath().normalize())
                    .orElse(null);
            first = AppContext.open(settings, tasks, dialogs, remembered);
            history.opened(first.workspace().root());
            StartupTrace.mark("workspace open");
        } catch (RuntimeException e) {
            startupFailure = e;
        }
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
        workbench = new Workbench(settings, SampleWorkspace.defaultLocation(home), tasks, dialogs, history);
        if (first != null) {
            workbench.adopt(first);
        } else {
            workbench.adopt(null);
        }
        WorkbenchWindow window = new WorkbenchWindow(stage, workbench, DesktopOpener.forThisOs(
                uri -> getHostServices().showDocument(uri.toString()), tasks, dialogs),
                Path.of(System.getProperty("user.home")), Platform::exit);
        window.show(layout, closed -> closedLayout = closed);
        if (first == null) {
            showStartupFailure();
        }
        StartupTrace.mark("window shown");
        ReadySignal.afterFirstFrame(stage);
    }

    @Override
    public void stop() {
        tasks.close();
        if (closedLayout != null) {
            // The window is gone by now, so this small write blocks nothing the user sees.
            try {
                layoutStore.save(closedLayout);
            } catch (java.io.UncheckedIOException e) {
                System.err.println("QueryBench: " + e.getMessage());
            }
        }
        AppContext open = workbench == null ? first : workbench.currentProperty().get();
        if (open != null) {
            open.close();
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
