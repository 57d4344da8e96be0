package dev.querybench.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.runs.ModelChoice;
import dev.querybench.app.runs.RunPhase;
import dev.querybench.app.runs.RunViewModel;
import dev.querybench.app.runs.VerdictFilter;
import dev.querybench.app.testing.SampleApp;
import dev.querybench.engine.sample.SampleWorkspace;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window on the sample workspace, headless, with the local OpenAI stub as the model.
 * Each test writes screenshots to {@code target/screenshots}.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path home;

    private static SampleApp app;
    private Scene scene;

    @BeforeAll
    static void openSample() {
        Path folder = SampleWorkspace.defaultLocation(home);
        // Every test here runs the same prompts; without the response cache each run really waits for
        // the model, which the cancel test needs.
        try {
            new SampleWorkspace().materialize(folder);
            Files.writeString(folder.resolve("querybench.yaml"), "cache: {enabled: false}\n",
                    StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        app = SampleApp.withStubModel(home);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Start
    void start(Stage stage) {
        new MainWindow(app.context.mainViewModel()).show(stage, 1440, 900);
        scene = stage.getScene();
    }

    @Test
    void runningFromTheWindowShowsAccuracyPerVariant(FxRobot robot) throws Exception {
        chooseModel(robot, "openai:gpt-4o-mini");
        RunViewModel runs = app.context.runViewModel();

        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> runs.phaseProperty().get() == RunPhase.FINISHED));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(texts(robot, ".card-title")).containsExactly("ddl-basic", "ddl-samples-hints", "Why items failed");
        assertThat(texts(robot, ".card-accuracy")).containsExactly("18.5%", "18.5%");
        assertThat(texts(robot, ".card-counts")).containsOnly("pass 10 · fail 44 · error 0");
        assertThat(robot.lookup("#progressLabel").queryAs(Label.class).getText())
                .startsWith("108/108 · pass 20 · fail 88 · error 0");
        assertThat(tableRows(robot)).isEqualTo(108);
        assertThat(visible(robot, "#errorBanner")).isFalse();
        assertThat(robot.lookup("#jobLabel").queryAs(Label.class).getText()).startsWith("Run 108/108");
        assertThat(app.stub.calls()).isGreaterThanOrEqualTo(108);

        screenshot("run-finished.png");
        // the finished run's results get the room: the setup is one line in the header
        assertThat(visible(robot, "#setupCard")).isFalse();
        assertThat(robot.lookup("#setupSummary").queryAs(Label.class).getText()).endsWith("= 108 items");
        assertThat(robot.lookup("#foldedRunButton").query().isVisible()).isTrue();

        @SuppressWarnings("unchecked")
        ComboBox<VerdictFilter> filter = robot.lookup("#verdictFilterBox").queryAs(ComboBox.class);
        robot.interact(() -> filter.getSelectionModel().select(VerdictFilter.NOT_PASS));
        assertThat(tableRows(robot)).isEqualTo(88);
        assertThat(robot.lookup("#resultsCount").queryAs(Label.class).getText()).isEqualTo("88 of 108 results");
        assertThat(visible(robot, "#detailPane")).isFalse();
        robot.clickOn(".table-row-cell .sql-cell");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visible(robot, "#detailPane")).isTrue();
        assertThat(robot.lookup("#detailPredicted").queryAs(TextArea.class).getText())
                .isEqualTo("SELECT 'wrong answer' AS nope");
        assertThat(robot.lookup("#detailGold").queryAs(TextArea.class).getText()).isNotBlank();
        assertThat(texts(robot, ".failure-count")).isNotEmpty();
        screenshot("run-failures.png");
        robot.interact(() -> filter.getSelectionModel().select(VerdictFilter.ALL));
        TableView<?> table = robot.lookup("#resultsTable").query();
        robot.interact(() -> table.getSelectionModel().clearSelection());
    }

    @Test
    void theHistoryTabJoinsTheSceneWhenFirstShown(FxRobot robot) throws Exception {
        // the first frame styles and lays out the Run tab only
        assertThat(robot.lookup("#historyTable").tryQuery()).isEmpty();

        robot.clickOn("History");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> history = robot.lookup("#historyTable").queryAs(TableView.class);
        assertThat(history.getSkin()).as("the history table, styled and skinned once shown").isNotNull();
        assertThat(history.getColumns()).hasSize(8);
        assertThat(history.isVisible()).isTrue();

        javafx.scene.control.TabPane tabs = robot.lookup("#runsTabs").queryAs(javafx.scene.control.TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(0));
        robot.clickOn("History");
        assertThat(robot.lookup("#historyTable").queryAs(TableView.class)).isSameAs(history);
        robot.interact(() -> tabs.getSelectionModel().select(0));
    }

    @Test
    void ctrlRStartsARunAndEscCancelsIt(FxRobot robot) throws Exception {
        chooseModel(robot, "openai:gpt-4o-mini");
        RunViewModel runs = app.context.runViewModel();
        // Slow answers keep the run going (27 rounds of 4 calls, over half a minute) while the test looks at it,
        // even on a loaded machine.
        app.stub.latency(Duration.ofMillis(1500));
        try {
            robot.push(KeyCode.CONTROL, KeyCode.R);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> runs.progress().doneItemsProperty().get() >= 12));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#progressLabel").queryAs(Label.class).getText()).matches(
                    "\\d+/108 · pass \\d+ · fail \\d+ · error 0 · [\\d.]+k? tokens · .+ · ETA .+");
            assertThat(robot.lookup("#runButton").query().isDisabled()).isTrue();
            assertThat(robot.lookup("#cancelButton").query().isDisabled()).isFalse();
            screenshot("run-in-progress.png");

            robot.push(KeyCode.ESCAPE);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> fx(() -> runs.phaseProperty().get() == RunPhase.CANCELLED));
            WaitForAsyncUtils.waitForFxEvents();
        } finally {
            app.stub.latency(Duration.ZERO);
        }
        int done = fx(() -> runs.progress().doneItemsProperty().get());
        assertThat(done).isBetween(12, 107);
        assertThat(robot.lookup("#statusLabel").queryAs(Label.class).getText())
                .startsWith("Cancelled: " + done + " of 108 items finished and kept");
        assertThat(tableRows(robot)).isEqualTo(done);
        assertThat(robot.lookup("#runButton").query().isDisabled()).isFalse();
    }

    @Test
    void aModelWithoutItsKeyShowsABannerWithTheRemedy(FxRobot robot) throws Exception {
        if (!visible(robot, "#setupCard")) {
            // an earlier run folded the setup into the header line: open it again
            assertThat(robot.lookup("#setupSummary").queryAs(Label.class).getText()).contains(" items");
            robot.clickOn("#setupToggle");
            WaitForAsyncUtils.waitForFxEvents();
        }
        chooseModel(robot, "gpt-4o-mini");

        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> fx(() -> app.context.runViewModel().phaseProperty().get() == RunPhase.FAILED));
        WaitForAsyncUtils.waitForFxEvents();
        // the setup is what needs fixing, so a failed run leaves it open
        assertThat(visible(robot, "#setupCard")).isTrue();

        assertThat(visible(robot, "#errorBanner")).isTrue();
        assertThat(robot.lookup("#errorMessage").queryAs(Label.class).getText()).contains("OPENAI_API_KEY")
                .doesNotContain("Exception");
        assertThat(robot.lookup("#errorRemedy").queryAs(Label.class).getText())
                .isEqualTo("Export OPENAI_API_KEY before starting QueryBench.");
        screenshot("run-missing-key.png");

        chooseModel(robot, "openai:gpt-4o-mini");
    }

    @Test
    void everySectionShowsItsOwnScreen(FxRobot robot) throws Exception {
        MainViewModel main = app.context.mainViewModel();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> !main.page(Section.HEALTH).busyProperty().get()
                && !main.page(Section.SQL_CONSOLE).busyProperty().get()));

        java.util.Map<Section, String> screens = new java.util.LinkedHashMap<>();
        screens.put(Section.CONNECTIONS, "#wizardSteps");
        screens.put(Section.DATASETS, "#datasetTable");
        screens.put(Section.PROMPTS, "#promptEditor");
        screens.put(Section.SQL_CONSOLE, "#consoleGrid");
        screens.put(Section.HEALTH, "#healthEndpoints");
        for (var screen : screens.entrySet()) {
            robot.clickOn(screen.getKey().label());
            WaitForAsyncUtils.waitForFxEvents();
            for (var other : screens.entrySet()) {
                // a section not shown yet is not in the scene graph at all (LazyScreens)
                assertThat(robot.lookup(other.getValue()).tryQuery().map(MainWindowFxTest::shown).orElse(false))
                        .as(other.getValue() + " on "
                        + screen.getKey()).isEqualTo(other.getKey() == screen.getKey());
            }
        }
        Node doctorLines = robot.lookup("#doctorLines").query();
        assertThat(((javafx.scene.layout.Pane) doctorLines).getChildren()).isNotEmpty();
        assertThat(shown(robot.lookup("#resultsTable").query())).isFalse();
        robot.clickOn("Runs");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown(robot.lookup("#resultsTable").query())).isTrue();
    }

    /** Whether the node is in the window and visible: a part of a screen not shown yet is not in the scene. */
    private static boolean visible(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(MainWindowFxTest::shown).orElse(false);
    }

    /** Visible itself and through every parent. */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void chooseModel(FxRobot robot, String id) {
        if (!visible(robot, "#modelBox")) {
            // an earlier run folded the setup into the header line (and a folded setup is not in the scene)
            robot.clickOn("#setupToggle");
            WaitForAsyncUtils.waitForFxEvents();
        }
        @SuppressWarnings("unchecked")
        ComboBox<ModelChoice> box = robot.lookup("#modelBox").queryAs(ComboBox.class);
        ModelChoice choice = box.getItems().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
        robot.interact(() -> box.getSelectionModel().select(choice));
    }

    private static int tableRows(FxRobot robot) {
        TableView<?> table = robot.lookup("#resultsTable").query();
        return table.getItems().size();
    }

    private static List<String> texts(FxRobot robot, String query) {
        return robot.lookup(query).queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    /** Snapshots the scene and writes it as a PNG, without javafx-swing. */
    private void screenshot(String name) throws Exception {
        WritableImage image = fx(() -> scene.snapshot(null));
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, width, height, argb, 0, width);
        Files.createDirectories(SCREENSHOTS);
        ImageIO.write(out, "png", SCREENSHOTS.resolve(name).toFile());
    }
}
