package dev.querybench.app.sqlconsole;

import static dev.querybench.app.testing.Screens.fx;
import static dev.querybench.app.testing.Screens.screenshot;
import static dev.querybench.app.testing.Screens.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.grid.GridRow;
import dev.querybench.app.grid.PagedRows;
import dev.querybench.app.testing.SampleApp;
import dev.querybench.app.testing.SampleAppExtension;
import dev.querybench.app.widgets.ResultGrid;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The console in the main window: a million rows scroll without reading more than the pages shown. */
@ExtendWith({SampleAppExtension.class, ApplicationExtension.class})
class SqlConsoleFxTest {

    private SampleApp app;
    private Scene scene;

    @Start
    void start(Stage stage) {
        scene = SampleApp.showMainWindow(app, stage, 1440, 900);
    }

    /** Scrolls to {@code row} and lays the grid out, timed on the FX thread itself. */
    private static long jump(ResultGrid grid, int row) throws Exception {
        return fx(() -> {
            long before = System.nanoTime();
            grid.scrollTo(row);
            grid.applyCss();
            grid.layout();
            return (System.nanoTime() - before) / 1_000_000;
        });
    }

    @Test
    void aMillionRowsScrollWithoutLoadingThemAll(FxRobot robot) throws Exception {
        SqlConsoleViewModel vm = app.context.mainViewModel().sqlConsole();
        robot.clickOn("SQL Console");
        waitFor(20, () -> !vm.tables().isEmpty());
        robot.interact(() -> vm.sqlProperty().set(SqlConsoleViewModelTest.MILLION));
        robot.clickOn("#sqlEditor");
        robot.push(KeyCode.CONTROL, KeyCode.ENTER);
        waitFor(60, () -> vm.rows() != null && vm.rows().size() == 1_000_000);
        ResultGrid grid = robot.lookup("#consoleGrid").queryAs(ResultGrid.class);
        PagedRows rows = vm.rows();
        waitFor(20, () -> rows.pagesRead() >= 1);
        assertThat(grid.getItems()).hasSize(1_000_000);
        assertThat(robot.lookup("#consoleStatus").queryAs(Label.class).getText()).startsWith("1,000,000 rows");
        assertThat(robot.lookup(".table-cell").queryAll().stream()
                .anyMatch(cell -> cell.getPseudoClassStates().contains(PseudoClass.getPseudoClass("null-value"))))
                .isTrue();

        long firstJump = jump(grid, 999_990);
        waitFor(30, () -> {
            GridRow shown = grid.getItems().get(999_999);
            return shown.loaded();
        });
        long secondJump = jump(grid, 500_000);
        waitFor(30, () -> grid.getItems().get(500_000).loaded());
        assertThat(fx(() -> grid.getItems().get(999_999).values())).containsExactly("1000000", "2000000", null);
        // Three places were shown (top, end, middle): a handful of 500-row pages, never the million rows.
        assertThat(rows.pagesRead()).isBetween(3L, 8L);
        assertThat(rows.pagesCached()).isLessThanOrEqualTo(8);
        System.out.println("jump to row 999,990: " + firstJump + " ms, to row 500,000: " + secondJump + " ms");
        screenshot(scene, "sql-console.png");

        // Sorting a million rows (a new sorted page per scroll) is covered by SqlConsoleViewModelTest;
        // timings go to BENCHMARKS.md, not into assertions.
    }
}
