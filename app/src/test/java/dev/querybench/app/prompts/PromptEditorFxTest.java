package dev.querybench.app.prompts;

import static dev.querybench.app.testing.Screens.screenshot;
import static dev.querybench.app.testing.Screens.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.testing.SampleApp;
import dev.querybench.app.testing.SampleAppExtension;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Typing in the prompt editor: problems appear inline, the preview follows, Ctrl+S saves. */
@ExtendWith({SampleAppExtension.class, ApplicationExtension.class})
class PromptEditorFxTest {

    private SampleApp app;
    private Scene scene;

    @Start
    void start(Stage stage) {
        scene = SampleApp.showMainWindow(app, stage, 1440, 900);
    }

    @Test
    void typingShowsProblemsAndTheRenderedPrompt(FxRobot robot) throws Exception {
        PromptEditorViewModel vm = app.context.mainViewModel().promptEditor();
        robot.clickOn("Prompts");
        waitFor(20, () -> vm.preview().previewTextProperty().get().contains("CREATE TABLE"));
        assertThat(robot.lookup("#tokenEstimate").queryAs(Label.class).getText()).startsWith("≈ ");
        screenshot(scene, "prompt-editor.png");

        CodeArea area = robot.lookup("#promptEditor .code-area-view").queryAs(CodeArea.class);
        robot.interact(() -> area.moveTo(area.getLength()));
        robot.clickOn(area);
        robot.interact(() -> area.moveTo(area.getLength()));
        robot.write("Also use {{hints}}.");
        waitFor(10, () -> !vm.problems().isEmpty());
        VBox problems = robot.lookup("#promptProblems").queryAs(VBox.class);
        assertThat(problems.isVisible()).isTrue();
        assertThat(((Label) problems.getChildren().getFirst()).getText()).contains("unknown variable {{hints}}");
        assertThat(robot.lookup("#promptDirty").query().isVisible()).isTrue();
        screenshot(scene, "prompt-editor-problem.png");

        robot.interact(() -> vm.textProperty().set(vm.textProperty().get().replace("Also use {{hints}}.",
                "Prefer explicit JOINs.")));
        waitFor(10, () -> vm.problems().isEmpty() && vm.preview().previewTextProperty().get().contains("Prefer explicit JOINs."));
        robot.push(KeyCode.CONTROL, KeyCode.S);
        waitFor(10, () -> !vm.dirtyProperty().get());
        assertThat(robot.lookup("#promptStatus").queryAs(Label.class).getText()).isEqualTo("Saved ddl-basic.prompt.");

        robot.clickOn("Diff");
        robot.interact(() -> vm.diff().diffAgainstProperty().set("ddl-samples-hints.prompt"));
        waitFor(10, () -> vm.diff().diffTextProperty().get().contains("+ Prefer explicit JOINs."));
        screenshot(scene, "prompt-diff.png");
        robot.clickOn("Preview");
    }
}
