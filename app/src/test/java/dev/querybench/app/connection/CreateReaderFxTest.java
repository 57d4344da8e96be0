package dev.querybench.app.connection;

import dev.querybench.engine.db.postgres.PostgresEngine;
import static dev.querybench.app.testing.Screens.screenshot;
import static dev.querybench.app.testing.Screens.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.FxTaskRunner;
import dev.querybench.app.testing.SampleApp;
import dev.querybench.app.testing.SampleAppExtension;
import dev.querybench.app.workspace.MainWindow;
import dev.querybench.app.workspace.Theme;
import dev.querybench.engine.testing.db.PostgresTestDatabase;
import dev.querybench.engine.testing.db.TestServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Create reader in the window, on a real PostgreSQL: refused for the owner, the SQL for a DBA, then made and checked. */
@ExtendWith({SampleAppExtension.class, ApplicationExtension.class})
class CreateReaderFxTest {

    private SampleApp app;
    private Scene scene;

    @SampleAppExtension.Opens
    static SampleApp open(Path home) {
        return SampleApp.open(home, Map.of("QB_READER_PW", "fx-reader-pw-77", "QB_OWNER_PW", "owner-pw"), false,
                new FxTaskRunner());
    }

    @Start
    void start(Stage stage) {
        new MainWindow(app.context.mainViewModel()).show(stage, 1360, 860);
        scene = stage.getScene();
    }

    @Test
    void createReaderIsRefusedExplainedThenMadeAndChecked(FxRobot robot) throws Exception {
        TestServers.Server server = TestServers.fromEnvironment().require(PostgresEngine.DIALECT);
        ConnectionWizardViewModel vm = app.context.mainViewModel().wizard();
        String reader;
        try (PostgresTestDatabase db = PostgresTestDatabase.create(server)) {
            reader = db.name() + "_fx";
            db.execute("CREATE TABLE orders (id INT)", "INSERT INTO orders VALUES (1)");
            robot.clickOn("Connections");
            robot.interact(() -> {
                vm.database().typeProperty().set("postgresql");
                vm.database().nameProperty().set("shop");
                vm.database().urlProperty().set(db.readOnly().jdbcUrl());
                vm.database().userProperty().set(db.writable().username());
                vm.database().passwordNameProperty().set("QB_OWNER_PW");
                vm.reader().nameProperty().set(reader);
                vm.reader().passwordNameProperty().set("QB_READER_PW");
            });
            robot.clickOn("#createReader");
            waitFor(30, () -> !vm.busyProperty().get() && vm.reader().failedProperty().get());
            assertThat(robot.lookup("#readerStatus").queryAs(Label.class).getText()).contains("may not create accounts",
                    "CREATEROLE");
            scrollToEnd(robot);
            screenshot(scene, "wizard-reader-refused-light.png");
            robot.clickOn("#showReaderSql");
            waitFor(30, () -> !vm.busyProperty().get() && !vm.reader().sqlProperty().get().isEmpty());
            assertThat(robot.lookup("#readerSql").queryAs(TextArea.class).getText()).contains("CREATE ROLE \"" + reader
                    + "\"");
            scrollToEnd(robot);
            screenshot(scene, "wizard-reader-sql-light.png");

            robot.interact(() -> {
                vm.database().userProperty().set(server.user());
                vm.database().passwordNameProperty().set("");
            });
            robot.clickOn("#createReader");
            waitFor(60, () -> !vm.busyProperty().get() && vm.reader().statusProperty().get().startsWith("Created")
                    && vm.dbChecks().stream().anyMatch(l -> l.name().equals("Safe execution")));
            assertThat(vm.dbChecks()).filteredOn(l -> l.name().equals("Safe execution")).singleElement()
                    .satisfies(l -> assertThat(l.state()).isEqualTo(CheckLine.State.OK));
            assertThat(robot.lookup("#dbChecks").queryAll()).isNotEmpty();
            screenshot(scene, "wizard-reader-created-light.png");
            scrollToEnd(robot);
            screenshot(scene, "wizard-reader-created-end-light.png");
            robot.interact(() -> app.context.mainViewModel().themeProperty().set(Theme.DARK));
            screenshot(scene, "wizard-reader-created-dark.png");
            robot.interact(() -> app.context.mainViewModel().themeProperty().set(Theme.LIGHT));
        }
        try (Connection c = DriverManager.getConnection(server.url(), server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS " + reader);
        }
    }

    private static void scrollToEnd(FxRobot robot) {
        robot.interact(() -> robot.lookup(".section-scroll").queryAll().stream()
                .filter(n -> n instanceof ScrollPane && n.isVisible() && n.getScene() != null)
                .map(ScrollPane.class::cast).filter(p -> p.lookup("#readerSection") != null)
                .forEach(p -> p.setVvalue(p.getVmax())));
    }
}
