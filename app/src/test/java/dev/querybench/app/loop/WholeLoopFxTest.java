package dev.querybench.app.loop;

import static dev.querybench.app.testing.Screens.fx;
import static dev.querybench.app.testing.Screens.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.AppContext;
import dev.querybench.app.compare.ComparisonViewModel;
import dev.querybench.app.connection.CheckLine;
import dev.querybench.app.connection.ConnectionWizardViewModel;
import dev.querybench.app.connection.ModelProfile;
import dev.querybench.app.core.FxTaskRunner;
import dev.querybench.app.runs.ModelChoice;
import dev.querybench.app.runs.RunPhase;
import dev.querybench.app.testing.RecordingDialogs;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.app.workspace.MainViewModel;
import dev.querybench.app.workspace.MainWindow;
import dev.querybench.app.workspace.Section;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.testing.OpenAiStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
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
 * The whole loop a user goes through, driven through the window: the connection wizard checks the
 * sample SQLite database and a model at the local OpenAI-compatible stub, saves the profile; the
 * workspace is reopened with it; both sample variants run on the new profile; the comparison
 * shows each variant's accuracy; the export dialog writes the HTML report with those figures.
 *
 * <p>The stub is scripted by {@link SampleFixture#scriptTwoVariants}: ddl-basic gets the first
 * {@value SampleFixture#GOLD_ANSWERS} questions right; ddl-samples-hints misses two of those and
 * gets six more right. The expected accuracies are computed from that script, not copied from a
 * run.
 */
@ExtendWith(ApplicationExtension.class)
class WholeLoopFxTest {

    private static final String KEY_VARIABLE = "QB_LOOP_KEY";
    private static final String SECRET = "sk-loop-must-never-be-shown-4711";
    private static final String PROFILE = "local-stub";

    @TempDir
    static Path home;

    private static OpenAiStub stub;
    private static final List<FxTaskRunner> runners = new ArrayList<>();
    private static final List<AppContext> contexts = new ArrayList<>();
    private Stage firstStage;

    @BeforeAll
    static void startStub() {
        stub = OpenAiStub.start();
    }

    @AfterAll
    static void close() {
        runners.forEach(FxTaskRunner::close);
        contexts.forEach(AppContext::close);
        stub.close();
    }

    @Start
    void start(Stage stage) {
        firstStage = stage;
    }

    @Test
    void wizardThenRunThenComparisonThenHtmlExport(FxRobot robot) throws Exception {
        Path folder = SampleWorkspace.defaultLocation(home);
        AppContext first = open(folder, true);
        Workspace sample = first.workspace();
        SampleFixture.scriptTwoVariants(stub, sample);
        int questions = sample.dataset().questions().size();
        String basicAccuracy = percent(SampleFixture.GOLD_ANSWERS, questions);
        String hintsAccuracy = percent(SampleFixture.GOLD_ANSWERS - 2 + 6, questions);
        robot.interact(() -> new MainWindow(first.mainViewModel()).show(firstStage, 1440, 900));

        // 1. The wizard: database checked, a model at the stub checked green, made primary, saved.
        ConnectionWizardViewModel wizard = first.mainViewModel().wizard();
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);
        robot.clickOn("#checkDatabase");
        waitFor(30, () -> !wizard.busyProperty().get() && !wizard.dbChecks().isEmpty()
                && wizard.dbChecks().stream().noneMatch(l -> l.name().equals("Checking")));
        assertThat(wizard.dbChecks()).extracting(CheckLine::name).contains("Connection");
        assertThat(wizard.dbChecks()).noneMatch(l -> l.state() == CheckLine.State.FAIL);

        robot.clickOn("#wizardNext");
        robot.clickOn("#modelId").write("gpt-4o-mini");
        robot.clickOn("#modelName").write(PROFILE);
        robot.clickOn("#baseUrl").write(stub.baseUrl());
        robot.doubleClickOn("#keyEnv").eraseText(20).write(KEY_VARIABLE);
        robot.clickOn("#checkModel");
        waitFor(30, () -> !wizard.busyProperty().get() && !wizard.modelChecks().isEmpty()
                && wizard.modelChecks().stream().noneMatch(l -> l.name().equals("Checking")));
        assertThat(wizard.modelChecks()).hasSizeGreaterThanOrEqualTo(2)
                .allMatch(l -> l.state() == CheckLine.State.OK);
        assertThat(robot.lookup("#modelChecks").queryAs(VBox.class).getChildren())
                .allMatch(line -> line.getStyleClass().contains("check-ok"));
        robot.clickOn("#addModel");
        @SuppressWarnings("unchecked")
        ListView<ModelProfile> list = robot.lookup("#modelList").queryAs(ListView.class);
        robot.interact(() -> list.getSelectionModel().select(list.getItems().size() - 1));
        while (!fx(() -> wizard.models().getFirst().name()).equals(PROFILE)) {
            robot.clickOn("↑");
        }
        robot.clickOn("#wizardNext");
        robot.clickOn("#wizardNext");
        robot.clickOn("#saveProfile");
        waitFor(30, () -> wizard.savedProperty().get() != null);
        assertNoSecretShown(firstStage.getScene().getRoot());
        String yaml = Files.readString(folder.resolve(Workspace.CONFIG_FILE));
        assertThat(yaml).contains(PROFILE, KEY_VARIABLE, stub.baseUrl()).doesNotContain(SECRET);

        // 2. Reopen the workspace with the saved profile, as the wizard asks, and run both variants on it.
        robot.interact(firstStage::close);
        AppContext second = open(folder, false);
        MainViewModel main = second.mainViewModel();
        AtomicReference<Stage> stage = new AtomicReference<>();
        robot.interact(() -> {
            Stage window = new Stage();
            new MainWindow(main).show(window, 1440, 900);
            stage.set(window);
        });
        @SuppressWarnings("unchecked")
        ComboBox<ModelChoice> models = robot.lookup("#modelBox").queryAs(ComboBox.class);
        // the wizard's order made the profile the default model (run.models); the file keeps its own order
        assertThat(models.getItems()).extracting(ModelChoice::id).contains(PROFILE);
        assertThat(fx(() -> models.getValue().id())).isEqualTo(PROFILE);
        robot.interact(() -> models.getSelectionModel().select(
                models.getItems().stream().filter(m -> m.id().equals(PROFILE)).findFirst().orElseThrow()));
        assertThat(main.runs().setup().variants()).allMatch(v -> v.selectedProperty().get()).hasSize(2);
        int callsBefore = stub.calls();
        robot.push(KeyCode.CONTROL, KeyCode.R);
        waitFor(90, () -> main.runs().phaseProperty().get() == RunPhase.FINISHED);
        assertThat(stub.calls() - callsBefore).isGreaterThanOrEqualTo(2 * questions);

        // 3. The comparison shows the accuracy the script implies, per column.
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C);
        waitFor(20, () -> main.runsScreen().comparisons().size() == 1);
        ComparisonViewModel comparison = main.runsScreen().comparisons().getFirst();
        assertThat(comparison.columnVariants()).containsExactly("ddl-basic", "ddl-samples-hints");
        assertThat(comparison.columnModels()).containsOnly(PROFILE);
        assertThat(robot.lookup(".compare-card .card-accuracy").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly(basicAccuracy, hintsAccuracy);
        assertThat(fx(() -> main.selectedSectionProperty().get())).isEqualTo(Section.RUNS);

        // 4. Export HTML through the dialog (Ctrl+E), HTML only, into a folder of our choosing.
        robot.push(KeyCode.CONTROL, KeyCode.E);
        waitFor(10, () -> exportDialog() != null);
        Stage dialog = fx(WholeLoopFxTest::exportDialog);
        Path exportFolder = home.resolve("exported");
        CheckBox csv = (CheckBox) dialog.getScene().lookup("#format-csv");
        CheckBox html = (CheckBox) dialog.getScene().lookup("#format-html");
        if (csv.isSelected()) {
            robot.clickOn(csv);
        }
        if (!html.isSelected()) {
            robot.clickOn(html);
        }
        robot.doubleClickOn(dialog.getScene().lookup("#exportFolder"));
        robot.interact(() -> ((TextInputControl) dialog.getScene().lookup("#exportFolder")).clear());
        robot.clickOn(dialog.getScene().lookup("#exportFolder")).write(exportFolder.toString());
        robot.clickOn(dialog.getScene().lookup("#exportButton"));
        Path report = exportFolder.resolve("report.html");
        waitFor(30, () -> Files.isRegularFile(report)
                && !((VBox) dialog.getScene().lookup("#exportWritten")).getChildren().isEmpty());
        assertThat(exportFolder.resolve("results.csv")).doesNotExist();

        String written = Files.readString(report);
        assertThat(row(written, "ddl-basic")).contains("<b>" + basicAccuracy + "</b>");
        assertThat(row(written, "ddl-samples-hints")).contains("<b>" + hintsAccuracy + "</b>");
        assertThat(written).contains(PROFILE).doesNotContain(SECRET);
        assertNoSecretShown(dialog.getScene().getRoot());
        assertNoSecretShown(stage.get().getScene().getRoot());
        robot.interact(dialog::close);
        robot.interact(() -> stage.get().close());
    }

    private static AppContext open(Path folder, boolean sample) {
        FxTaskRunner tasks = new FxTaskRunner();
        runners.add(tasks);
        AppContext context = AppContext.open(new AppContext.Settings(folder, sample, Map.of(KEY_VARIABLE, SECRET),
                null, null, Clock.systemUTC()), tasks, new RecordingDialogs());
        contexts.add(context);
        return context;
    }

    /** The summary table row of {@code variant} in the HTML report. */
    private static String row(String html, String variant) {
        var matcher = Pattern.compile("<tr>(?:(?!</tr>).)*?>" + Pattern.quote(variant) + "<(?:(?!</tr>).)*</tr>",
                Pattern.DOTALL).matcher(html);
        assertThat(matcher.find()).as("a table row for " + variant).isTrue();
        return matcher.group();
    }

    private static String percent(int right, int of) {
        return String.format("%.1f%%", 100.0 * right / of);
    }

    private static Stage exportDialog() {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().startsWith("Export run")).map(w -> (Stage) w).findFirst().orElse(null);
    }

    /** No label, button or field anywhere in {@code root} shows the key's value. */
    private static void assertNoSecretShown(Parent root) throws Exception {
        List<String> shown = fx(() -> {
            List<String> texts = new ArrayList<>();
            collect(root, texts);
            return texts;
        });
        assertThat(shown).isNotEmpty().noneMatch(t -> t != null && t.contains(SECRET));
    }

    private static void collect(Node node, List<String> texts) {
        if (node instanceof Labeled labeled) {
            texts.add(labeled.getText());
        }
        if (node instanceof TextInputControl input) {
            texts.add(input.getText());
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, texts));
        }
    }
}
