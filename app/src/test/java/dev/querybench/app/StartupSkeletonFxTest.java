package dev.querybench.app;

import static dev.querybench.app.testing.Screens.fx;
import static dev.querybench.app.testing.Screens.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.workspace.Section;
import dev.querybench.app.workspace.Theme;
import dev.querybench.app.workspace.WindowLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window shown while the first workspace opens: the last start's size and theme, the sections,
 * menus that cannot be used yet, and what is being opened. One PNG per theme in target/screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class StartupSkeletonFxTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void theSkeletonShowsTheFrameOfTheMainWindowInTheLastLayout(FxRobot robot) throws Exception {
        for (Theme theme : Theme.values()) {
            WindowLayout layout = new WindowLayout(Double.NaN, Double.NaN, 1360, 860, false, Map.of(), Section.RUNS,
                    theme);
            robot.interact(() -> StartupSkeleton.show(stage, layout, "ridgeline-sample"));

            assertThat(fx(stage::isShowing)).isTrue();
            assertThat(fx(stage::getTitle)).isEqualTo("QueryBench — opening ridgeline-sample");
            assertThat(fx(() -> stage.getScene().getWidth())).isEqualTo(1360.0);
            assertThat(fx(() -> stage.getScene().getStylesheets())).isEqualTo(theme.stylesheets());
            assertThat(fx(() -> robot.lookup(".nav-label").queryAllAs(Label.class).stream().map(Label::getText)
                    .toList())).containsExactlyElementsOf(Arrays.stream(Section.values()).map(Section::label).toList());
            assertThat(fx(() -> robot.lookup("#startupSkeleton .menu-bar").queryAs(MenuBar.class).getMenus()))
                    .isNotEmpty().allMatch(menu -> menu.isDisable());
            assertThat(fx(() -> robot.lookup("#startupOpening").queryAs(Label.class).getText()))
                    .isEqualTo("Opening the workspace…");
            Path png = screenshot(stage.getScene(), "startup-skeleton-1360x860-"
                    + theme.name().toLowerCase(java.util.Locale.ROOT) + ".png");
            assertThat(Files.size(png)).isGreaterThan(5_000);
        }
    }
}
