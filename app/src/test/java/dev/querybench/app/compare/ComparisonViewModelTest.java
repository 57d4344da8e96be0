package dev.querybench.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.grid.GridData;
import dev.querybench.app.grid.GridRow;
import dev.querybench.app.grid.RowMark;
import dev.querybench.app.runs.ModelChoice;
import dev.querybench.app.runs.RunPhase;
import dev.querybench.app.runs.RunViewModel;
import dev.querybench.app.runs.RunsViewModel;
import dev.querybench.app.testing.RecordingDialogs;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.app.text.Highlight;
import dev.querybench.app.text.SqlHighlighter;
import dev.querybench.app.text.VerdictKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison over a real run of both sample variants against the stub, read back from the run store. */
class ComparisonViewModelTest {

    @TempDir
    Path home;

    private SampleFixture sample;
    private RunsViewModel runs;
    private ComparisonViewModel vm;

    @BeforeEach
    void runBothVariants() {
        sample = new SampleFixture(home.resolve("sample-workspace"), true);
        ImmediateTaskRunner tasks = new ImmediateTaskRunner();
        List<ModelChoice> models = ModelChoice.of(sample.workspace, sample.secrets, "openai:gpt-4o-mini",
                sample.stub.baseUrl());
        RunViewModel runScreen = new RunViewModel(sample.workspace, sample.session, models, tasks, new RecordingDialogs());
        runs = new RunsViewModel(sample.session, runScreen, tasks);
        runs.activate();
        assertThat(runs.storedRuns()).isEmpty();
        runScreen.startRun();
        assertThat(runScreen.phaseProperty().get()).isEqualTo(RunPhase.FINISHED);
        assertThat(runs.storedRuns()).hasSize(1);
        assertThat(runs.canCompareLatestProperty().get()).isTrue();
        runs.compareLatest();
        assertThat(runs.comparisons()).hasSize(1);
        vm = runs.comparisons().getFirst();
        assertThat(runs.selectedComparisonProperty().get()).isSameAs(vm);
    }

    @AfterEach
    void close() {
        runs.deactivate();
        sample.close();
    }

    @Test
    void aLaterRunAgainstTheFirstAsBaselineNamesWhatImprovedWithTheExactTest() {
        String first = vm.runId();
        // A later run of the same questions in which every item passed, stored as a run finishes.
        var store = sample.session.runStore();
        var firstRun = store.run(first).orElseThrow();
        String second = first + "-later";
        store.createRun(new dev.querybench.engine.run.RunRecord(second, firstRun.createdAt().plusSeconds(60),
                firstRun.workspace(), firstRun.dataset(), firstRun.questionIds(), firstRun.variants(), firstRun.models(),
                firstRun.matchMode(), "finished"));
        for (var i : store.items(first)) {
            store.save(second, new dev.querybench.engine.run.ItemResult(i.key(), i.prompt(), i.answer(), i.sql(),
                    dev.querybench.engine.evaluation.base.Verdict.pass(i.verdict().mode(), java.util.Set.of(), "same rows"),
                    i.latencyMs(), i.usage(), i.modelId(), i.provenance(), i.cost(), i.error(), i.finishedAt(), i.attempts(),
                    i.judge()));
        }
        runs.openComparison(second);
        ComparisonViewModel later = runs.comparisons().getLast();
        assertThat(later.runId()).isNotEqualTo(first);
        assertThat(later.strip().cellAProperty().get()).as("two variants on the same model").isZero();
        assertThat(later.strip().cellBProperty().get()).isEqualTo(1);

        later.activate();
        assertThat(later.baseline().choices()).extracting(BaselineViewModel.Choice::runId).containsExactly("", first);
        later.baseline().pick(first);

        var delta = later.baseline().resultProperty().get();
        var basic = delta.cell(new dev.querybench.engine.compare.CellKey("ddl-basic", "openai:gpt-4o-mini")).orElseThrow();
        assertThat(basic.improvements()).hasSize(44).doesNotContain("q001");
        assertThat(basic.regressions()).isEmpty();
        assertThat(later.baseline().summaryProperty().get()).startsWith("Against run " + first + ": ")
                .contains("ddl-basic · openai:gpt-4o-mini: +81.5 pts, McNemar p = < 0.001, 44 improved, 0 regressed");
        later.filterProperty().set(MatrixFilter.IMPROVED);
        assertThat(later.visibleRows()).hasSize(delta.improved().size());
        assertThat(later.baseline().mark(later.visibleRows().getFirst().questionId())).isEqualTo("▲");
        later.filterProperty().set(MatrixFilter.REGRESSED);
        assertThat(later.visibleRows()).isEmpty();
    }

    @Test
    void cardsShowAccuracyAndThePairShowsTheMcNemarTest() {
        assertThat(vm.strip().cards()).extracting(CompareCard::variant).containsExactly("ddl-basic", "ddl-samples-hints");
        assertThat(vm.strip().cards()).extracting(CompareCard::accuracyText).containsExactly("18.5%", "25.9%");
        assertThat(vm.strip().cards()).extracting(CompareCard::role).containsExactly("A", "B");
        CompareCard b = vm.strip().cards().get(1);
        assertThat(b.low()).isLessThan(b.value());
        assertThat(b.high()).isGreaterThan(b.value());
        assertThat(b.intervalText()).matches("95% CI \\d+\\.\\d% – \\d+\\.\\d%");
        assertThat(b.countsText()).isEqualTo("pass 14 · fail 40 · error 0");
        assertThat(b.latencyText()).startsWith("p50 ");
        assertThat(b.usageText()).contains("tokens").containsAnyOf("per correct", "cost unknown");

        assertThat(vm.strip().pairTextProperty().get())
                .isEqualTo("B − A = +7.4 pts · McNemar p = 0.289 · 6 flip to right · 2 flip to wrong");
        assertThat(vm.strip().pairDetailProperty().get()).contains("54 questions judged in both").contains("may be chance");

        vm.strip().pickCard(0);
        assertThat(vm.strip().cards()).extracting(CompareCard::role).containsExactly("B", "A");
        assertThat(vm.strip().pairTextProperty().get())
                .isEqualTo("B − A = -7.4 pts · McNemar p = 0.289 · 2 flip to right · 6 flip to wrong");
    }

    @Test
    void filtersNarrowTheMatrix() {
        assertThat(vm.rows()).hasSize(54);
        assertThat(vm.matrixSummaryProperty().get()).isEqualTo("54 questions");
        MatrixRow first = vm.rows().getFirst();
        assertThat(first.questionId()).isEqualTo("q001");
        assertThat(first.cell(0).verdict()).isEqualTo(VerdictKind.PASS);
        assertThat(first.cell(1).verdict()).isEqualTo(VerdictKind.FAIL);

        vm.filterProperty().set(MatrixFilter.DISAGREEMENTS);
        assertThat(vm.visibleRows()).hasSize(8);
        assertThat(vm.matrixSummaryProperty().get()).isEqualTo("8 of 54 questions");
        vm.filterProperty().set(MatrixFilter.A_RIGHT_B_WRONG);
        assertThat(vm.visibleRows()).extracting(MatrixRow::questionId).containsExactly("q001", "q002");
        vm.filterProperty().set(MatrixFilter.A_WRONG_B_RIGHT);
        assertThat(vm.visibleRows()).extracting(MatrixRow::questionId)
                .containsExactly("q011", "q012", "q013", "q014", "q015", "q016");
        // the dataset screen's difficulty filter says the same (DatasetViewModelTest)
        assertThat(vm.difficulties()).first().isEqualTo("All levels");
        vm.difficultyProperty().set("easy");
        assertThat(vm.visibleRows()).allMatch(r -> r.difficulty().equals("easy"));
        vm.difficultyProperty().set(ComparisonViewModel.ANY_DIFFICULTY);
        vm.filterProperty().set(MatrixFilter.ALL);

        assertThat(vm.categories()).first().isEqualTo(ComparisonViewModel.ANY_CATEGORY);
        String category = vm.categories().get(1);
        vm.categoryProperty().set(category);
        assertThat(vm.visibleRows()).isNotEmpty().hasSizeLessThan(54)
                .allMatch(r -> r.cells().stream().anyMatch(c -> c.category().equals(category)));
        vm.categoryProperty().set(ComparisonViewModel.ANY_CATEGORY);

        vm.searchTextProperty().set("q05");
        assertThat(vm.visibleRows()).extracting(MatrixRow::questionId).containsExactly("q050", "q051", "q052", "q053",
                "q054");
        assertThat(vm.matrixAsMarkdown()).startsWith("| ID | Question | Level | ddl-basic · openai:gpt-4o-mini |")
                .contains("| q050 |");
    }

    @Test
    void selectingACellShowsBothQueriesAndTheirRowsMarked() {
        MatrixRow q001 = vm.rows().getFirst();
        vm.select(q001, 1);

        assertThat(vm.detailShownProperty().get()).isTrue();
        assertThat(vm.detail().detailTitleProperty().get()).isEqualTo("q001 · ddl-samples-hints · openai:gpt-4o-mini");
        assertThat(vm.detail().detailVerdictProperty().get()).isEqualTo(VerdictKind.FAIL);
        assertThat(vm.detail().predictedSqlProperty().get()).isEqualTo("SELECT 'wrong answer' AS nope");
        assertThat(vm.detail().goldSqlProperty().get()).isEqualTo("SELECT COUNT(*)\nFROM customers");
        assertThat(vm.detail().predictedHighlightsProperty().get()).extracting(Highlight::styleClass)
                .contains(SqlHighlighter.CHANGED, "sql-keyword", "sql-string");
        assertThat(vm.detail().rationaleProperty().get()).startsWith("Judged by strict");
        assertThat(vm.detail().usageTextProperty().get()).contains("prompt +").contains("answered by gpt-4o-mini-stub-2026");
        assertThat(vm.detail().gridsLoadingProperty().get()).isFalse();

        GridData gold = vm.detail().goldGridProperty().get();
        GridData predicted = vm.detail().predictedGridProperty().get();
        assertThat(gold.columns()).containsExactly("COUNT(*)");
        assertThat(gold.rows()).extracting(GridRow::mark).containsExactly(RowMark.MISSING);
        assertThat(gold.summary()).isEqualTo("1 row · 1 missing from the prediction");
        assertThat(predicted.columns()).containsExactly("nope");
        assertThat(predicted.rows()).extracting(r -> r.value(0)).containsExactly("wrong answer");
        assertThat(predicted.rows()).extracting(GridRow::mark).containsExactly(RowMark.EXTRA);
        assertThat(vm.selectedPredictedSql()).isEqualTo("SELECT 'wrong answer' AS nope");

        vm.select(q001, 0);
        assertThat(vm.detail().detailVerdictProperty().get()).isEqualTo(VerdictKind.PASS);
        assertThat(vm.detail().goldGridProperty().get().rows()).extracting(GridRow::mark).containsExactly(RowMark.NONE);
        assertThat(vm.detail().predictedHighlightsProperty().get()).extracting(Highlight::styleClass)
                .doesNotContain(SqlHighlighter.CHANGED);

        vm.clearSelection();
        assertThat(vm.detailShownProperty().get()).isFalse();
    }

    @Test
    void aRunWithoutAJudgeInAWorkspaceWithoutLangfuseShowsNeitherJudgeNorTraceLink() {
        assertThat(vm.judged()).isFalse();
        assertThat(vm.filters()).doesNotContain(MatrixFilter.JUDGE_DISAGREES);
        assertThat(vm.strip().cards()).extracting(CompareCard::judgeText).containsOnly("");
        assertThat(vm.rows()).flatExtracting(MatrixRow::cells).noneMatch(MatrixCell::judgeDisagrees)
                .allMatch(c -> c.judge().isEmpty());
        vm.select(vm.rows().getFirst(), 1);
        assertThat(vm.detailShownProperty().get()).isTrue();
        assertThat(vm.detail().judgeShownProperty().get()).isFalse();
        assertThat(vm.detail().judgeConflictProperty().get()).isEmpty();
        assertThat(vm.detail().traceShownProperty().get()).isFalse();
        assertThat(vm.selectedTraceUri()).isNull();
    }

    @Test
    void aRunOpensOnceAndClosesFromItsTab() {
        String id = vm.runId();
        runs.openComparison(id);
        assertThat(runs.comparisons()).hasSize(1);
        runs.close(vm);
        assertThat(runs.comparisons()).isEmpty();
        assertThat(runs.selectedComparisonProperty().get()).isNull();
        runs.openComparison("no-such-run");
        assertThat(runs.problemProperty().get()).contains("no stored run no-such-run");
    }
}
