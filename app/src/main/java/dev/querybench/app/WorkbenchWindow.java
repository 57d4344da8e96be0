package dev.querybench.app;

import dev.querybench.app.workspace.MainWindow;
import dev.querybench.app.workspace.NewWorkspaceView;
import dev.querybench.app.workspace.NewWorkspaceViewModel;
import dev.querybench.app.workspace.StartView;
import dev.querybench.app.workspace.WindowLayout;
import dev.querybench.app.workspace.WorkspaceActions;
import dev.querybench.engine.templates.WorkspaceTemplates;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;

/**
 * The one window of the workbench: the main window of the open workspace, rebuilt in place when the
 * {@link Workbench} switches to another, or the start screen while none is open. Title, status bar
 * and menus always belong to the workspace shown. Its File menu commands are carried out here.
 * Call from the FX thread.
 */
public final class WorkbenchWindow implements WorkspaceActions {

    private static final String NO_WORKSPACE = "QueryBench — no workspace open";

    private final Stage stage;
    private final Workbench workbench;
    private final Consumer<URI> opener;
    private final Path home;
    private final Runnable quit;
    private MainWindow shown;
    private boolean switched;
    private WindowLayout layout;
    private Consumer<WindowLayout> onClosed = closed -> { };

    /**
     * @param home the user's home folder, where a new workspace is suggested
     * @param quit ends the application (after the window's layout was handed over)
     */
    public WorkbenchWindow(Stage stage, Workbench workbench, Consumer<URI> opener, Path home, Runnable quit) {
        this.stage = stage;
        this.workbench = workbench;
        this.opener = opener;
        this.home = home;
        this.quit = quit;
    }

    /** Shows the open workspace (or the start screen) as {@code layout} says, and follows every switch. */
    public void show(WindowLayout startLayout, Consumer<WindowLayout> closed) {
        this.layout = startLayout;
        this.onClosed = closed;
        workbench.currentProperty().addListener((obs, was, is) -> showContext(is));
        showContext(workbench.currentProperty().get());
    }

    private void showContext(AppContext context) {
        if (shown != null) {
            layout = shown.layout(stage);
            shown.detach(stage);
            shown = null;
        }
        if (context == null) {
            Scene scene = new Scene(new StartView(this, workbench.statusProperty()).build(),
                    stage.getScene() == null ? layout.width() : stage.getScene().getWidth(),
                    stage.getScene() == null ? layout.height() : stage.getScene().getHeight());
            scene.getStylesheets().setAll(layout.theme().stylesheets());
            stage.setTitle(NO_WORKSPACE);
            stage.setScene(scene);
            stage.setOnHidden(event -> onClosed.accept(layout));
            stage.setOnCloseRequest(null);
            stage.show();
            switched = true;
            return;
        }
        shown = new MainWindow(context.mainViewModel(), opener, this);
        // the first window opens where the last start left it; a switch keeps the section the workbench chose
        WindowLayout current = switched ? layout.withSection(context.mainViewModel().selectedSectionProperty().get())
                : layout;
        switched = true;
        shown.show(stage, current, onClosed);
    }

    /** The window's layout now, for the next start. */
    public WindowLayout layout() {
        return shown != null ? shown.layout(stage) : layout;
    }

    // ---- the File menu

    @Override
    public void newWorkspace() {
        NewWorkspaceViewModel viewModel = new NewWorkspaceViewModel(NewWorkspaceView.suggestedFolder(home));
        new NewWorkspaceView(viewModel, stage).showAndWait().ifPresent(request -> workbench.create(request.folder(),
                switch (request.kind()) {
                    case EMPTY -> WorkspaceTemplates.Template.EMPTY;
                    case SAMPLE -> WorkspaceTemplates.Template.SAMPLE;
                    case IMPORT -> WorkspaceTemplates.Template.IMPORT;
                }, request.datasetFile()));
    }

    @Override
    public void openWorkspace() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a workspace: the folder with querybench.yaml");
        File chosen = chooser.showDialog(stage);
        if (chosen != null) {
            workbench.open(chosen.toPath());
        }
    }

    @Override
    public void openRecent(Path folder) {
        workbench.open(folder);
    }

    @Override
    public void openSample() {
        workbench.openSample();
    }

    @Override
    public void closeWorkspace() {
        workbench.closeWorkspace();
    }

    @Override
    public void quit() {
        if (workbench.mayLeave()) {
            stage.hide();
            quit.run();
        }
    }

    @Override
    public ObservableList<Path> recent() {
        return workbench.recent();
    }
}
