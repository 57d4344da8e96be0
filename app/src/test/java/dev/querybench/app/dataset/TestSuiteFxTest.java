package dev.querybench.app.dataset;

import static dev.querybench.app.testing.Screens.fx;
import static dev.querybench.app.testing.Screens.screenshot;
import static dev.querybench.app.testing.Screens.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.testing.SampleApp;
import dev.querybench.app.testing.SampleAppExtension;
import dev.querybench.app.testing.SizedScene;
import dev.querybench.app.workspace.Theme;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.session.WorkspaceTestSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * "Generate test suite" on the Datasets screen: in the main window it starts, shows progress and
 * is cancelled; on the screen with small settings it finishes and lists what each question's suite
 * catches (screenshots at 1360×860, light and dark); for a dataset on PostgreSQL it shows the admin
 * account row, its tooltip says what the instances will be, and it refuses to start without an account.
 */
@ExtendWith({SampleAppExtension.class, ApplicationExtension.class})
class TestSuiteFxTest {

    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    /** A folder of this class's own (the app has its own home). */
    @TempDir
    static Path home;

    private SampleApp app;
    private Scene scene;

    @Start
    void start(Stage stage) {
        scene = SampleApp.showMainWindow(app, stage, 1360, 860);
    }

    @Test
    void startsShowsProgressAndCanBeCancelled(FxRobot robot) throws Exception {
        TestSuiteViewModel vm = app.context.mainViewModel().datasetBrowser().testSuite();
        robot.clickOn("Datasets");
        waitFor(20, vm.availableProperty()::get);
        Button generate = robot.from(scene.getRoot()).lookup("#testSuiteGenerate").queryAs(Button.class);
        assertThat(generate.isDisabled()).isFalse();
        assertThat(generate.getTooltip().getText()).startsWith("Generate a test suite for the dataset's databases");

        robot.clickOn(generate);
        Label status = robot.from(scene.getRoot()).lookup("#testSuiteStatus").queryAs(Label.class);
        waitFor(60, () -> status.getText().startsWith("ridgeline: "));
        assertThat(generate.isDisabled()).isTrue();
        screenshot(scene, "dataset-testsuite-running.png");
        robot.clickOn(robot.from(scene.getRoot()).lookup("#testSuiteCancel").queryAs(Button.class));

        waitFor(60, () -> !vm.runningProperty().get());
        assertThat(status.getText()).startsWith("Cancelled. The suite built before stays");
        assertThat(vm.failedProperty().get()).isFalse();
        assertThat(generate.isDisabled()).isFalse();
    }

    @Test
    void aFinishedSuiteListsWhatEachQuestionCatchesAndWhereItWent(FxRobot robot) throws Exception {
        SecretResolver secrets = new SecretResolver(Map.of());
        try (WorkspaceSession session = WorkspaceSession.open(app.context.workspace(), secrets, Clock.systemUTC())) {
            TestSuiteViewModel suite = new TestSuiteViewModel(new WorkspaceTestSuite(session.workspace(), secrets),
                    TestSuiteViewModelTest.SMALL, app.tasks);
            DatasetViewModel vm = new DatasetViewModel(session.workspace().dataset(), session.databases(),
                    session.queryLimits(), app.tasks, suite);
            Stage stage = show(vm);
            Scene own = stage.getScene();
            waitFor(20, suite.availableProperty()::get);
            robot.clickOn(robot.from(own.getRoot()).lookup("#testSuiteGenerate").queryAs(Button.class));
            waitFor(120, () -> !suite.runningProperty().get() && !suite.rows().isEmpty());

            TableView<?> table = robot.from(own.getRoot()).lookup("#testSuiteTable").queryAs(TableView.class);
            assertThat(table.isVisible()).isTrue();
            assertThat(table.getItems()).hasSize(54);
            assertThat(robot.from(own.getRoot()).lookup("#testSuiteStatus").queryAs(Label.class).getText())
                    .contains("neighbours that pass on the database itself");
            assertThat(robot.from(own.getRoot()).lookup("#testSuiteWritten").queryAs(Label.class).getText())
                    .contains(".querybench").contains("testsuite-report.md");
            waitFor(60, () -> !vm.checkingProperty().get());
            screenshot(own, "dataset-testsuite-light.png");
            robot.interact(() -> own.getStylesheets().setAll(Theme.DARK.stylesheets()));
            screenshot(own, "dataset-testsuite-dark.png");
            robot.interact(stage::close);
        }
    }

    @Test
    void onPostgresTheButtonAsksForTheAdminAccount(FxRobot robot) throws Exception {
        Path ws = home.resolve("pg");
        Files.createDirectories(ws);
        Files.writeString(ws.resolve("dataset.yaml"), """
                name: shop
                questions:
                  - id: one
                    question: How many products?
                    gold: SELECT count(*) FROM product
                """);
        Files.writeString(ws.resolve("querybench.yaml"), """
                database: {name: shop, type: postgres, host: 127.0.0.1, database: shop, username: postgres}
                dataset: dataset.yaml
                """);
        TestSuiteViewModel suite = new TestSuiteViewModel(new WorkspaceTestSuite(
                new WorkspaceLoader().load(ws), new SecretResolver(Map.of())),
                TestSuiteViewModelTest.SMALL, app.tasks);
        // The sample's questions stand in on the screen: only the generator's workspace is on PostgreSQL.
        try (WorkspaceSession session = WorkspaceSession.open(app.context.workspace(), new SecretResolver(Map.of()),
                Clock.systemUTC())) {
            Stage stage = show(new DatasetViewModel(session.workspace().dataset(), session.databases(),
                    session.queryLimits(), app.tasks, suite));
            Parent root = stage.getScene().getRoot();
            Button generate = robot.from(root).lookup("#testSuiteGenerate").queryAs(Button.class);
            waitFor(20, suite.needsAdminProperty()::get);
            assertThat(generate.isDisabled()).isFalse();
            assertThat(generate.getTooltip().getText()).contains("shop is on PostgreSQL, so its instances are new"
                    + " schemas in its database (qbts_…)");
            assertThat(robot.from(root).lookup("#testSuiteAdminRow").query().isVisible()).isTrue();
            robot.clickOn(generate);
            Label status = robot.from(root).lookup("#testSuiteStatus").queryAs(Label.class);
            waitFor(10, () -> status.getText().startsWith("Give the admin account first"));
            robot.clickOn(robot.from(root).lookup("#testSuiteAdminUser").queryAs(javafx.scene.control.TextField.class))
                    .write("postgres");
            assertThat(suite.adminUserProperty().get()).isEqualTo("postgres");
            waitFor(5, () -> status.getText().equals(TestSuiteViewModel.IDLE));
            assertThat(suite.failedProperty().get()).as("the error goes once the account is typed").isFalse();

            TextField instances = robot.from(root).lookup("#testSuiteInstances").queryAs(TextField.class);
            assertThat(instances.getText()).isEqualTo("3");
            Label problem = robot.from(root).lookup("#testSuiteSettingsProblem").queryAs(Label.class);
            assertThat(problem.getText()).isEmpty();
            robot.doubleClickOn(instances).write("0");
            waitFor(5, () -> !problem.getText().isEmpty());
            assertThat(problem.getText()).isEqualTo("Instances must be a whole number from 1 to 100 (default 16).");
            robot.clickOn(generate);
            waitFor(5, () -> status.getText().equals(TestSuiteViewModel.FIX_SETTINGS));
            assertThat(suite.runningProperty().get()).isFalse();
            assertThat(visibleTexts(root)).as("the reason is on the screen once, beside the fields")
                    .filteredOn(t -> t.contains("Instances must be")).hasSize(1);
            assertThat(instances.getPseudoClassStates()).as("the field to fix is marked").contains(ERROR);
            assertThat(robot.from(root).lookup("#testSuiteBudget").query().getPseudoClassStates()).doesNotContain(ERROR);
            screenshot(stage.getScene(), "dataset-testsuite-settings-error-light.png");
            robot.interact(() -> stage.getScene().getStylesheets().setAll(Theme.DARK.stylesheets()));
            screenshot(stage.getScene(), "dataset-testsuite-settings-error-dark.png");
            shootFullHd(stage, "dataset-testsuite-settings-error-1920x1080");
            robot.interact(() -> stage.getScene().getStylesheets().setAll(Theme.LIGHT.stylesheets()));
            robot.doubleClickOn(instances).write("2");
            waitFor(5, () -> problem.getText().isEmpty() && status.getText().equals(TestSuiteViewModel.IDLE));
            assertThat(instances.getPseudoClassStates()).doesNotContain(ERROR);
            screenshot(stage.getScene(), "dataset-testsuite-server-light.png");
            robot.interact(() -> stage.getScene().getStylesheets().setAll(Theme.DARK.stylesheets()));
            screenshot(stage.getScene(), "dataset-testsuite-server-dark.png");
            robot.interact(stage::close);
        }
    }

    /** The window's screen at 1920×1080, light and dark, then back in the window. */
    private static void shootFullHd(Stage stage, String name) throws Exception {
        try (SizedScene big = SizedScene.from(stage.getScene())) {
            big.resize(1920, 1080, Theme.LIGHT.stylesheets());
            for (Theme theme : Theme.values()) {
                big.restyle(theme.stylesheets());
                big.shoot(name + "-" + theme.name().toLowerCase(java.util.Locale.ROOT) + ".png");
            }
        }
    }

    /** The text of every visible label and field under {@code root}, as the user sees them. */
    private static List<String> visibleTexts(Parent root) throws Exception {
        return fx(() -> root.lookupAll(".label").stream().filter(TestSuiteFxTest::shown)
                .map(n -> ((Labeled) n).getText()).filter(t -> t != null && !t.isEmpty()).toList());
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** The Datasets screen alone in a window of its own, 1360×860, light, activated. */
    private static Stage show(DatasetViewModel vm) throws Exception {
        return fx(() -> {
            FXMLLoader loader = new FXMLLoader(DatasetView.class.getResource("/dev/querybench/app/dataset/DatasetView.fxml"));
            loader.setControllerFactory(type -> new DatasetView(vm));
            Parent root = loader.load();
            Stage s = new Stage();
            s.setScene(new Scene(root, 1360, 860));
            s.getScene().getStylesheets().setAll(Theme.LIGHT.stylesheets());
            s.show();
            vm.activate();
            return s;
        });
    }
}
