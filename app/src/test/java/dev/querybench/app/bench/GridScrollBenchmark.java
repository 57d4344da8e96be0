package dev.querybench.app.bench;

import static dev.querybench.app.testing.Screens.waitFor;

import dev.querybench.app.sqlconsole.SqlConsoleViewModel;
import dev.querybench.app.testing.SampleApp;
import dev.querybench.app.testing.SampleAppExtension;
import dev.querybench.app.widgets.ResultGrid;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The SQL console's grid driven like a user over 1,000,000 rows × 4 columns ({@code orders ×
 * orders} of the sample) by {@link GridGestures}: PageDown bursts, thumb drags and the mouse wheel,
 * with the time until the screen is loaded, the process's RSS and threads and the FX thread's
 * stalls printed. A benchmark, not a test: run it on a quiet machine, see BENCHMARKS.md for the
 * command.
 */
@ExtendWith({SampleAppExtension.class, ApplicationExtension.class})
class GridScrollBenchmark {

    static final String MILLION = "SELECT a.order_id, a.customer_id, b.order_id AS other_order, b.order_status"
            + " FROM orders a, orders b";

    private SampleApp app;
    private final GridGestures gestures = new GridGestures();

    @Start
    void start(Stage stage) {
        gestures.watch(SampleApp.showMainWindow(app, stage, 1360, 860));
    }

    @Test
    void scrollAMillionRows(FxRobot robot) throws Exception {
        SqlConsoleViewModel vm = app.context.mainViewModel().sqlConsole();
        robot.clickOn("SQL Console");
        waitFor(30, () -> !vm.tables().isEmpty());
        robot.interact(() -> vm.sqlProperty().set(MILLION));
        robot.interact(vm::run);
        waitFor(60, () -> vm.rows() != null && vm.rows().size() == 1_000_000);
        gestures.drive(robot, robot.lookup("#consoleGrid").queryAs(ResultGrid.class), vm.rows());
    }
}
