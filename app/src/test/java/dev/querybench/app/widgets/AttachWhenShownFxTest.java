package dev.querybench.app.widgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.app.testing.Screens;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A hidden part of a screen ({@link AttachWhenShown}) is out of the scene graph, so nothing styles,
 * skins or lays it out, until it is first shown; it then returns to its place among its siblings,
 * whatever order the hidden parts are shown in, and stays when hidden again. A tab's content joins
 * when the tab is first selected.
 */
@ExtendWith(ApplicationExtension.class)
class AttachWhenShownFxTest {

    private final Label header = new Label("header");
    private final Label banner = new Label("banner");
    private final Label table = new Label("table");
    private final Label detail = new Label("detail");
    private final SimpleBooleanProperty bannerShown = new SimpleBooleanProperty();
    private final SimpleBooleanProperty detailShown = new SimpleBooleanProperty();
    private VBox screen;

    @Start
    void start(Stage stage) {
        screen = new VBox(header, banner, table, detail);
        banner.visibleProperty().bind(bannerShown);
        detail.visibleProperty().bind(detailShown);
        AttachWhenShown.whenVisible(banner);
        AttachWhenShown.whenVisible(detail);
        AttachWhenShown.whenVisible(header); // visible: stays
        stage.setScene(new Scene(screen, 300, 200));
        stage.show();
    }

    @Test
    void aHiddenPartJoinsTheSceneInItsPlaceWhenFirstShownAndStays(FxRobot robot) throws Exception {
        assertThat(children()).containsExactly(header, table);
        assertThat(Screens.fx(() -> banner.getScene())).as("not styled or laid out while hidden").isNull();

        robot.interact(() -> detailShown.set(true));
        assertThat(children()).containsExactly(header, table, detail);
        robot.interact(() -> bannerShown.set(true));
        assertThat(children()).containsExactly(header, banner, table, detail);
        assertThat(Screens.fx(() -> banner.getScene())).isSameAs(Screens.fx(() -> screen.getScene()));

        robot.interact(() -> bannerShown.set(false));
        assertThat(children()).as("hidden again: its visibility's job").containsExactly(header, banner, table, detail);
    }

    @Test
    void aTabsContentJoinsTheSceneWhenTheTabIsFirstSelected(FxRobot robot) throws Exception {
        Label history = new Label("history");
        Tab run = new Tab("Run", new Label("run"));
        Tab later = new Tab("History", history);
        TabPane tabs = Screens.fx(() -> new TabPane(run, later));
        robot.interact(() -> {
            AttachWhenShown.whenSelected(run); // selected: stays
            AttachWhenShown.whenSelected(later);
            screen.getChildren().add(tabs);
        });
        assertThat(Screens.fx(later::getContent)).isNull();
        assertThat(Screens.fx(run::getContent)).isNotNull();

        robot.interact(() -> tabs.getSelectionModel().select(later));
        assertThat(Screens.fx(later::getContent)).isSameAs(history);
        robot.interact(() -> tabs.getSelectionModel().select(run));
        assertThat(Screens.fx(later::getContent)).as("stays once attached").isSameAs(history);
    }

    @Test
    void aNodeOutsideAPaneIsRefused(FxRobot robot) {
        Label loose = new Label("loose");
        assertThatThrownBy(() -> AttachWhenShown.whenVisible(loose)).hasMessageContaining("child of a pane");
        Node inGroup = new Label("in a group");
        new Group(inGroup);
        assertThatThrownBy(() -> AttachWhenShown.whenVisible(inGroup)).hasMessageContaining("child of a pane");
    }

    private java.util.List<Node> children() throws Exception {
        return Screens.fx(() -> java.util.List.copyOf(screen.getChildren()));
    }
}
