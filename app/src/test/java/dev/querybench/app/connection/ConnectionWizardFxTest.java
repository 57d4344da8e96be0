package dev.querybench.app.connection;

import static dev.querybench.app.testing.Screens.screenshot;
import static dev.querybench.app.testing.Screens.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.FxTaskRunner;
import dev.querybench.app.health.HealthViewModel;
import dev.querybench.app.testing.SampleApp;
import dev.querybench.app.testing.SampleAppExtension;
import dev.querybench.app.workspace.MainWindow;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The wizard in the window: a green database checklist, a red then green model line, and the Health panel. */
@ExtendWith({SampleAppExtension.class, ApplicationExtension.class})
class ConnectionWizardFxTest {

    private SampleApp app;
    private Scene scene;

    @SampleAppExtension.Opens
    static SampleApp open(Path home) {
        return SampleApp.open(home, Map.of("STUB_KEY", "sk-fx-secret"), false, new FxTaskRunner());
    }

    @Start
    void start(Stage stage) {
        new MainWindow(app.context.mainViewModel()).show(stage, 1440, 900);
        scene = stage.getScene();
    }

    @Test
    void checksTurnGreenOrRedWithTheRemedy(FxRobot robot) throws Exception {
        ConnectionWizardViewModel vm = app.context.mainViewModel().wizard();
        robot.clickOn("Connections");
        robot.clickOn("#checkDatabase");
        waitFor(30, () -> !vm.busyProperty().get() && !vm.dbChecks().isEmpty()
                && !vm.dbChecks().getFirst().name().equals("Checking"));
        VBox dbLines = robot.lookup("#dbChecks").queryAs(VBox.class);
        assertThat(dbLines.getChildren()).isNotEmpty().allMatch(n -> n.getStyleClass().contains("check-ok")
                || n.getStyleClass().contains("check-warn"));
        screenshot(scene, "wizard-database.png");

        robot.clickOn("#wizardNext");
        robot.clickOn("#modelId").write("gpt-4o-mini");
        robot.clickOn("#modelName").write("stub");
        robot.clickOn("#baseUrl").write(app.stub.baseUrl());
        robot.doubleClickOn("#keyEnv").eraseText(20).write("MISSING_KEY");
        robot.clickOn("#checkModel");
        waitFor(30, () -> !vm.busyProperty().get() && vm.modelChecks().getFirst().state() == CheckLine.State.FAIL);
        VBox modelLines = robot.lookup("#modelChecks").queryAs(VBox.class);
        assertThat(modelLines.getChildren().getFirst().getStyleClass()).contains("check-fail");
        assertThat(robot.lookup(".line-remedy").queryAllAs(Label.class)).extracting(Label::getText)
                .anyMatch(t -> t.startsWith("→ Export MISSING_KEY="));
        screenshot(scene, "wizard-model-missing-key.png");

        robot.interact(() -> vm.keyEnvProperty().set("STUB_KEY"));
        robot.clickOn("#checkModel");
        waitFor(30, () -> !vm.busyProperty().get() && vm.modelChecks().size() == 2
                && vm.modelChecks().stream().allMatch(l -> l.state() == CheckLine.State.OK));
        robot.clickOn("#addModel");
        assertThat(vm.models()).hasSize(3);
        screenshot(scene, "wizard-models.png");

        HealthViewModel health = app.context.mainViewModel().health();
        robot.clickOn("Health");
        waitFor(60, () -> health.endpoints().stream().noneMatch(e -> e.state() == dev.querybench.app.health.EndpointHealth.State.UNKNOWN));
        assertThat(health.endpoints().getFirst().state()).isEqualTo(dev.querybench.app.health.EndpointHealth.State.UP);
        screenshot(scene, "health.png");
    }
}
