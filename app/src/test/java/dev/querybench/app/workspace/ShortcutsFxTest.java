package dev.querybench.app.workspace;

import static dev.querybench.app.testing.Screens.fx;
import static dev.querybench.app.testing.Screens.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.runs.RunPhase;
import dev.querybench.app.testing.SampleApp;
import dev.querybench.app.testing.SampleAppExtension;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The main actions are in the menus with their shortcuts, and pressing a shortcut does the action. */
@ExtendWith({SampleAppExtension.class, ApplicationExtension.class})
class ShortcutsFxTest {

    private SampleApp app;
    private Scene scene;

    @SampleAppExtension.Opens
    static SampleApp open(Path home) {
        return SampleApp.withStubModel(home);
    }

    @Start
    void start(Stage stage) {
        new MainWindow(app.context.mainViewModel()).show(stage, 1440, 900);
        scene = stage.getScene();
    }

    @Test
    void menusShowEveryMainActionWithItsShortcut(FxRobot robot) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        Map<String, String> shortcuts = new LinkedHashMap<>();
        bar.getMenus().stream().flatMap(m -> items(m)).filter(i -> i.getAccelerator() != null)
                .forEach(i -> shortcuts.put(i.getText(), i.getAccelerator().getName()));

        assertThat(shortcuts).containsEntry("Export report…", KeyCombination.valueOf("Shortcut+E").getName())
                .containsEntry("Start run", KeyCombination.valueOf("Shortcut+R").getName())
                .containsEntry("Cancel run", "Esc")
                .containsEntry("Compare the finished run", KeyCombination.valueOf("Shortcut+Shift+C").getName())
                .containsEntry("Save prompt", KeyCombination.valueOf("Shortcut+S").getName())
                .containsEntry("Execute SQL", KeyCombination.valueOf("Shortcut+Enter").getName())
                .containsEntry("Dark theme", KeyCombination.valueOf("Shortcut+Shift+D").getName());
        for (Section section : Section.values()) {
            assertThat(shortcuts).containsEntry(section.label(),
                    KeyCombination.valueOf("Shortcut+" + (section.ordinal() + 1)).getName());
        }
    }

    @Test
    void shortcutsSwitchSectionsThemeAndRunCompareExport(FxRobot robot) throws Exception {
        MainViewModel main = app.context.mainViewModel();
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        assertThat(fx(() -> main.selectedSectionProperty().get())).isEqualTo(Section.DATASETS);
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT6);
        assertThat(fx(() -> main.selectedSectionProperty().get())).isEqualTo(Section.HEALTH);

        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D);
        assertThat(fx(() -> main.themeProperty().get())).isEqualTo(Theme.DARK);
        assertThat(fx(() -> scene.getStylesheets().getLast())).endsWith("/theme/dark.css");
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D);
        assertThat(fx(() -> scene.getStylesheets())).hasSize(1).first().asString().endsWith("/theme/light.css");

        // Ctrl+R from another section shows the run screen and runs.
        robot.push(KeyCode.CONTROL, KeyCode.R);
        assertThat(fx(() -> main.selectedSectionProperty().get())).isEqualTo(Section.RUNS);
        waitFor(60, () -> main.runs().phaseProperty().get() == RunPhase.FINISHED);

        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C);
        waitFor(20, () -> main.runsScreen().comparisons().size() == 1);

        robot.push(KeyCode.CONTROL, KeyCode.E);
        waitFor(10, () -> exportDialog() != null);
        String runId = fx(() -> main.exportableRunProperty().get());
        assertThat(fx(() -> exportDialog().getTitle())).isEqualTo("Export run " + runId);
        robot.interact(() -> exportDialog().close());
    }

    private static Stage exportDialog() {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().startsWith("Export run")).map(w -> (Stage) w).findFirst().orElse(null);
    }

    private static Stream<MenuItem> items(Menu menu) {
        return menu.getItems().stream().flatMap(i -> i instanceof Menu sub ? items(sub) : Stream.of(i));
    }
}
