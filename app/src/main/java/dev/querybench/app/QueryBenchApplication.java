package dev.querybench.app;

import dev.querybench.app.core.AppContext;
import dev.querybench.app.core.FxDialogService;
import dev.querybench.app.core.FxTaskRunner;
import dev.querybench.app.workspace.MainWindow;
import dev.querybench.app.workspace.WindowLayout;
import dev.querybench.app.workspace.WindowLayoutStore;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.errors.Redactor;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application: opens the workspace off the FX thread in {@link #init()}, then shows
 * the main window, or an error dialog with the remedy when the workspace cannot be opened.
 */
public final class QueryBenchApplication extends Application {

    private final FxTaskRunner tasks = new FxTaskRunner();
    private final FxDialogService dialogs = new FxDialogService(MainWindow.stylesheet());
    private AppContext context;
    private Throwable startupFailure;
    private WindowLayoutStore layoutStore;
    private WindowLayout layout = WindowLayout.DEFAULT;
    private WindowLayout closedLayout;

    @Override
    public void init() {
        try {
            AppContext.Settings settings = LaunchOptions.parse(getParameters().getRaw(), System.getenv(),
                    Path.of(System.getProperty("user.home")));
            layoutStore = WindowLayoutStore.inHome(LaunchOptions.home(System.getenv(),
                    Path.of(System.getProperty("user.home"))));
            layout = layoutStore.load();
            context = AppContext.open(settings, tasks, dialogs);
        } catch (RuntimeException e) {
            startupFailure = e;
        }
    }

    @Override
    public void start(Stage stage) {
        if (context == null) {
            showStartupFailure();
            Platform.exit();
            return;
        }
        dialogs.setOwner(stage);
        new MainWindow(context.mainViewModel(), uri -> getHostServices().showDocument(uri.toString()))
                .show(stage, layout, closed -> closedLayout = closed);
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
        if (context != null) {
            context.close();
        }
    }

    private void showStartupFailure() {
        if (startupFailure instanceof QueryBenchException known) {
            dialogs.showError("QueryBench cannot start", known.error().message(), known.error().remedy(),
                    known.getCause() == null ? "" : Redactor.none().redact(String.valueOf(known.getCause())));
        } else {
            dialogs.showError("QueryBench cannot start", "Opening the workspace failed unexpectedly.",
                    "Check the workspace folder and try again; report the details if it keeps happening.",
                    Redactor.none().redact(String.valueOf(startupFailure)));
        }
    }
}
