package dev.querybench.app.bench;

import static dev.querybench.app.testing.Screens.fx;
import static dev.querybench.app.testing.Screens.screenshot;
import static dev.querybench.app.testing.Screens.waitFor;

import dev.querybench.app.compare.ComparisonViewModel;
import dev.querybench.app.compare.MatrixRow;
import dev.querybench.app.core.FxTaskRunner;
import dev.querybench.app.grid.PagedRows;
import dev.querybench.app.runs.RunPhase;
import dev.querybench.app.runs.RunsViewModel;
import dev.querybench.app.testing.SampleApp;
import dev.querybench.app.testing.SampleAppExtension;
import dev.querybench.app.widgets.ResultGrid;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.testing.SampleScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The comparison's result grid driven like a user over 1,000,000 rows × 4 columns: the sample
 * workspace with a one-question dataset whose gold is {@code orders × orders}, a real run from the
 * window with the OpenAI-compatible stub answering the same pairs nested the other way round (also
 * 1,000,000 rows), the comparison opened from the finished run and one cell selected; then
 * {@link GridGestures} drives the predicted result's grid (PageDown bursts, thumb drags, the mouse
 * wheel) and prints the figures. With {@code -Dbench.workspace=<folder>} the workspace is kept there,
 * and a later run of the benchmark opens the run stored there in a fresh process instead of running
 * again (the comparison without the run's memory in the process). A benchmark, not a test: see
 * BENCHMARKS.md for the command.
 */
@ExtendWith({SampleAppExtension.class, ApplicationExtension.class})
class CompareGridScrollBenchmark {

    /** The same 1,000,000 pairs as gold, the other table driving the loop: another row order. */
    static final String PREDICTED = "SELECT a.order_id, a.customer_id, b.order_id AS other_order, b.order_status"
            + " FROM orders b, orders a";

    /** True when the workspace came with its run stored by an earlier process ({@code bench.workspace}). */
    private static boolean stored;
    private SampleApp app;
    private final GridGestures gestures = new GridGestures();
    private Scene scene;

    @SampleAppExtension.Opens
    static SampleApp openMillionRowWorkspace(Path home) throws IOException {
        String kept = System.getProperty("bench.workspace", "");
        Path folder = kept.isBlank() ? SampleWorkspace.defaultLocation(home) : Path.of(kept).toAbsolutePath();
        stored = Files.exists(folder.resolve(Workspace.STATE_FOLDER).resolve("runs.db"));
        if (!stored) {
            new SampleWorkspace().materialize(folder);
            Files.writeString(folder.resolve("dataset.yaml"), """
                    name: million-pairs
                    description: One question whose answer has 1,000,000 rows, for the comparison grid benchmark.
                    questions:
                      - id: q001
                        difficulty: hard
                        question: Pair every order with every order, with the first one's customer and the second one's status.
                        gold: %s
                    """.formatted(GridScrollBenchmark.MILLION));
        }
        SampleApp app = SampleApp.openFolder(folder, false, Map.of(), true, new FxTaskRunner());
        Workspace workspace = app.context.workspace();
        Question question = workspace.dataset().questions().getFirst();
        app.stub.answerSql(SampleScript.key(question), PREDICTED);
        return app;
    }

    @Start
    void start(Stage stage) {
        scene = SampleApp.showMainWindow(app, stage, 1360, 860);
        gestures.watch(scene);
    }

    @Test
    void scrollAMillionRowResultInTheComparison(FxRobot robot) throws Exception {
        RunsViewModel runs = app.context.mainViewModel().runsScreen();
        System.out.println("window open: " + GridGestures.memory());
        if (stored) {
            // A fresh workbench on the workspace an earlier process ran: open its stored run.
            robot.interact(runs::refresh);
            waitFor(30, () -> !runs.storedRuns().isEmpty());
            robot.interact(() -> runs.openComparison(runs.storedRuns().getFirst().id()));
        } else {
            robot.clickOn("#runButton");
            long started = System.nanoTime();
            waitFor(600, () -> app.context.runViewModel().phaseProperty().get() == RunPhase.FINISHED);
            System.out.printf("run of 1 question × 2 variants over 1,000,000-row results: %.1f s%n",
                    (System.nanoTime() - started) / 1e9);
            System.out.println("run finished: " + GridGestures.memory());
            robot.clickOn("#compareLink");
        }
        waitFor(30, () -> runs.comparisons().size() == 1);
        ComparisonViewModel vm = runs.comparisons().getFirst();
        @SuppressWarnings("unchecked")
        TableView<MatrixRow> matrix = robot.lookup("#matrix").queryAs(TableView.class);
        long selected = System.nanoTime();
        robot.interact(() -> matrix.getSelectionModel().select(0, matrix.getColumns().getLast()));
        waitFor(120, () -> !vm.detail().gridsLoadingProperty().get() && vm.detailShownProperty().get());
        System.out.printf("cell selected until both grids were counted: %.0f ms%n", (System.nanoTime() - selected) / 1e6);
        ResultGrid grid = robot.lookup("#predictedGrid").queryAs(ResultGrid.class);
        gestures.waitLoaded(grid);
        System.out.println("gold: " + vm.detail().goldGridProperty().get().summary() + " · predicted: "
                + vm.detail().predictedGridProperty().get().summary());
        screenshot(scene, "compare-million-1360.png");
        System.out.println("cell open: " + GridGestures.memory());
        PagedRows rows = (PagedRows) fx(() -> grid.shown().rows());
        if (rows.size() != 1_000_000) {
            throw new IllegalStateException("the predicted grid shows " + rows.size() + " rows, not 1,000,000");
        }
        gestures.drive(robot, grid, rows);
        screenshot(scene, "compare-million-1360-scrolled.png");
        System.out.println("after the gestures: " + GridGestures.memory());
        System.gc();
        System.out.println("after a full GC: " + GridGestures.memory());
    }
}
