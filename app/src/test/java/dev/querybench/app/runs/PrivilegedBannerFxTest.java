package dev.querybench.app.runs;

import static dev.querybench.app.testing.Screens.fx;
import static dev.querybench.app.testing.Screens.screenshot;
import static dev.querybench.app.testing.Screens.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.AppContext;
import dev.querybench.app.core.FxTaskRunner;
import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.testing.RecordingDialogs;
import dev.querybench.app.testing.SampleApp;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.app.workspace.MainViewModel;
import dev.querybench.app.workspace.MainWindow;
import dev.querybench.app.workspace.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * The real main window opened on a workspace whose newest stored run ran its untrusted SQL under a
 * privileged account by opt-in: the Run screen and the run's comparison tab show the warning
 * banner, written as {@code app/target/screenshots/privileged-*.png}.
 */
@ExtendWith(ApplicationExtension.class)
class PrivilegedBannerFxTest {

    private static final String LINE = "database postgresql, account postgres (allowPrivilegedAccount: true):"
            + " postgres is a superuser";

    @TempDir
    static Path home;

    private static SampleApp app;
    private static AppContext context;
    private static String runId;
    private Scene scene;

    @BeforeAll
    static void storeARunUnderAPrivilegedAccount() {
        Path folder = home.resolve("sample-workspace");
        try (SampleFixture sample = new SampleFixture(folder)) {
            List<ModelChoice> models = ModelChoice.of(sample.workspace, sample.secrets, "openai:gpt-4o-mini",
                    sample.stub.baseUrl());
            RunViewModel run = new RunViewModel(sample.workspace, sample.session, models, new ImmediateTaskRunner(),
                    new RecordingDialogs());
            run.startRun();
            runId = run.runIdProperty().get();
            // as the engine records a run on a database profile with allowPrivilegedAccount: true
            sample.session.runStore().recordPrivilegedAccounts(runId, List.of(LINE));
        }
        app = SampleApp.openFolder(folder, false, Map.of(), false, new FxTaskRunner());
        context = app.context;
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Start
    void start(Stage stage) {
        new MainWindow(context.mainViewModel(), uri -> { }).show(stage, 1360, 860);
        scene = stage.getScene();
    }

    @Test
    void theRunScreenAndTheComparisonShowTheWarning(FxRobot robot) throws Exception {
        MainViewModel main = context.mainViewModel();
        robot.interact(() -> main.select(Section.RUNS));
        waitFor(30, () -> runId.equals(main.runs().runIdProperty().get()));
        assertThat(main.runs().progress().privilegedWarningProperty().get())
                .contains("account postgres (allowPrivilegedAccount")
                .satisfies(w -> assertThat(w.split("untrusted SQL", -1)).as("said once").hasSize(2));
        Node banner = fx(() -> scene.getRoot().lookup("#privilegedBanner"));
        assertThat(fx(banner::isVisible)).isTrue();
        assertThat(fx(() -> ((Label) scene.getRoot().lookup("#privilegedWarning")).getText()))
                .startsWith("WARNING: untrusted SQL ran under a privileged account");
        assertThat(Files.size(screenshot(scene, "privileged-run.png"))).isGreaterThan(10_000);

        robot.interact(() -> main.runsScreen().openComparison(runId));
        waitFor(30, () -> !main.runsScreen().comparisons().isEmpty());
        waitFor(10, () -> fx(() -> scene.getRoot().lookupAll("#comparePrivilegedWarning").stream()
                .anyMatch(Node::isVisible)));
        assertThat(Files.size(screenshot(scene, "privileged-comparison.png"))).isGreaterThan(10_000);
    }
}
