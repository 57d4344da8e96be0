package dev.querybench.app.compare;

import static dev.querybench.engine.testing.TestDatabases.plainPrompt;
import static dev.querybench.engine.testing.TestDatabases.sqlite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.dataset.DatasetRow;
import dev.querybench.app.dataset.DatasetViewModel;
import dev.querybench.app.dataset.GoldState;
import dev.querybench.app.grid.GridData;
import dev.querybench.app.grid.GridRow;
import dev.querybench.app.grid.RowMark;
import dev.querybench.app.runs.ModelChoice;
import dev.querybench.app.runs.RunPhase;
import dev.querybench.app.runs.RunViewModel;
import dev.querybench.app.runs.RunsViewModel;
import dev.querybench.app.testing.RecordingDialogs;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.OpenAiStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace whose dataset spans two SQLite databases, the default one and a profile named
 * {@code other}, plus a question naming a database nobody knows: the comparison's result grids and
 * the dataset browser's gold check run each question on its own database.
 */
class MultiDatabaseViewModelTest {

    @TempDir
    Path dir;

    private OpenAiStub stub;
    private WorkspaceSession session;
    private final ImmediateTaskRunner tasks = new ImmediateTaskRunner();

    @BeforeEach
    void open() throws Exception {
        Path ws = dir.resolve("ws");
        plainPrompt(ws);
        sqlite(ws.resolve("main.db"), """
                CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);
                INSERT INTO note VALUES (1, 'main only');
                """);
        sqlite(ws.resolve("other.db"), """
                CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);
                INSERT INTO note VALUES (1, 'x'), (2, 'y'), (3, 'z');
                CREATE TABLE item (id INTEGER PRIMARY KEY, sku TEXT);
                INSERT INTO item VALUES (1, 'a-1'), (2, 'b-2');
                """);
        Files.writeString(ws.resolve("dataset.yaml"), """
                name: two
                questions:
                  - id: here
                    question: Which notes are here?
                    gold: SELECT body FROM note ORDER BY id
                  - id: there
                    question: Which notes are there?
                    gold: SELECT body FROM note ORDER BY id
                    database: other
                  - id: items
                    question: Which skus are in stock?
                    gold: SELECT sku FROM item ORDER BY id
                    database: other
                  - id: ghosts
                    question: Which ghosts are there?
                    gold: SELECT 1
                    database: nowhere
                """);
        Files.writeString(ws.resolve("querybench.yaml"), """
                name: two
                database: {name: main, type: sqlite, path: main.db}
                databases: [{name: other, type: sqlite, path: other.db}]
                dataset: dataset.yaml
                variants: [plain]
                """);
        stub = OpenAiStub.start();
        stub.answerSql("notes are here", "SELECT body FROM note");
        stub.answerSql("notes are there", "SELECT body FROM note WHERE id > 1");
        stub.answerSql("skus", "SELECT sku FROM item");
        Workspace workspace = new WorkspaceLoader().load(ws);
        session = WorkspaceSession.open(workspace, new SecretResolver(Map.of()), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        session.close();
        stub.close();
    }

    private ComparisonViewModel comparisonOfARun() {
        List<ModelChoice> models = ModelChoice.of(session.workspace(), new SecretResolver(Map.of()),
                "openai:gpt-4o-mini", stub.baseUrl());
        RunViewModel runScreen = new RunViewModel(session.workspace(), session, models, tasks, new RecordingDialogs());
        RunsViewModel runs = new RunsViewModel(session, runScreen, tasks);
        runScreen.startRun();
        assertThat(runScreen.phaseProperty().get()).isEqualTo(RunPhase.FINISHED);
        runs.compareLatest();
        assertThat(runs.problemProperty().get()).isEmpty();
        return runs.comparisons().getFirst();
    }

    private static MatrixRow row(ComparisonViewModel vm, String questionId) {
        return vm.rows().stream().filter(r -> r.questionId().equals(questionId)).findFirst().orElseThrow();
    }

    private static List<List<String>> values(GridData grid) {
        return grid.rows().stream().map(GridRow::values).toList();
    }

    @Test
    void theResultGridsShowRowsFromTheQuestionsOwnDatabase() {
        ComparisonViewModel vm = comparisonOfARun();

        vm.select(row(vm, "there"), 0);
        GridData gold = vm.detail().goldGridProperty().get();
        assertThat(gold.error()).as(gold.summary()).isFalse();
        assertThat(values(gold)).containsExactly(List.of("x"), List.of("y"), List.of("z"));
        assertThat(gold.rows()).extracting(GridRow::mark)
                .containsExactly(RowMark.MISSING, RowMark.NONE, RowMark.NONE);
        assertThat(values(vm.detail().predictedGridProperty().get())).containsExactly(List.of("y"), List.of("z"));

        // a table only the second database has
        vm.select(row(vm, "items"), 0);
        assertThat(vm.detail().goldGridProperty().get().error()).as(vm.detail().goldGridProperty().get().summary()).isFalse();
        assertThat(values(vm.detail().goldGridProperty().get())).containsExactly(List.of("a-1"), List.of("b-2"));

        vm.select(row(vm, "here"), 0);
        assertThat(values(vm.detail().goldGridProperty().get())).containsExactly(List.of("main only"));
        assertThat(values(vm.detail().predictedGridProperty().get())).containsExactly(List.of("main only"));
    }

    @Test
    void aQuestionNamingAnUnknownDatabaseSaysSoInTheGrids() {
        ComparisonViewModel vm = comparisonOfARun();

        vm.select(row(vm, "ghosts"), 0);

        GridData gold = vm.detail().goldGridProperty().get();
        assertThat(gold.error()).isTrue();
        assertThat(gold.summary()).contains("names database 'nowhere', which is not known")
                .contains("known databases: main, other");
        assertThat(vm.detail().gridsLoadingProperty().get()).isFalse();
        assertThat(vm.detail().goldSqlProperty().get()).isEqualTo("SELECT 1");
    }

    @Test
    void theGoldCheckRunsEachGoldQueryOnItsQuestionsDatabase() {
        DatasetViewModel vm = new DatasetViewModel(session.workspace().dataset(), session.databases(),
                session.queryLimits(), tasks, new dev.querybench.app.dataset.TestSuiteViewModel(
                        new dev.querybench.engine.session.WorkspaceTestSuite(session.workspace(),
                                new dev.querybench.engine.config.SecretResolver(java.util.Map.of())),
                        dev.querybench.engine.testsuite.TestSuiteBuilder.Settings.defaults(1), tasks));

        vm.activate();

        assertThat(vm.checkingProperty().get()).isFalse();
        assertThat(vm.rows()).extracting(DatasetRow::id, DatasetRow::check).containsExactly(
                tuple("here", GoldState.OK),
                tuple("there", GoldState.OK),
                tuple("items", GoldState.OK),
                tuple("ghosts", GoldState.FAILED));
        assertThat(vm.rows().get(1).checkText()).matches("3 rows · \\d+ ms");
        assertThat(vm.rows().get(2).checkText()).matches("2 rows · \\d+ ms");
        assertThat(vm.rows().get(3).checkText()).contains("'nowhere' is not known");
        assertThat(vm.checkSummaryProperty().get()).startsWith("3 gold queries run on 2 databases (SQLite): 3 return rows,"
                + " 0 return none, 0 fail; 1 question names a database that cannot be used");
        assertThat(vm.checkFailedProperty().get()).isTrue();

        vm.selectedProperty().set(vm.rows().get(1));
        assertThat(vm.detailMetaProperty().get()).startsWith("database: other · ");
        assertThat(values(vm.goldRowsProperty().get())).containsExactly(List.of("x"), List.of("y"), List.of("z"));
    }
}
