package dev.querybench.app;

import static dev.querybench.app.testing.Screens.fx;
import static dev.querybench.app.testing.Screens.screenshot;
import static dev.querybench.app.testing.Screens.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.connection.ConnectionWizardViewModel;
import dev.querybench.app.core.FxTaskRunner;
import dev.querybench.app.core.WorkspaceHistory;
import dev.querybench.app.dataset.TestSuiteViewModel;
import dev.querybench.app.runs.ModelChoice;
import dev.querybench.app.testing.RecordingDialogs;
import dev.querybench.app.workspace.NewWorkspaceView;
import dev.querybench.app.workspace.NewWorkspaceViewModel;
import dev.querybench.app.workspace.Section;
import dev.querybench.app.workspace.Theme;
import dev.querybench.app.workspace.WindowLayout;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.templates.WorkspaceTemplates;
import dev.querybench.engine.testing.OpenAiStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The workspace lifecycle in the real window, headless: create a workspace from a template and
 * switch to it without a restart (the old one's services are released), close it to the start
 * screen, open the sample again from the recent list, and save the wizard so its models are usable
 * at once; the model chosen in a workspace is remembered.
 */
@ExtendWith(ApplicationExtension.class)
class WorkspaceSwitchFxTest {

    @TempDir
    static Path home;

    private static OpenAiStub stub;
    private static FxTaskRunner tasks;
    private static WorkspaceHistory history;
    private static AppContext.Settings settings;
    private static AppContext first;
    private Workbench workbench;
    private Stage stage;

    @BeforeAll
    static void openSample() {
        stub = OpenAiStub.start().models("gpt-4o-mini");
        tasks = new FxTaskRunner();
        history = WorkspaceHistory.inHome(home);
        settings = AppContext.Settings.sample(home, Map.of("STUB_KEY", "sk-stub"));
        first = AppContext.open(settings, tasks, new RecordingDialogs());
        history.opened(first.workspace().root());
    }

    @AfterAll
    static void close() {
        tasks.close();
        stub.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        workbench = new Workbench(settings, SampleWorkspace.defaultLocation(home), tasks, new RecordingDialogs(),
                history);
        workbench.adopt(first);
        new WorkbenchWindow(stage, workbench, uri -> { }, home, () -> { })
                .show(new WindowLayout(Double.NaN, Double.NaN, 1440, 900, false, Map.of(), Section.RUNS, Theme.LIGHT),
                        closed -> { });
    }

    @Test
    void switchingWorkspacesReleasesTheOldOneAndTheWindowFollows(FxRobot robot) throws Exception {
        AppContext sample = fx(() -> workbench.currentProperty().get());
        assertThat(fx(stage::getTitle)).isEqualTo("QueryBench — Ridgeline sample");
        Path folder = home.resolve("new bench");

        robot.interact(() -> workbench.create(folder, WorkspaceTemplates.Template.EMPTY, null));
        waitFor(30, () -> workbench.currentProperty().get() != sample && workbench.currentProperty().get() != null);

        assertThat(fx(stage::getTitle)).isEqualTo("QueryBench — new bench");
        assertThat(fx(() -> ((Label) stage.getScene().lookup("#statusWorkspace")).getText())).isEqualTo("new bench");
        waitFor(20, sample::released);
        assertThat(sample.deactivated()).as("health monitor and reads stopped").isTrue();
        screenshot(stage.getScene(), "workspaces-01-new-empty-workspace.png");

        robot.interact(() -> workbench.closeWorkspace());
        waitFor(20, () -> workbench.currentProperty().get() == null && stage.getScene().lookup("#startView") != null);
        assertThat(fx(stage::getTitle)).isEqualTo("QueryBench — no workspace open");
        assertThat(fx(() -> workbench.recent().stream().map(p -> p.getFileName().toString()).toList()))
                .startsWith("new bench", "sample-workspace");
        screenshot(stage.getScene(), "workspaces-02-start-screen-light.png");
        robot.interact(() -> stage.getScene().getStylesheets().setAll(Theme.DARK.stylesheets()));
        screenshot(stage.getScene(), "workspaces-03-start-screen-dark.png");

        robot.interact(() -> workbench.open(workbench.recent().get(1)));
        waitFor(30, () -> workbench.currentProperty().get() != null);
        assertThat(fx(stage::getTitle)).isEqualTo("QueryBench — Ridgeline sample");
    }

    @Test
    void whatTheWizardSavesIsUsableAtOnceAndTheChosenModelIsRemembered(FxRobot robot) throws Exception {
        waitFor(30, () -> workbench.currentProperty().get() != null && !workbench.busyProperty().get());
        AppContext before = fx(() -> workbench.currentProperty().get());
        Path root = before.workspace().root();
        String yaml = Files.readString(root.resolve(Workspace.CONFIG_FILE));
        ConnectionWizardViewModel wizard = before.mainViewModel().wizard();
        robot.interact(() -> {
            wizard.modelIdProperty().set("gpt-4o-mini");
            wizard.modelNameProperty().set("local-stub");
            wizard.baseUrlProperty().set(stub.baseUrl());
            wizard.keyEnvProperty().set("STUB_KEY");
            wizard.addModel();
            // the list view follows the selection, so select the new profile before each move
            for (int i = 0; i < wizard.models().size(); i++) {
                wizard.selectedModelProperty().set(wizard.models().stream()
                        .filter(m -> m.name().equals("local-stub")).findFirst().orElseThrow());
                wizard.moveUp();
            }
            wizard.save();
        });
        waitFor(30, () -> workbench.currentProperty().get() != before && workbench.currentProperty().get() != null);
        AppContext after = fx(() -> workbench.currentProperty().get());
        assertThat(before.mainViewModel().wizard().models().getFirst().name()).isEqualTo("local-stub");

        assertThat(after.runViewModel().setup().models()).extracting(ModelChoice::id).contains("local-stub");
        assertThat(fx(() -> after.runViewModel().setup().selectedModelProperty().get().id())).isEqualTo("local-stub");
        assertThat(fx(() -> after.mainViewModel().selectedSectionProperty().get())).isEqualTo(Section.CONNECTIONS);
        assertThat(Files.readString(root.resolve(Workspace.CONFIG_FILE)))
                .startsWith(yaml.lines().findFirst().orElseThrow()).contains("local-stub");

        ModelChoice ollama = after.runViewModel().setup().models().stream()
                .filter(m -> m.id().equals("ollama-qwen-coder")).findFirst().orElseThrow();
        robot.interact(() -> after.runViewModel().setup().selectedModelProperty().set(ollama));
        waitFor(10, () -> history.lastModel(root).filter("ollama-qwen-coder"::equals).isPresent());
        robot.interact(() -> workbench.reload(Section.RUNS));
        waitFor(30, () -> workbench.currentProperty().get() != after && workbench.currentProperty().get() != null);
        assertThat(fx(() -> workbench.currentProperty().get().runViewModel().setup().selectedModelProperty().get().id()))
                .as("the model last chosen in this workspace").isEqualTo("ollama-qwen-coder");
    }

    @Test
    void aTestSuiteBuiltOnTheDatasetsScreenIsUsedWithoutRestarting(FxRobot robot) throws Exception {
        waitFor(30, () -> workbench.currentProperty().get() != null && !workbench.busyProperty().get());
        AppContext earlier = fx(() -> workbench.currentProperty().get());
        robot.interact(workbench::openSample);
        waitFor(30, () -> workbench.currentProperty().get() != earlier && workbench.currentProperty().get() != null
                && !workbench.busyProperty().get());
        AppContext before = fx(() -> workbench.currentProperty().get());
        assertThat(before.workspace().config().databaseProfile("ridgeline").orElseThrow().instances()).isEmpty();
        TestSuiteViewModel suite = before.mainViewModel().datasetBrowser().testSuite();
        robot.interact(() -> before.mainViewModel().select(Section.DATASETS));
        waitFor(30, suite.availableProperty()::get);
        robot.interact(() -> {
            suite.settings().candidatesProperty().set("2");
            suite.settings().instancesProperty().set("1");
            suite.generate();
        });

        waitFor(240, () -> workbench.currentProperty().get() != before && workbench.currentProperty().get() != null
                && !workbench.busyProperty().get());
        AppContext after = fx(() -> workbench.currentProperty().get());
        assertThat(after.workspace().config().databaseProfile("ridgeline").orElseThrow().instances())
                .as("the reopened session reads the new instance").hasSize(1);
        TestSuiteViewModel shown = after.mainViewModel().datasetBrowser().testSuite();
        assertThat(fx(() -> shown.rows().size())).isEqualTo(54);
        assertThat(fx(() -> shown.statusProperty().get())).contains("neighbours that pass on the database itself")
                .endsWith("The workspace was reloaded: runs and score now use the new instances.");
        assertThat(fx(() -> after.mainViewModel().selectedSectionProperty().get())).isEqualTo(Section.DATASETS);
        assertThat(fx(() -> shown.settings().candidatesProperty().get() + "/" + shown.settings().instancesProperty().get()))
                .as("the settings the build used stay in the fields").isEqualTo("2/1");
        waitFor(20, before::released);
        screenshot(stage.getScene(), "dataset-testsuite-reloaded.png");
    }

    @Test
    void theNewWorkspaceDialogSaysWhatIsMissing(FxRobot robot) throws Exception {
        NewWorkspaceViewModel viewModel = new NewWorkspaceViewModel(home.resolve("fresh"));
        assertThat(viewModel.problemProperty().get()).isEmpty();
        viewModel.kindProperty().set(NewWorkspaceViewModel.Kind.IMPORT);
        assertThat(viewModel.problemProperty().get()).isEqualTo("Choose the dataset file to import.");
        viewModel.datasetFileProperty().set(home.resolve("nothing.json").toString());
        assertThat(viewModel.problemProperty().get()).endsWith("nothing.json is not there.");
        viewModel.folderProperty().set(SampleWorkspace.defaultLocation(home).toString());
        assertThat(viewModel.problemProperty().get()).contains("already holds a workspace");
        viewModel.folderProperty().set(home.resolve("fresh").toString());
        viewModel.datasetFileProperty().set("");

        for (Theme theme : Theme.values()) {
            NewWorkspaceView[] shown = new NewWorkspaceView[1];
            robot.interact(() -> {
                shown[0] = new NewWorkspaceView(viewModel, null);
                shown[0].pane().getStylesheets().setAll(theme.stylesheets());
                shown[0].showWithoutWaiting();
            });
            screenshot(shown[0].pane().getScene(), "workspaces-04-new-workspace-" + theme.name().toLowerCase()
                    + ".png");
            robot.interact(() -> shown[0].close());
        }
    }
}
