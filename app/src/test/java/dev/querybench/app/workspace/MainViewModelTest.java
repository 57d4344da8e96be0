package dev.querybench.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.runs.ModelChoice;
import dev.querybench.app.runs.RunViewModel;
import dev.querybench.app.testing.RecordingDialogs;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.engine.validation.EnvironmentDoctor;
import dev.querybench.engine.validation.ModelEndpointValidator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The navigator and section pages, filled from the real sample workspace. */
class MainViewModelTest {

    @TempDir
    Path home;

    private SampleFixture sample;
    private RunViewModel runs;
    private MainViewModel main;

    @BeforeEach
    void open() {
        sample = new SampleFixture(home.resolve("sample-workspace"));
        TaskRunner tasks = new ImmediateTaskRunner();
        List<ModelChoice> models = ModelChoice.of(sample.workspace, sample.secrets, "openai:gpt-4o-mini",
                sample.stub.baseUrl());
        runs = new RunViewModel(sample.workspace, sample.session, models, tasks, new RecordingDialogs());
        EnvironmentDoctor doctor = new EnvironmentDoctor(sample.secrets, new ModelEndpointValidator(Duration.ofSeconds(2)),
                Clock.systemUTC());
        var checks = dev.querybench.engine.health.WorkspaceHealthChecks.of(sample.workspace, sample.session.executor(),
                sample.secrets, new ModelEndpointValidator(Duration.ofSeconds(2)), Duration.ofSeconds(2));
        var health = new dev.querybench.app.health.HealthViewModel(new dev.querybench.engine.health.HealthMonitor(checks,
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(), java.time.Clock.systemUTC(),
                dev.querybench.engine.health.HealthMonitor.Settings.DEFAULTS), checks, tasks);
        var wizard = new dev.querybench.app.connection.ConnectionWizardViewModel(sample.workspace,
                new dev.querybench.engine.validation.ConnectionChecklist(sample.secrets, Duration.ofSeconds(2),
                        java.time.Clock.systemUTC()), tasks);
        var screens = new MainViewModel.Screens(runs, new dev.querybench.app.runs.RunsViewModel(sample.session, runs,
                tasks), new dev.querybench.app.sqlconsole.SqlConsoleViewModel(sample.session.executor(),
                sample.session.queryLimits(), () -> sample.session.backend().introspect(), tasks),
                new dev.querybench.app.prompts.PromptEditorViewModel(new dev.querybench.engine.prompt.PromptFiles(
                        sample.workspace.resolve(sample.workspace.config().prompts())),
                        sample.workspace.dataset().questions(), sample.session.generator(), tasks,
                        new RecordingDialogs()),
                new dev.querybench.app.dataset.DatasetViewModel(sample.workspace.dataset(), sample.session.databases(),
                        sample.session.queryLimits(), tasks, new dev.querybench.app.dataset.TestSuiteViewModel(
                                new dev.querybench.engine.session.WorkspaceTestSuite(sample.workspace, sample.secrets),
                                dev.querybench.engine.testsuite.TestSuiteBuilder.Settings.defaults(1), tasks)),
                wizard, health);
        main = new MainViewModel(sample.workspace, sample.session, models, doctor, screens, tasks,
                new RecordingDialogs(), true);
    }

    @AfterEach
    void close() {
        main.deactivate();
        sample.close();
    }

    @Test
    void theNavigatorCountsWhatTheWorkspaceHolds() {
        main.activate();

        assertThat(main.navigator()).extracting(NavigatorItem::label)
                .containsExactly("Connections", "Datasets", "Prompts", "Runs", "SQL Console", "Health");
        assertThat(main.item(Section.DATASETS).badgeProperty().get()).isEqualTo("54");
        assertThat(main.item(Section.PROMPTS).badgeProperty().get()).isEqualTo("2");
        assertThat(main.item(Section.PROMPTS).statusProperty().get()).isEqualTo(Status.NONE);
        int tables = sample.session.backend().tableNames().size();
        assertThat(tables).isPositive();
        assertThat(main.item(Section.SQL_CONSOLE).badgeProperty().get()).isEqualTo(Integer.toString(tables));
        assertThat(main.page(Section.SQL_CONSOLE).lines()).hasSize(tables);
        // One database, the command-line model and the sample's two profiles; gpt-4o-mini has no key here.
        assertThat(main.item(Section.CONNECTIONS).badgeProperty().get()).isEqualTo("4");
        assertThat(main.item(Section.CONNECTIONS).statusProperty().get()).isEqualTo(Status.WARN);
        assertThat(main.page(Section.CONNECTIONS).lines()).anySatisfy(line -> {
            assertThat(line.title()).isEqualTo("Model gpt-4o-mini");
            assertThat(line.remedy()).isEqualTo("OPENAI_API_KEY is not set. Export it before starting QueryBench.");
        });
        assertThat(main.item(Section.RUNS).badgeProperty().get()).isEmpty();

        assertThat(main.page(Section.DATASETS).lines()).hasSize(54)
                .first().satisfies(line -> assertThat(line.title()).startsWith("q001"));
        assertThat(main.page(Section.DATASETS).summaryProperty().get()).startsWith("sample-shop: 54 questions");
    }

    @Test
    void healthListsEveryCheckWithItsRemedy() {
        main.activate();

        SectionPageViewModel health = main.page(Section.HEALTH);
        assertThat(health.busyProperty().get()).isFalse();
        assertThat(health.lines()).extracting(SectionLine::title).contains("Java", "Workspace", "Database",
                "Model gpt-4o-mini");
        assertThat(health.lines()).filteredOn(l -> l.title().equals("Database"))
                .singleElement().extracting(SectionLine::status).isEqualTo(Status.OK);
        assertThat(health.lines()).filteredOn(l -> l.title().equals("Model gpt-4o-mini"))
                .singleElement().satisfies(l -> {
                    assertThat(l.status()).isEqualTo(Status.WARN);
                    assertThat(l.remedy()).contains("OPENAI_API_KEY");
                });
        assertThat(health.summaryProperty().get()).matches(".*: \\d+ of \\d+ checks need attention\\.");
    }

    @Test
    void thePanelTheStatusBarAndTheNavigatorCountTheSameEndpoints() {
        main.activate();

        var counts = main.health().countsProperty().get();
        // the sample's database answers; gpt-4o-mini has no key, nobody runs Ollama here
        assertThat(counts.total()).isEqualTo(main.health().endpoints().size()).isEqualTo(3);
        assertThat(counts.down()).isPositive();
        assertThat(counts.up()).isPositive();
        assertThat(main.health().summaryProperty().get()).startsWith(counts.text() + " · checked at");
        assertThat(main.healthTextProperty().get()).isEqualTo("Health: " + counts.shortText());
        assertThat(main.item(Section.HEALTH).tooltipProperty().get()).startsWith(counts.text());
        assertThat(main.item(Section.HEALTH).badgeProperty().get())
                .isEqualTo(Integer.toString(counts.down() + counts.degraded()));
        Status expected = counts.down() > 0 ? Status.FAIL : counts.degraded() > 0 ? Status.WARN : Status.OK;
        assertThat(main.item(Section.HEALTH).statusProperty().get()).isEqualTo(expected);
        assertThat(main.healthStatusProperty().get()).isEqualTo(expected);
    }

    @Test
    void shortcutsSelectSectionsAndScreensReplacePages() {
        assertThat(main.selectedSectionProperty().get()).isEqualTo(Section.RUNS);
        assertThat(main.runsSelectedProperty().get()).isTrue();
        assertThat(main.currentPageProperty().get()).isNull();

        main.selectNumber(2);
        assertThat(main.selectedSectionProperty().get()).isEqualTo(Section.DATASETS);
        assertThat(main.showing(Section.DATASETS).get()).isTrue();
        assertThat(main.currentPageProperty().get()).as("the dataset browser has its own screen").isNull();
        assertThat(main.runsSelectedProperty().get()).isFalse();
        main.selectNumber(6);
        assertThat(main.showing(Section.HEALTH).get()).isTrue();
        assertThat(main.showingPage().get()).as("every section has its own screen now").isFalse();
        main.selectNumber(2);

        main.selectNumber(9);
        assertThat(main.selectedSectionProperty().get()).isEqualTo(Section.DATASETS);

        main.openRunningJob();
        assertThat(main.selectedSectionProperty().get()).isEqualTo(Section.RUNS);
    }

    @Test
    void aFinishedRunIsCountedAndShownInTheStatusBar() {
        main.activate();
        assertThat(main.jobVisibleProperty().get()).isFalse();
        assertThat(main.modelTextProperty().get()).isEqualTo("Model: openai:gpt-4o-mini");

        runs.setup().variants().getLast().setSelected(false);
        runs.startRun();

        assertThat(main.item(Section.RUNS).badgeProperty().get()).isEqualTo("1");
        assertThat(main.jobVisibleProperty().get()).isTrue();
        assertThat(main.jobTextProperty().get()).startsWith("Run 54/54 · pass 10 · fail 44 · error 0");
    }

    @Test
    void theThemeTogglesBetweenLightAndDark() {
        assertThat(main.themeProperty().get()).isEqualTo(Theme.LIGHT);
        main.toggleTheme();
        assertThat(main.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(Theme.DARK.stylesheets()).hasSize(2).last().asString().endsWith("/theme/dark.css");
        main.toggleTheme();
        assertThat(main.themeProperty().get()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void runAndExportIntentsFollowTheRunScreen() {
        main.activate();
        main.select(Section.HEALTH);
        assertThat(main.exportableRunProperty().get()).isEmpty();
        runs.setup().variants().getLast().setSelected(false);

        main.startRun();

        assertThat(main.selectedSectionProperty().get()).isEqualTo(Section.RUNS);
        assertThat(runs.runIdProperty().get()).isNotEmpty();
        assertThat(main.exportableRunProperty().get()).isEqualTo(runs.runIdProperty().get());
        main.compareLatest();
        assertThat(main.runsScreen().comparisons()).hasSize(1);
        assertThat(main.exportableRunProperty().get()).isEqualTo(runs.runIdProperty().get());
    }
}
