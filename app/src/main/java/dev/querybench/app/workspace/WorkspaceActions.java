package dev.querybench.app.workspace;

import java.nio.file.Path;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The File menu's workspace commands, carried out by the window that owns the workspaces. */
public interface WorkspaceActions {

    /** Asks for a template and a folder, then creates and opens the workspace. */
    void newWorkspace();

    /** Asks for a folder, then opens the workspace in it. */
    void openWorkspace();

    void openRecent(Path folder);

    void openSample();

    void closeWorkspace();

    void quit();

    /** Recently opened workspaces, newest first. */
    ObservableList<Path> recent();

    /** Commands that do nothing (a window shown on its own, in tests). */
    static WorkspaceActions none() {
        ObservableList<Path> empty = FXCollections.emptyObservableList();
        return new WorkspaceActions() {
            @Override
            public void newWorkspace() { }

            @Override
            public void openWorkspace() { }

            @Override
            public void openRecent(Path folder) { }

            @Override
            public void openSample() { }

            @Override
            public void closeWorkspace() { }

            @Override
            public void quit() { }

            @Override
            public ObservableList<Path> recent() {
                return empty;
            }
        };
    }
}
