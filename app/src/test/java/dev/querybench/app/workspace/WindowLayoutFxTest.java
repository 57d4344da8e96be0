package dev.querybench.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.querybench.app.testing.SampleApp;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window layout survives a restart: a window closed with a size, position, dividers, section
 * and theme writes them to the home's layout file, and the next window opens the same way.
 */
@ExtendWith(ApplicationExtension.class)
class WindowLayoutFxTest {

    @TempDir
    static Path home;

    private static SampleApp app;

    @BeforeAll
    static void openSample() {
        app = SampleApp.withStubModel(home);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void theLayoutOfTheClosedWindowIsTheLayoutOfTheNextOne(FxRobot robot) throws Exception {
        WindowLayoutStore store = WindowLayoutStore.inHome(home.resolve("qb-home"));
        WindowLayout first = store.load();
        assertThat(first).isEqualTo(WindowLayout.DEFAULT);

        // First start: the default layout; the user moves, resizes, drags a divider, goes dark, opens Prompts.
        Stage stage = open(robot, first, store);
        // Screens join the window when first shown (LazyScreens): visit the two whose dividers are dragged.
        robot.interact(() -> app.context.mainViewModel().select(Section.DATASETS));
        robot.interact(() -> app.context.mainViewModel().select(Section.SQL_CONSOLE));
        robot.interact(() -> app.context.mainViewModel().select(Section.PROMPTS));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            stage.setX(35);
            stage.setY(45);
            stage.setWidth(1100);
            stage.setHeight(720);
            split(stage, "promptSplit").setDividerPositions(0.24, 0.62);
            split(stage, "datasetSplit").setDividerPositions(0.45);
        });
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT3);
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.D);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(stage::close);
        WaitForAsyncUtils.waitForFxEvents();

        WindowLayout saved = store.load();
        assertThat(saved.x()).isEqualTo(35);
        assertThat(saved.y()).isEqualTo(45);
        assertThat(saved.width()).isEqualTo(1100);
        assertThat(saved.height()).isEqualTo(720);
        assertThat(saved.maximized()).isFalse();
        assertThat(saved.section()).isEqualTo(Section.PROMPTS);
        assertThat(saved.theme()).isEqualTo(Theme.DARK);
        // The panes' minimum widths may nudge a divider a little; the defaults are 0.2, 0.58 and 0.5. The
        // Datasets split is vertical: at 720 px its area is about 350 px high, and its table's minimum height
        // (120 px) keeps the divider at 0.34 or lower down, so the test moves it to 0.45.
        assertThat(saved.dividers().get("promptSplit")).satisfiesExactly(d -> assertThat(d).isCloseTo(0.24, within(0.01)),
                d -> assertThat(d).isCloseTo(0.62, within(0.01)));
        assertThat(saved.dividers().get("datasetSplit")).singleElement().satisfies(d -> assertThat(d).isCloseTo(0.45,
                within(0.01)));
        assertThat(saved.dividers()).containsKeys("consoleSplit", "consoleEditorSplit");

        // Second start, from the file: the same window.
        app.context.mainViewModel().select(Section.RUNS);
        app.context.mainViewModel().themeProperty().set(Theme.LIGHT);
        Stage again = open(robot, saved, store);
        assertThat(again.getX()).isEqualTo(35);
        assertThat(again.getY()).isEqualTo(45);
        assertThat(again.getWidth()).isEqualTo(1100);
        assertThat(again.getHeight()).isEqualTo(720);
        assertThat(app.context.mainViewModel().selectedSectionProperty().get()).isEqualTo(Section.PROMPTS);
        assertThat(shown(robot.lookup("#promptEditor").query())).isTrue();
        assertThat(again.getScene().getStylesheets()).last().asString().endsWith("/theme/dark.css");
        double[] restored = split(again, "promptSplit").getDividerPositions();
        assertThat(restored[0]).isCloseTo(saved.dividers().get("promptSplit").get(0), within(0.005));
        assertThat(restored[1]).isCloseTo(saved.dividers().get("promptSplit").get(1), within(0.005));
        robot.interact(() -> app.context.mainViewModel().select(Section.DATASETS));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(split(again, "datasetSplit").getDividerPositions()[0]).isCloseTo(0.45, within(0.01));

        // Maximised: kept as such, with the bounds to return to.
        robot.interact(() -> again.setMaximized(true));
        robot.interact(again::close);
        WindowLayout maximised = store.load();
        assertThat(maximised.maximized()).isTrue();
        // the console was not visited in the second start: its dividers are kept as they were
        assertThat(maximised.dividers().get("consoleEditorSplit")).isEqualTo(saved.dividers().get("consoleEditorSplit"));
        assertThat(maximised.width()).isEqualTo(1100);
        assertThat(maximised.x()).isEqualTo(35);
        Stage third = open(robot, maximised, store);
        assertThat(third.isMaximized()).isTrue();
        robot.interact(third::close);
        app.context.mainViewModel().themeProperty().set(Theme.LIGHT);
    }

    @Test
    void aComparisonTabOpensWithTheDividerOfTheLastOne(FxRobot robot) throws Exception {
        WindowLayoutStore store = WindowLayoutStore.inHome(home.resolve("compare-home"));
        WindowLayout saved = new WindowLayout(Double.NaN, Double.NaN, 1440, 900, false,
                Map.of("compareSplitH", java.util.List.of(0.55)), Section.RUNS, Theme.LIGHT);
        Stage stage = open(robot, saved, store);
        MainViewModel main = app.context.mainViewModel();
        robot.interact(() -> main.runs().setup().variants().getLast().setSelected(false));
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.R);
        dev.querybench.app.testing.Screens.waitFor(60,
                () -> main.runs().phaseProperty().get() == dev.querybench.app.runs.RunPhase.FINISHED);
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.C);
        dev.querybench.app.testing.Screens.waitFor(20, () -> split(stage, "compareSplitH") != null);

        assertThat(split(stage, "compareSplitH").getDividerPositions()[0]).isCloseTo(0.55, within(0.01));
        robot.interact(() -> split(stage, "compareSplitH").setDividerPositions(0.45));
        // the next comparison tab of this start opens where the user left the last one
        robot.interact(() -> main.runsScreen().close(main.runsScreen().selectedComparisonProperty().get()));
        dev.querybench.app.testing.Screens.waitFor(20, () -> split(stage, "compareSplitH") == null);
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.C);
        dev.querybench.app.testing.Screens.waitFor(20, () -> split(stage, "compareSplitH") != null);
        assertThat(split(stage, "compareSplitH").getDividerPositions()[0]).isCloseTo(0.45, within(0.01));
        robot.interact(stage::close);
        assertThat(store.load().dividers().get("compareSplitH")).singleElement()
                .satisfies(d -> assertThat(d).isCloseTo(0.45, within(0.01)));
        robot.interact(() -> main.runs().setup().variants().getLast().setSelected(true));
    }

    private static Stage open(FxRobot robot, WindowLayout layout, WindowLayoutStore store) {
        AtomicReference<Stage> opened = new AtomicReference<>();
        robot.interact(() -> {
            Stage stage = new Stage();
            new MainWindow(app.context.mainViewModel()).show(stage, layout, store::save);
            opened.set(stage);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return opened.get();
    }

    private static SplitPane split(Stage stage, String id) {
        return (SplitPane) stage.getScene().getRoot().lookup("#" + id);
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
