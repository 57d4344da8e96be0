package dev.querybench.app.tour;

import static dev.querybench.app.testing.Screens.fx;
import static dev.querybench.app.testing.Screens.screenshot;
import static dev.querybench.app.testing.Screens.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.AppContext;
import dev.querybench.app.compare.ComparisonViewModel;
import dev.querybench.app.compare.MatrixFilter;
import dev.querybench.app.compare.MatrixRow;
import dev.querybench.app.connection.CheckLine;
import dev.querybench.app.connection.ConnectionWizardViewModel;
import dev.querybench.app.core.FxTaskRunner;
import dev.querybench.app.dataset.DatasetViewModel;
import dev.querybench.app.health.EndpointHealth;
import dev.querybench.app.prompts.PromptEditorViewModel;
import dev.querybench.app.runs.RunPhase;
import dev.querybench.app.runs.RunViewModel;
import dev.querybench.app.sqlconsole.SqlConsoleViewModel;
import dev.querybench.app.testing.Readable;
import dev.querybench.app.testing.SampleApp;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.app.testing.SizedScene;
import dev.querybench.app.workspace.MainViewModel;
import dev.querybench.app.workspace.MainWindow;
import dev.querybench.app.workspace.Section;
import dev.querybench.app.workspace.Theme;
import dev.querybench.engine.testing.LangfuseStandIn;
import dev.querybench.engine.testing.OpenAiStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The screenshot tour: the real main window on the sample workspace (tracing to the Langfuse
 * stand-in), a real run of both sample variants against the local OpenAI stub, judged by the same
 * stub acting as LLM judge, and one PNG per screen in
 * {@code app/target/screenshots/tour-NN-<screen>.png}, each taken once the screen shows real data.
 * Run it alone with {@code -Dtest=ScreenshotTourFxTest} to look at every screen.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTourFxTest {

    private static final String KEY_VARIABLE = "QB_TOUR_KEY";
    private static final String SECRET = "sk-tour-not-to-be-shown";

    @TempDir
    static Path home;

    private static SampleApp app;
    private static OpenAiStub stub;
    private static LangfuseStandIn langfuse;
    private static AppContext context;
    private final List<Path> written = new ArrayList<>();
    private final List<java.net.URI> opened = new ArrayList<>();
    private Scene scene;
    private Stage stage;

    @BeforeAll
    static void openSample() throws Exception {
        langfuse = LangfuseStandIn.start();
        Path folder = SampleApp.sampleWithConfig(home, """
                langfuse:
                  host: %s
                  publicKey: {env: LANGFUSE_PUBLIC_KEY}
                  secretKey: {env: LANGFUSE_SECRET_KEY}
                """.formatted(langfuse.host()));
        app = SampleApp.openFolder(folder, true, Map.of(KEY_VARIABLE, SECRET, "LANGFUSE_PUBLIC_KEY",
                LangfuseStandIn.PUBLIC_KEY, "LANGFUSE_SECRET_KEY", LangfuseStandIn.SECRET_KEY), true, new FxTaskRunner());
        stub = app.stub;
        context = app.context;
        SampleFixture.scriptJudged(stub, context.workspace());
    }

    @AfterAll
    static void close() {
        app.close();
        langfuse.close();
    }

    @Start
    void start(Stage stage) {
        new MainWindow(context.mainViewModel(), opened::add).show(stage, 1440, 900);
        scene = stage.getScene();
        this.stage = stage;
    }

    @Test
    void everyScreenWithRealData(FxRobot robot) throws Exception {
        MainViewModel main = context.mainViewModel();

        // Connection wizard: the database checklist, then a model checked against the stub.
        ConnectionWizardViewModel wizard = main.wizard();
        robot.clickOn("Connections");
        robot.clickOn("#checkDatabase");
        waitFor(30, () -> !wizard.busyProperty().get() && !wizard.dbChecks().isEmpty()
                && wizard.dbChecks().stream().noneMatch(l -> l.name().equals("Checking")));
        assertThat(wizard.dbChecks()).allMatch(l -> l.state() != CheckLine.State.FAIL);
        shoot("01-connection-database");
        robot.clickOn("#wizardNext");
        robot.interact(() -> {
            wizard.modelIdProperty().set("gpt-4o-mini");
            wizard.modelNameProperty().set("local-stub");
            wizard.baseUrlProperty().set(stub.baseUrl());
            wizard.keyEnvProperty().set(KEY_VARIABLE);
        });
        robot.clickOn("#checkModel");
        waitFor(30, () -> !wizard.busyProperty().get() && !wizard.modelChecks().isEmpty()
                && wizard.modelChecks().stream().allMatch(l -> l.state() == CheckLine.State.OK));
        robot.clickOn("#addModel");
        shoot("02-connection-models");

        // Prompt editor with the rendered preview.
        PromptEditorViewModel prompts = main.promptEditor();
        robot.clickOn("Prompts");
        waitFor(20, () -> prompts.preview().previewTextProperty().get().contains("CREATE TABLE"));
        shoot("03-prompt-editor");

        // Dataset browser after the gold check, one question's gold rows shown.
        DatasetViewModel dataset = main.datasetBrowser();
        robot.clickOn("Datasets");
        waitFor(60, () -> !dataset.checkingProperty().get()
                && dataset.checkSummaryProperty().get().startsWith("54 gold queries run"));
        TableView<?> questions = robot.lookup("#datasetTable").queryAs(TableView.class);
        robot.interact(() -> questions.getSelectionModel().select(3));
        waitFor(20, () -> !robot.lookup("#datasetGoldRows").queryAs(TableView.class).getItems().isEmpty());
        shoot("04-dataset-browser");

        // Run setup and progress: slow answers keep the run going long enough to see it.
        RunViewModel run = main.runs();
        robot.clickOn("Runs");
        robot.interact(() -> run.setup().selectedJudgeProperty().set(run.setup().judges().stream()
                .filter(j -> j.label().equals("Judge with openai:gpt-4o-mini")).findFirst().orElseThrow()));
        shoot("05-run-setup");
        stub.latency(Duration.ofMillis(400));
        try {
            robot.push(KeyCode.CONTROL, KeyCode.R);
            waitFor(60, () -> run.progress().doneItemsProperty().get() >= 16);
            shoot("06-run-progress");
        } finally {
            stub.latency(Duration.ZERO);
        }
        waitFor(120, () -> run.phaseProperty().get() == RunPhase.FINISHED);
        shoot("07-run-finished");

        // Comparison: the matrix, and where the judge disagrees with execution: its rationale, both queries,
        // both result grids and the link to the trace.
        robot.clickOn("#compareLink");
        waitFor(20, () -> main.runsScreen().comparisons().size() == 1);
        ComparisonViewModel comparison = main.runsScreen().comparisons().getFirst();
        robot.interact(() -> comparison.filterProperty().set(MatrixFilter.JUDGE_DISAGREES));
        @SuppressWarnings("unchecked")
        TableView<MatrixRow> matrix = robot.lookup("#matrix").queryAs(TableView.class);
        robot.interact(() -> matrix.getSelectionModel().select(0, matrix.getColumns().get(4)));
        waitFor(20, () -> comparison.detailShownProperty().get() && !comparison.detail().gridsLoadingProperty().get()
                && comparison.detail().goldGridProperty().get() != null && comparison.detail().predictedGridProperty().get() != null
                && comparison.detail().traceShownProperty().get());
        assertThat(comparison.detail().judgeConflictProperty().get()).startsWith("Execution: FAIL (wrong_columns) · Judge: equivalent");
        shoot("08-comparison");
        // The trace link opens, through the window's opener, a trace the Langfuse stand-in received.
        robot.clickOn("#traceLink");
        assertThat(opened).containsExactly(comparison.selectedTraceUri());
        String traceId = opened.getFirst().getPath().substring(opened.getFirst().getPath().lastIndexOf('/') + 1);
        waitFor(20, () -> langfuse.traces().containsKey(traceId));

        // SQL console with a result.
        SqlConsoleViewModel console = main.sqlConsole();
        robot.clickOn("SQL Console");
        waitFor(20, () -> !console.tables().isEmpty());
        robot.interact(() -> console.sqlProperty().set("""
                SELECT r.region_name, s.store_name, s.city, COUNT(o.order_id) AS orders
                FROM stores s JOIN regions r ON r.region_id = s.region_id
                LEFT JOIN orders o ON o.store_id = s.store_id
                GROUP BY r.region_name, s.store_name, s.city
                ORDER BY orders DESC"""));
        robot.interact(main::executeSql);
        waitFor(30, () -> console.rows() != null && console.rows().size() > 0 && console.rows().pagesRead() >= 1);
        shoot("09-sql-console");

        // Health panel once every endpoint has been checked.
        robot.clickOn("Health");
        waitFor(60, () -> main.health().endpoints().stream().noneMatch(e -> e.state() == EndpointHealth.State.UNKNOWN));
        // A second round of checks, so the sparklines have a line rather than a dot.
        robot.clickOn("Check now");
        waitFor(60, () -> !main.health().checkingProperty().get());
        shoot("10-health");

        // Export dialog over the comparison in front, after writing the HTML report.
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT4);
        robot.push(KeyCode.CONTROL, KeyCode.E);
        waitFor(10, () -> exportDialog() != null);
        Stage dialog = fx(ScreenshotTourFxTest::exportDialog);
        robot.interact(() -> ((javafx.scene.control.TextField) dialog.getScene().lookup("#exportFolder"))
                .setText(home.resolve("export").toString()));
        robot.interact(() -> ((javafx.scene.control.Button) dialog.getScene().lookup("#exportButton")).fire());
        waitFor(30, () -> !((javafx.scene.layout.VBox) dialog.getScene().lookup("#exportWritten")).getChildren().isEmpty());
        written.add(screenshot(dialog.getScene(), "tour-11-export-dialog.png"));
        robot.interact(dialog::close);

        // The comparison again, dark.
        robot.interact(() -> main.themeProperty().set(Theme.DARK));
        shoot("12-comparison-dark");
        // Two more screens in the dark, for the checklist and code colours.
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);
        shoot("13-connection-models-dark");
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT5);
        shoot("14-sql-console-dark");
        // The health panel's counts, the status bar and the navigator, dark; the wizard's keyring fields.
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT6);
        shoot("15-health-dark");
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);
        robot.clickOn("#wizardBack");
        robot.interact(() -> {
            wizard.database().typeProperty().set("postgresql");
            wizard.database().passwordNameProperty().set("SHOP_DB_PASSWORD");
            wizard.database().passwordInKeyringProperty().set(true);
        });
        shoot("16-connection-database-keyring-dark");
        robot.interact(() -> {
            wizard.database().typeProperty().set("sqlite");
            main.themeProperty().set(Theme.LIGHT);
        });
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT4);

        // The screens issue 17 changed, at the default window (1360×860) and full HD, light and dark: the
        // comparison with a cell selected, the run screen showing the latest run, the history and the
        // console over a million rows.
        robot.interact(() -> console.sqlProperty().set(
                "SELECT a.order_id, a.customer_id, b.order_id AS other_order, b.order_status FROM orders a, orders b"));
        robot.interact(main::executeSql);
        waitFor(60, () -> console.rows() != null && console.rows().size() == 1_000_000 && console.rows().pagesRead() >= 1);
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT4);
        robot.interact(() -> comparison.filterProperty().set(MatrixFilter.ALL));
        robot.interact(() -> matrix.getSelectionModel().clearAndSelect(2, matrix.getColumns().get(4)));
        int sizedShots = 0;
        // Laid out at each size in a scene of its own: the headless platform's screen cannot take a
        // window of 1920×1080, a scene that is not in a window can.
        try (SizedScene shown = SizedScene.from(scene)) {
            sized = shown;
            Parent root = sized.root();
            for (double[] size : new double[][] {{1360, 860}, {1920, 1080}}) {
                sized.resize(size[0], size[1], fx(() -> main.themeProperty().get().stylesheets()));
                for (Theme theme : Theme.values()) {
                    robot.interact(() -> main.themeProperty().set(theme));
                    sized.restyle(theme.stylesheets());
                    String suffix = (int) size[0] + "x" + (int) size[1] + "-"
                            + theme.name().toLowerCase(java.util.Locale.ROOT);
                    robot.interact(() -> main.select(Section.RUNS));
                    robot.interact(() -> tab("Run " + comparison.runId()).getTabPane().getSelectionModel()
                            .select(tab("Run " + comparison.runId())));
                    waitFor(20, () -> !comparison.detail().gridsLoadingProperty().get());
                    if (size[0] == 1360 && theme == Theme.LIGHT) {
                        // Questions first: at the default window at least 15 matrix rows are on screen.
                        // the rows' viewport: the table less its header and horizontal scroll bar
                        assertThat(fx(() -> matrix.lookup(".clipped-container").getLayoutBounds().getHeight()))
                                .isGreaterThanOrEqualTo(15 * 26.0);
                    }
                    if (theme == Theme.LIGHT) {
                        // ...and every filter above the matrix says what it filters and what it is set to.
                        robot.interact(() -> Readable.assertWhole(root, List.of("matrixSummary", "filterBox",
                                "categoryBox", "difficultyBox", "matrixLegend", "compareSearch")));
                    }
                    shootSized("s-comparison-" + suffix);
                    robot.interact(() -> tab("History").getTabPane().getSelectionModel().select(tab("History")));
                    waitFor(20, () -> main.runsScreen().storedRuns().stream()
                            .noneMatch(r -> r.accuracyText().equals("…")));
                    shootSized("s-history-" + suffix);
                    robot.interact(() -> tab("Run").getTabPane().getSelectionModel().select(tab("Run")));
                    shootSized("s-run-" + suffix);
                    robot.interact(() -> main.select(Section.SQL_CONSOLE));
                    shootSized("s-sql-console-" + suffix);
                    sizedShots += 4;
                }
            }
        } finally {
            sized = null;
        }
        robot.interact(() -> main.themeProperty().set(Theme.LIGHT));
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT4);

        assertThat(written).hasSize(16 + sizedShots).allSatisfy(p -> assertThat(Files.size(p)).isGreaterThan(10_000));
        assertThat(main.selectedSectionProperty().get()).isEqualTo(Section.RUNS);
    }

    /** The window's screen in a scene of its own while it is shot at fixed sizes; else null. */
    private SizedScene sized;

    private void shootSized(String name) throws Exception {
        written.add(sized.shoot("tour-" + name + ".png"));
    }

    private void shoot(String name) throws Exception {
        written.add(screenshot(scene, "tour-" + name + ".png"));
    }

    /** The Runs section's tab of that title. */
    private javafx.scene.control.Tab tab(String title) {
        Parent shown = sized != null ? sized.root() : scene.getRoot();
        return shown.lookupAll(".tab-pane").stream().map(n -> (javafx.scene.control.TabPane) n)
                .flatMap(p -> p.getTabs().stream()).filter(t -> title.equals(t.getText())).findFirst().orElseThrow();
    }

    private static Stage exportDialog() {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().startsWith("Export run")).map(w -> (Stage) w).findFirst().orElse(null);
    }
}
