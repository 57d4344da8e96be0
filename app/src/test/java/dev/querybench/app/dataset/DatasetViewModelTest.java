package dev.querybench.app.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.app.text.Highlight;
import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.session.WorkspaceTestSuite;
import dev.querybench.engine.testsuite.TestSuiteBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset browser over the sample dataset and database. */
class DatasetViewModelTest {

    @TempDir
    Path home;

    private SampleFixture sample;

    @BeforeEach
    void open() {
        sample = new SampleFixture(home.resolve("sample-workspace"));
    }

    @AfterEach
    void close() {
        sample.close();
    }

    private DatasetViewModel viewModel(Dataset dataset) {
        ImmediateTaskRunner tasks = new ImmediateTaskRunner();
        return new DatasetViewModel(dataset, sample.session.databases(), sample.session.queryLimits(), tasks,
                new TestSuiteViewModel(new WorkspaceTestSuite(sample.workspace, sample.secrets),
                        TestSuiteBuilder.Settings.defaults(1), tasks));
    }

    @Test
    void listsQuestionsFiltersThemAndShowsGoldWithItsRows() {
        DatasetViewModel vm = viewModel(sample.workspace.dataset());
        assertThat(vm.rows()).hasSize(54);
        assertThat(vm.summaryProperty().get()).isEqualTo("54 questions in sample-shop");
        assertThat(vm.difficulties()).startsWith("All levels", "easy", "medium", "hard");
        vm.difficultyProperty().set("hard");
        assertThat(vm.visibleRows()).isNotEmpty().allMatch(r -> r.difficulty().equals("hard"));
        vm.difficultyProperty().set("All levels");
        vm.tagProperty().set("null-handling");
        assertThat(vm.visibleRows()).isNotEmpty().allMatch(r -> r.tags().contains("null-handling"));
        vm.tagProperty().set("All tags");
        vm.searchTextProperty().set("colorado");
        assertThat(vm.visibleRows()).extracting(DatasetRow::id).containsExactly("q002");

        vm.selectedProperty().set(vm.visibleRows().getFirst());
        assertThat(vm.detailTitleProperty().get()).isEqualTo("q002 · easy");
        assertThat(vm.detailMetaProperty().get()).contains("hint: Colorado stores have state_code 'CO'");
        assertThat(vm.goldSqlProperty().get()).isEqualTo("SELECT store_name\nFROM stores\nWHERE state_code = 'CO'");
        assertThat(vm.goldHighlightsProperty().get()).extracting(Highlight::styleClass).contains("sql-keyword", "sql-string");
        assertThat(vm.goldRowsProperty().get().columns()).containsExactly("store_name");
        assertThat(vm.goldRowsProperty().get().rows()).isNotEmpty();
    }

    @Test
    void theGoldCheckMarksFailingAndEmptyGold() {
        List<Question> questions = new ArrayList<>(sample.workspace.dataset().questions().subList(0, 3));
        questions.add(new Question("bad1", "Broken gold", List.of("SELECT nope FROM customers"), "hard", List.of(), ""));
        questions.add(new Question("bad2", "Empty gold", List.of("SELECT * FROM customers WHERE 1 = 0"), "easy",
                List.of(), ""));
        DatasetViewModel vm = viewModel(new Dataset("mixed", "", questions));
        assertThat(vm.rows()).allMatch(r -> r.check() == GoldState.NOT_CHECKED);

        vm.activate();

        assertThat(vm.checkingProperty().get()).isFalse();
        assertThat(vm.rows()).extracting(DatasetRow::check).containsExactly(GoldState.OK, GoldState.OK, GoldState.OK,
                GoldState.FAILED, GoldState.EMPTY);
        assertThat(vm.rows().get(3).checkText()).containsIgnoringCase("nope");
        assertThat(vm.rows().getFirst().checkText()).matches("1 row · \\d+ ms");
        assertThat(vm.checkSummaryProperty().get())
                .startsWith("5 gold queries run on SQLite: 3 return rows, 1 return none, 1 fail");
        assertThat(vm.checkFailedProperty().get()).isTrue();
        vm.problemsOnlyProperty().set(true);
        assertThat(vm.visibleRows()).extracting(DatasetRow::id).containsExactly("bad1", "bad2");
    }
}
