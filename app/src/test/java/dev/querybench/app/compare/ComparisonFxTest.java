package dev.querybench.app.compare;

import static dev.querybench.app.testing.Screens.fx;
import static dev.querybench.app.testing.Screens.screenshot;
import static dev.querybench.app.testing.Screens.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.runs.RunPhase;
import dev.querybench.app.runs.RunsViewModel;
import dev.querybench.app.testing.Readable;
import dev.querybench.app.testing.SampleApp;
import dev.querybench.app.testing.SampleAppExtension;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.app.widgets.ResultGrid;
import dev.querybench.app.workspace.MainWindow;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Run both variants from the window, open the comparison from the finished run, read a cell. */
@ExtendWith({SampleAppExtension.class, ApplicationExtension.class})
class ComparisonFxTest {

    private SampleApp app;
    private Scene scene;

    @SampleAppExtension.Opens
    static SampleApp open(Path home) {
        return SampleApp.withStubModel(home, SampleFixture::scriptTwoVariants);
    }

    @Start
    void start(Stage stage) {
        new MainWindow(app.context.mainViewModel()).show(stage, 1440, 960);
        scene = stage.getScene();
    }

    @Test
    void theFinishedRunOpensAsAComparisonTab(FxRobot robot) throws Exception {
        RunsViewModel runs = app.context.mainViewModel().runsScreen();
        robot.clickOn("#runButton");
        waitFor(60, () -> app.context.runViewModel().phaseProperty().get() == RunPhase.FINISHED);
        assertThat(robot.lookup("#compareLink").query().isVisible()).isTrue();

        robot.clickOn("#compareLink");
        waitFor(20, () -> runs.comparisons().size() == 1);
        TabPane tabs = robot.lookup("#runsTabs").queryAs(TabPane.class);
        assertThat(fx(() -> tabs.getSelectionModel().getSelectedItem().getText())).startsWith("Run 2");
        assertThat(robot.lookup(".compare-card .card-accuracy").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("18.5%", "25.9%");
        assertThat(robot.lookup("#pairText").queryAs(Label.class).getText())
                .isEqualTo("B − A = +7.4 pts · McNemar p = 0.289 · 6 flip to right · 2 flip to wrong");

        @SuppressWarnings("unchecked")
        TableView<MatrixRow> matrix = robot.lookup("#matrix").queryAs(TableView.class);
        assertThat(matrix.getItems()).hasSize(54);
        @SuppressWarnings("unchecked")
        ComboBox<MatrixFilter> filter = robot.lookup("#filterBox").queryAs(ComboBox.class);
        robot.interact(() -> filter.getSelectionModel().select(MatrixFilter.DISAGREEMENTS));
        assertThat(matrix.getItems()).hasSize(8);
        robot.interact(() -> Readable.assertWhole(scene.getRoot(),
                List.of("filterBox", "categoryBox", "difficultyBox", "matrixLegend", "compareSearch")));
        // The list that opens is as wide as its widest choice, though the box is as wide as its value.
        robot.clickOn("#filterBox");
        waitFor(5, () -> filter.isShowing() && robot.lookup(".combo-box-popup .list-view").tryQuery().isPresent());
        ListView<?> choices = robot.lookup(".combo-box-popup .list-view").queryAs(ListView.class);
        assertThat(fx(choices::getWidth)).isGreaterThan(fx(filter::getWidth));
        robot.interact(() -> Readable.assertAllWhole(choices));
        robot.type(KeyCode.ESCAPE);
        waitFor(5, () -> !filter.isShowing());

        // Hovering a verdict shows its predicted SQL and reason: the tooltip is made on the first
        // hover and filled as it shows.
        Label pill = robot.lookup("#matrix .verdict-pill").queryAs(Label.class);
        robot.moveTo("#compareSearch").moveTo(pill);
        waitFor(10, () -> javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w instanceof javafx.scene.control.Tooltip tip && tip.isShowing()
                        && tip.getText().contains("SELECT")));
        robot.moveTo("#compareSearch");

        robot.interact(() -> matrix.getSelectionModel().select(0, matrix.getColumns().get(4)));
        ComparisonViewModel vm = runs.comparisons().getFirst();
        waitFor(20, () -> !vm.detail().gridsLoadingProperty().get() && vm.detailShownProperty().get());
        assertThat(robot.lookup("#compareDetailTitle").queryAs(Label.class).getText())
                .isEqualTo("q001 · ddl-samples-hints · openai:gpt-4o-mini");
        ResultGrid gold = robot.lookup("#goldGrid").queryAs(ResultGrid.class);
        ResultGrid predicted = robot.lookup("#predictedGrid").queryAs(ResultGrid.class);
        assertThat(gold.getItems()).hasSize(1);
        assertThat(predicted.getItems()).hasSize(1);
        assertThat(robot.lookup("#goldGridSummary").queryAs(Label.class).getText())
                .isEqualTo("1 row · 1 missing from the prediction");
        assertThat(robot.lookup(".table-row-cell:missing").tryQuery()).isPresent();
        assertThat(robot.lookup(".table-row-cell:extra").tryQuery()).isPresent();
        // Not judged, no Langfuse: no empty judge widgets and no trace link.
        assertThat(robot.lookup("#judgeBox").query().isVisible()).isFalse();
        assertThat(robot.lookup("#traceLink").query().isVisible()).isFalse();
        assertThat(filter.getItems()).doesNotContain(MatrixFilter.JUDGE_DISAGREES);
        screenshot(scene, "compare-detail.png");

        robot.interact(() -> filter.getSelectionModel().select(MatrixFilter.ALL));
        robot.clickOn(".compare-card");
        assertThat(robot.lookup("#pairText").queryAs(Label.class).getText()).startsWith("B − A = -7.4 pts");
        robot.clickOn(".compare-card");
        screenshot(scene, "compare-overview.png");

        robot.clickOn("History");
        waitFor(10, () -> !runs.storedRuns().isEmpty());
        TableView<?> history = robot.lookup("#historyTable").queryAs(TableView.class);
        robot.interact(() -> history.getSelectionModel().select(0));
        robot.clickOn("#openRunButton");
        waitFor(10, () -> tabs.getSelectionModel().getSelectedItem().getText().startsWith("Run 2"));
        assertThat(runs.comparisons()).hasSize(1);
        assertThat(List.copyOf(tabs.getTabs())).hasSize(3);
    }
}
