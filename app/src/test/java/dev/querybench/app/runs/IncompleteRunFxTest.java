package dev.querybench.app.runs;

import static dev.querybench.app.testing.Screens.fx;
import static dev.querybench.app.testing.Screens.screenshot;
import static dev.querybench.app.testing.Screens.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.AppContext;
import dev.querybench.app.core.FxTaskRunner;
import dev.querybench.app.testing.SampleApp;
import dev.querybench.app.workspace.MainWindow;
import dev.querybench.app.workspace.Theme;
import dev.querybench.engine.testing.Fault;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleScript;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The real main window after a run whose provider never answered one question (HTTP 503 past the
 * retries): the status line says "Incomplete: answered 106 of 108 items", the banner the cause and
 * the fix with a Resume button. Leaves {@code app/target/screenshots/run-incomplete.png}.
 */
@ExtendWith(ApplicationExtension.class)
class IncompleteRunFxTest {

    @TempDir
    static Path home;

    private static SampleApp app;
    private static OpenAiStub stub;
    private static AppContext context;
    private Scene scene;

    @BeforeAll
    static void openSample() {
        Path folder = SampleApp.sampleWithConfig(home, """

                resilience: {retry: {maxAttempts: 2, initialBackoffMillis: 5, maxBackoffMillis: 20},
                             circuitBreaker: {minimumCalls: 1000, window: 1000}, patienceSeconds: 2}
                """);
        app = SampleApp.openFolder(folder, true, Map.of(), true, new FxTaskRunner());
        stub = app.stub;
        context = app.context;
        var questions = context.workspace().dataset().questions();
        stub.fail(SampleScript.key(questions.get(1)), Fault.status(503));
        SampleScript.answerGold(stub, questions);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Start
    void start(Stage stage) {
        new MainWindow(context.mainViewModel(), uri -> { }).show(stage, 1440, 900);
        scene = stage.getScene();
    }

    @Test
    void theRunScreenSaysIncompleteWithTheCauseAndOffersResume(FxRobot robot) throws Exception {
        RunViewModel run = context.mainViewModel().runs();
        robot.clickOn("Runs");
        robot.clickOn("#runButton");
        waitFor(120, () -> run.phaseProperty().get() == RunPhase.INCOMPLETE);
        waitFor(20, () -> run.resume().canResumeProperty().get());

        String status = fx(() -> ((Label) scene.getRoot().lookup(".status-text")).getText());
        assertThat(status).isEqualTo("Incomplete: answered 106 of 108 items; Resume finishes it");
        assertThat(fx(() -> ((Label) scene.getRoot().lookup("#errorMessage")).getText()))
                .startsWith("2 items were not answered: ").contains("503");
        Node resume = fx(() -> scene.getRoot().lookup("#bannerResumeButton"));
        assertThat(fx(() -> resume.isVisible() && scene.getRoot().lookup("#errorBanner").isVisible())).isTrue();
        screenshot(scene, "run-incomplete.png");
        // the banner at the common laptop size in the dark theme too, for a look
        robot.interact(() -> {
            scene.getWindow().setWidth(1360);
            scene.getWindow().setHeight(860);
            context.mainViewModel().themeProperty().set(Theme.DARK);
        });
        screenshot(scene, "run-incomplete-dark-1360.png");
        robot.interact(() -> context.mainViewModel().themeProperty().set(Theme.LIGHT));

        int before = stub.calls();
        robot.clickOn("#bannerResumeButton");
        waitFor(60, () -> run.phaseProperty().get() == RunPhase.INCOMPLETE && stub.calls() > before
                && !run.runningProperty().get());
        assertThat(stub.calls() - before).as("only the two unanswered items are asked again, twice each")
                .isEqualTo(4);

        // The history list says how far the run got.
        RunsViewModel history = context.mainViewModel().runsScreen();
        robot.clickOn("History");
        robot.interact(history::refresh);
        waitFor(20, () -> history.storedRuns().size() == 1
                && history.storedRuns().getFirst().status().equals("incomplete · answered 106 of 108"));
        screenshot(scene, "run-incomplete-history.png");

        // So does the comparison's header.
        robot.interact(history::compareLatest);
        waitFor(20, () -> history.comparisons().size() == 1);
        assertThat(history.comparisons().getFirst().subtitle()).endsWith(" · incomplete · answered 106 of 108");
    }
}
