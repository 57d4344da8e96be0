package dev.querybench.app;

import dev.querybench.app.workspace.Section;
import dev.querybench.app.workspace.WindowLayout;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * What the window shows while the first workspace opens: the main window's frame (menu bar,
 * sidebar with the sections, status bar) in the last start's size, place and theme, with "Opening
 * …" where the screen will be. It needs no workspace, so the window, its stylesheets and the
 * toolkit's first frame are done on the FX thread while another thread reads the workspace; the
 * main window then takes the stage over. Nothing here can be clicked: the menus are disabled.
 */
final class StartupSkeleton {

    private StartupSkeleton() {}

    /** Puts the skeleton on {@code stage} as {@code layout} says and shows it. FX thread. */
    static void show(Stage stage, WindowLayout layout, String folderName) {
        Scene scene = new Scene(root(folderName), layout.width(), layout.height());
        scene.getStylesheets().setAll(layout.theme().stylesheets());
        stage.setTitle("QueryBench — opening " + folderName);
        stage.setScene(scene);
        stage.setMinWidth(980);
        stage.setMinHeight(640);
        if (layout.hasPosition() && !Screen.getScreensForRectangle(layout.x(), layout.y(),
                Math.min(layout.width(), 100), Math.min(layout.height(), 100)).isEmpty()) {
            stage.setX(layout.x());
            stage.setY(layout.y());
        }
        stage.setMaximized(layout.maximized());
        stage.show();
    }

    static Parent root(String folderName) {
        MenuBar menus = new MenuBar();
        for (String name : new String[] {"File", "Run", "Edit", "View"}) {
            Menu menu = new Menu(name);
            menu.setDisable(true);
            menus.getMenus().add(menu);
        }
        Label appName = new Label("QueryBench");
        appName.getStyleClass().add("app-name");
        Label workspace = new Label(folderName);
        workspace.getStyleClass().add("workspace-name");
        VBox brand = new VBox(2, appName, workspace);
        brand.getStyleClass().add("brand");
        Label heading = new Label("WORKSPACE");
        heading.getStyleClass().add("sidebar-heading");
        VBox sections = new VBox();
        sections.getStyleClass().add("navigator");
        for (Section section : Section.values()) {
            Label label = new Label(section.label());
            label.getStyleClass().add("nav-label");
            HBox entry = new HBox(label);
            entry.setPadding(new Insets(9, 12, 9, 29));
            entry.getStyleClass().add("nav-entry");
            sections.getChildren().add(entry);
        }
        VBox.setVgrow(sections, Priority.ALWAYS);
        VBox sidebar = new VBox(brand, heading, sections);
        sidebar.getStyleClass().add("sidebar");
        sidebar.setPrefWidth(232);
        sidebar.setMinWidth(200);
        Label opening = new Label("Opening the workspace…");
        opening.setId("startupOpening");
        opening.getStyleClass().add("muted");
        VBox content = new VBox(opening);
        content.setAlignment(Pos.CENTER);
        content.getStyleClass().add("content");
        Label status = new Label("Opening " + folderName + "…");
        HBox statusBar = new HBox(10, status, new Region());
        statusBar.getStyleClass().add("status-bar");
        statusBar.setAlignment(Pos.CENTER_LEFT);
        BorderPane root = new BorderPane(content, menus, null, statusBar, sidebar);
        root.getStyleClass().add("main-window");
        root.setId("startupSkeleton");
        return root;
    }
}
