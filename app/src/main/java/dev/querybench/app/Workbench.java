package dev.querybench.app;

import dev.querybench.app.core.DialogService;
import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.core.WorkspaceHistory;
import dev.querybench.app.dataset.TestSuiteViewModel;
import dev.querybench.app.text.Wording;
import dev.querybench.app.workspace.Section;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.errors.Redactor;
import dev.querybench.engine.templates.WorkspaceTemplates;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The workbench's workspace lifecycle: which workspace is open, and the intents to create, open,
 * reopen, switch and close one without restarting. Opening happens off the FX thread; the new
 * {@link AppContext} replaces the old one only once it is ready, and the old one's services (database
 * pools, health monitor, tracer, background jobs) are then stopped and released. Recent workspaces
 * and the model chosen in each are kept in {@link WorkspaceHistory}. Call from the FX thread.
 */
public final class Workbench {

    /** What a start uses besides the folder: environment, command-line model, clock; the sample's place. */
    private final AppContext.Settings start;
    private final Path sampleFolder;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final WorkspaceHistory history;
    private final WorkspaceTemplates templates = new WorkspaceTemplates();

    private final ReadOnlyObjectWrapper<AppContext> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ChangeListener<Object> modelChosen = (obs, was, is) -> rememberModel();
    private final ChangeListener<Workspace> wizardSaved = (obs, was, is) -> {
        if (is != null) {
            reload(Section.CONNECTIONS);
        }
    };
    private final ChangeListener<Object> suiteSaved = (obs, was, is) -> {
        if (is != null) {
            reloadForSuite();
        }
    };
    /** The test-suite panel of the context a reload for a new suite replaces: the new one shows what it showed. */
    private TestSuiteViewModel carriedSuite;

    /**
     * @param start how the app was started (its folder is the first workspace opened)
     * @param sampleFolder where the built-in sample is written
     */
    public Workbench(AppContext.Settings start, Path sampleFolder, TaskRunner tasks, DialogService dialogs,
            WorkspaceHistory history) {
        this.start = start;
        this.sampleFolder = sampleFolder;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.history = history;
    }

    /** Shows a context opened before the window (the start), as if it had been opened here. */
    public void adopt(AppContext context) {
        replace(context, null);
        refreshRecent();
    }

    // ---- intents

    /** Opens the workspace in {@code folder}, closing the one open now once the new one is ready. */
    public void open(Path folder) {
        switchTo("Opening " + folder + "…", () -> openContext(start.withWorkspace(folder)), null);
    }

    /** Opens the built-in sample (written to QueryBench's home first). */
    public void openSample() {
        AppContext.Settings sample = new AppContext.Settings(sampleFolder, true, start.environment(),
                start.adHocModel(), start.baseUrl(), start.clock());
        switchTo("Opening the sample workspace…", () -> openContext(sample), null);
    }

    /** Creates a workspace from a template in {@code folder} and opens it. */
    public void create(Path folder, WorkspaceTemplates.Template template, Path datasetFile) {
        switchTo("Creating a workspace in " + folder + "…", () -> {
            templates.create(folder, template, datasetFile);
            return openContext(start.withWorkspace(folder));
        }, null);
    }

    /** Opens the current workspace again from its files (after the wizard saved), showing {@code section}. */
    public void reload(Section section) {
        AppContext open = current.get();
        if (open != null) {
            Path folder = open.workspace().root();
            boolean sample = folder.equals(sampleFolder.toAbsolutePath().normalize());
            AppContext.Settings settings = new AppContext.Settings(folder, false, start.environment(),
                    start.adHocModel(), start.baseUrl(), start.clock());
            switchTo((sample ? "Reloading the sample" : "Reloading " + folder) + "…", () -> openContext(settings),
                    section);
        }
    }

    /**
     * Opens the workspace again after a test-suite build listed new instances in its file, so runs use
     * them; the Datasets screen keeps showing the build's results. Not while a run is in progress or a
     * prompt has unsaved edits (the panel says so instead, and the next opening uses them).
     */
    private void reloadForSuite() {
        AppContext open = current.get();
        if (open == null) {
            return;
        }
        TestSuiteViewModel suite = open.mainViewModel().datasetBrowser().testSuite();
        if (open.runViewModel().phaseProperty().get().isActive()) {
            suite.reloadPostponed("A run is in progress");
        } else if (open.mainViewModel().promptEditor().dirtyProperty().get()) {
            suite.reloadPostponed("A prompt has unsaved edits");
        } else if (busy.get()) {
            suite.reloadPostponed("Another workspace is being opened");
        } else {
            carriedSuite = suite;
            reload(Section.DATASETS);
        }
    }

    /** Closes the workspace: the start screen shows; nothing is left running. */
    public void closeWorkspace() {
        if (current.get() != null && mayLeave()) {
            replace(null, null);
        }
    }

    /** True when the open workspace may be left: nothing unsaved is lost and no run is cut short unasked. */
    public boolean mayLeave() {
        AppContext open = current.get();
        if (open == null) {
            return true;
        }
        if (open.runViewModel().phaseProperty().get().isActive()) {
            if (!dialogs.confirm("A run is in progress", "Leaving this workspace cancels the run in progress; its"
                    + " finished items are kept and it can be resumed later.", "Cancel the run and leave")) {
                return false;
            }
            open.runViewModel().cancelRun();
        }
        return open.mainViewModel().confirmClose();
    }

    // ---- work

    private AppContext openContext(AppContext.Settings settings) {
        String remembered = history.lastModel(settings.workspaceFolder().toAbsolutePath().normalize()).orElse(null);
        AppContext context = AppContext.open(settings, tasks, dialogs, remembered);
        history.opened(context.workspace().root());
        return context;
    }

    private void switchTo(String what, Callable<AppContext> opening, Section section) {
        if (busy.get() || !mayLeave()) {
            return;
        }
        busy.set(true);
        status.set(what);
        tasks.submit(opening, opened -> {
            busy.set(false);
            status.set("");
            replace(opened, section);
            refreshRecent();
        }, failure -> {
            busy.set(false);
            status.set("");
            carriedSuite = null;
            showFailure(failure);
        });
    }

    private void replace(AppContext next, Section section) {
        AppContext old = current.get();
        if (old != null) {
            old.runViewModel().setup().selectedModelProperty().removeListener(modelChosen);
            old.mainViewModel().wizard().savedProperty().removeListener(wizardSaved);
            old.mainViewModel().datasetBrowser().testSuite().savedProperty().removeListener(suiteSaved);
            old.deactivate();
        }
        if (next != null) {
            if (section != null) {
                next.mainViewModel().select(section);
            } else if (old != null) {
                next.mainViewModel().select(old.mainViewModel().selectedSectionProperty().get());
            }
            next.runViewModel().setup().selectedModelProperty().addListener(modelChosen);
            next.mainViewModel().wizard().savedProperty().addListener(wizardSaved);
            next.mainViewModel().datasetBrowser().testSuite().savedProperty().addListener(suiteSaved);
            if (carriedSuite != null) {
                next.mainViewModel().datasetBrowser().testSuite().carryOver(carriedSuite);
            }
        }
        carriedSuite = null;
        current.set(next);
        if (old != null) {
            // pools, the run store and the tracer's flush may block: off the FX thread
            tasks.submit(() -> {
                old.release();
                return old;
            }, released -> { }, failure -> System.err.println("QueryBench: closing the previous workspace: "
                    + Redactor.none().redact(String.valueOf(failure))));
        }
    }

    private void rememberModel() {
        AppContext open = current.get();
        if (open == null || open.runViewModel().setup().selectedModelProperty().get() == null) {
            return;
        }
        Path folder = open.workspace().root();
        String model = open.runViewModel().setup().selectedModelProperty().get().id();
        tasks.submit(() -> {
            history.chose(folder, model);
            return model;
        }, saved -> { }, failure -> { });
    }

    private void refreshRecent() {
        tasks.submit(history::recent, recent::setAll, failure -> recent.clear());
    }

    private void showFailure(Throwable failure) {
        if (failure instanceof QueryBenchException known) {
            dialogs.showError("Cannot open the workspace", Wording.sentences(Explanation.of(known)),
                    known.getCause() == null ? "" : Redactor.none().redact(String.valueOf(known.getCause())));
        } else {
            dialogs.showError("Cannot open the workspace", "Opening the workspace failed unexpectedly.",
                    "Check the folder and try again; report the details if it keeps happening.",
                    Redactor.none().redact(String.valueOf(failure)));
        }
    }


    // ---- properties

    /** The open workspace's context, or null while none is open (the start screen shows). */
    public ReadOnlyObjectProperty<AppContext> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** Recently opened workspaces, newest first. */
    public ObservableList<Path> recent() {
        return recent;
    }

    public List<Path> recentSnapshot() {
        return List.copyOf(recent);
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What is being opened, or empty. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
