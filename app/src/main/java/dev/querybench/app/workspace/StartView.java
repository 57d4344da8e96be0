package dev.querybench.app.workspace;

import java.nio.file.Path;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * What the window shows when no workspace is open: create one, open one, the recent ones, the
 * sample. The same commands are in its File menu with the main window's shortcuts.
 */
public final class StartView {

    private final WorkspaceActions actions;
    private final ObservableStringValue status;
    private final VBox recentBox = new VBox(4);

    public StartView(WorkspaceActions actions, ObservableStringValue status) {
        this.actions = actions;
        this.status = status;
    }

    public Parent build() {
        Label title = new Label("No workspace is open");
        title.getStyleClass().add("screen-title");
        Label hint = new Label("A workspace is a folder with querybench.yaml: the database, the questions with gold SQL,"
                + " the prompt variants and the models to compare.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        Button create = new Button("New workspace…");
        create.setId("startNew");
        create.getStyleClass().add("primary");
        create.setOnAction(event -> actions.newWorkspace());
        Button open = new Button("Open workspace…");
        open.setId("startOpen");
        open.setOnAction(event -> actions.openWorkspace());
        Button sample = new Button("Open the sample");
        sample.setId("startSample");
        sample.setOnAction(event -> actions.openSample());
        Label recentTitle = new Label("RECENT");
        recentTitle.getStyleClass().add("field-label");
        Label working = new Label();
        working.setId("startStatus");
        working.getStyleClass().add("muted");
        working.textProperty().bind(status);
        fillRecent();
        actions.recent().addListener((ListChangeListener<Path>) change -> fillRecent());
        VBox card = new VBox(14, title, hint, new HBox(8, create, open, sample), recentTitle, recentBox, working);
        card.getStyleClass().addAll("card", "start-card");
        card.setPadding(new Insets(24));
        card.setMaxWidth(720);
        VBox centre = new VBox(card);
        centre.setAlignment(Pos.TOP_CENTER);
        centre.setPadding(new Insets(48, 24, 24, 24));
        centre.getStyleClass().add("start-screen");
        BorderPane root = new BorderPane(centre);
        root.setTop(menuBar());
        root.setId("startView");
        return root;
    }

    private MenuBar menuBar() {
        MenuItem create = item("New workspace…", "Shortcut+N", actions::newWorkspace);
        MenuItem open = item("Open workspace…", "Shortcut+O", actions::openWorkspace);
        MenuItem sample = item("Open the sample workspace", null, actions::openSample);
        MenuItem quit = item("Quit", "Shortcut+Q", actions::quit);
        Menu file = new Menu("_File", null, create, open, sample, new javafx.scene.control.SeparatorMenuItem(), quit);
        return new MenuBar(file);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(event -> action.run());
        return item;
    }

    private void fillRecent() {
        recentBox.getChildren().clear();
        if (actions.recent().isEmpty()) {
            Label none = new Label("Workspaces you open are listed here.");
            none.getStyleClass().add("muted");
            recentBox.getChildren().add(none);
        }
        for (Path folder : actions.recent()) {
            Hyperlink link = new Hyperlink(folder.getFileName() + "  ·  " + folder);
            link.setMnemonicParsing(false);
            link.setOnAction(event -> actions.openRecent(folder));
            recentBox.getChildren().add(link);
        }
    }
}
