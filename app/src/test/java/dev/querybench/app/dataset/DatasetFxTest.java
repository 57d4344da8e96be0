package dev.querybench.app.dataset;

import static dev.querybench.app.testing.Screens.screenshot;
import static dev.querybench.app.testing.Screens.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.testing.SampleApp;
import dev.querybench.app.testing.SampleAppExtension;
import dev.querybench.app.widgets.ResultGrid;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The dataset browser in the main window: gold check results and one question's gold rows. */
@ExtendWith({SampleAppExtension.class, ApplicationExtension.class})
class DatasetFxTest {

    private SampleApp app;
    private Scene scene;

    @Start
    void start(Stage stage) {
        scene = SampleApp.showMainWindow(app, stage, 1440, 900);
    }

    @Test
    void goldCheckResultsAndAQuestionsRows(FxRobot robot) throws Exception {
        DatasetViewModel vm = app.context.mainViewModel().datasetBrowser();
        robot.clickOn("Datasets");
        waitFor(60, () -> !vm.checkingProperty().get() && vm.checkSummaryProperty().get().startsWith("54 gold queries run"));
        assertThat(robot.lookup("#goldCheckSummary").queryAs(Label.class).getText()).contains(" 0 fail");
        TableView<?> table = robot.lookup("#datasetTable").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(54);
        robot.clickOn("#datasetSearch").write("supplier");
        waitFor(5, () -> table.getItems().size() < 54);
        robot.interact(() -> table.getSelectionModel().select(0));
        ResultGrid rows = robot.lookup("#datasetGoldRows").queryAs(ResultGrid.class);
        waitFor(20, () -> !rows.getItems().isEmpty());
        assertThat(robot.lookup("#datasetDetailTitle").queryAs(Label.class).getText()).startsWith("q0");
        screenshot(scene, "dataset.png");
    }
}
