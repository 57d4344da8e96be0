package dev.querybench.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.testing.RecordingDialogs;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.app.text.VerdictKind;
import dev.querybench.engine.evaluation.EvaluationOrchestrator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run screen's view model over the real engine, the sample workspace and the local OpenAI stub. */
class RunViewModelTest {

    private static final String STUB_MODEL = "openai:gpt-4o-mini";
    private static final int QUESTIONS = 54;

    @TempDir
    Path home;

    private SampleFixture sample;
    private final RecordingDialogs dialogs = new RecordingDialogs();

    @BeforeEach
    void openSample() {
        sample = new SampleFixture(home.resolve("sample-workspace"));
    }

    @AfterEach
    void close() {
        sample.close();
    }

    private RunViewModel viewModel(String adHocModel) {
        List<ModelChoice> models = ModelChoice.of(sample.workspace, sample.secrets, adHocModel, sample.stub.baseUrl());
        return new RunViewModel(sample.workspace, sample.session, models, new ImmediateTaskRunner(), dialogs);
    }

    @Test
    void runEvaluatesEveryQuestionWithBothVariantsAndSummarisesEachCell() {
        RunViewModel vm = viewModel(STUB_MODEL);
        assertThat(vm.setup().selectedModelProperty().get().id()).isEqualTo(STUB_MODEL);
        assertThat(vm.setup().variants()).extracting(VariantOption::name).containsExactly("ddl-basic", "ddl-samples-hints");
        assertThat(vm.canStartRunProperty().get()).isTrue();
        assertThat(vm.canCancelProperty().get()).isFalse();

        vm.startRun();

        assertThat(vm.phaseProperty().get()).isEqualTo(RunPhase.FINISHED);
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.progress().totalItemsProperty().get()).isEqualTo(2 * QUESTIONS);
        assertThat(vm.progress().doneItemsProperty().get()).isEqualTo(108);
        assertThat(vm.progress().passedItemsProperty().get()).isEqualTo(20);
        assertThat(vm.progress().failedItemsProperty().get()).isEqualTo(88);
        assertThat(vm.progress().errorItemsProperty().get()).isZero();
        assertThat(vm.progress().progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.progress().progressTextProperty().get()).matches(
                "108/108 · pass 20 · fail 88 · error 0 · [\\d.]+k tokens · \\$[\\d.]+ · took .+");
        assertThat(vm.setup().selectedJudgeProperty().get().judges()).isFalse();
        assertThat(vm.statusTextProperty().get()).startsWith("Finished run " + vm.runIdProperty().get());
        assertThat(sample.stub.calls()).isEqualTo(108);

        assertThat(vm.progress().cards()).extracting(CellCard::variant).containsExactly("ddl-basic", "ddl-samples-hints");
        for (CellCard card : vm.progress().cards()) {
            assertThat(card.model()).isEqualTo(STUB_MODEL);
            assertThat(card.passed()).isEqualTo(10);
            assertThat(card.failed()).isEqualTo(44);
            assertThat(card.errors()).isZero();
            assertThat(card.accuracy()).isEqualTo(10.0 / 54);
            assertThat(card.accuracyText()).isEqualTo("18.5%");
            assertThat(card.low()).isLessThan(card.accuracy());
            assertThat(card.high()).isGreaterThan(card.accuracy());
            assertThat(card.intervalText()).matches("95% CI \\d+\\.\\d% – \\d+\\.\\d%");
            assertThat(card.latencyP50Ms()).isNotNegative();
            assertThat(card.tokens()).isPositive();
        }

        assertThat(vm.results().rows()).hasSize(108);
        ResultRow first = vm.results().rows().getFirst();
        assertThat(first.questionId()).isEqualTo("q001");
        assertThat(first.question()).isEqualTo(sample.workspace.dataset().questions().getFirst().text());
        assertThat(first.variant()).isEqualTo("ddl-basic");
        assertThat(first.model()).isEqualTo(STUB_MODEL);
        assertThat(first.sql()).isEqualTo(sample.workspace.dataset().questions().getFirst().primaryGold());
        assertThat(first.verdict()).isEqualTo(VerdictKind.PASS);
        ResultRow wrong = vm.results().rows().getLast();
        assertThat(wrong.verdict()).isEqualTo(VerdictKind.FAIL);
        assertThat(wrong.sqlOneLine()).isEqualTo("SELECT 'wrong answer' AS nope");
        assertThat(wrong.reasonText()).isNotBlank();
        assertThat(vm.results().resultsSummaryProperty().get()).isEqualTo("108 results");
        assertThat(vm.progress().failureCounts()).extracting(FailureCount::count).isSortedAccordingTo(
                java.util.Comparator.reverseOrder());
        assertThat(vm.progress().failureCounts().stream().mapToInt(FailureCount::count).sum()).isEqualTo(88);

        assertThat(vm.detail().detailShownProperty().get()).isFalse();
        vm.results().selectedResultProperty().set(wrong);
        assertThat(vm.detail().detailShownProperty().get()).isTrue();
        assertThat(vm.detail().detailTitleProperty().get()).startsWith(wrong.questionId() + " · ddl-samples-hints · ");
        assertThat(vm.detail().detailReasonProperty().get()).startsWith("FAIL · " + wrong.categoryLabel());
        assertThat(vm.detail().detailPredictedSqlProperty().get()).isEqualTo("SELECT 'wrong answer' AS nope");
        assertThat(vm.detail().detailGoldSqlProperty().get())
                .isEqualTo(sample.workspace.dataset().questions().getLast().primaryGold().strip());
        assertThat(vm.canStartRunProperty().get()).isTrue();
        assertThat(vm.error().shownProperty().get()).isFalse();
    }

    @Test
    void progressArrivesWhileTheRunIsGoing() {
        RunViewModel vm = viewModel(STUB_MODEL);
        // Listener exceptions are swallowed by JavaFX, so record what was seen and assert afterwards.
        record Seen(int done, String progressText, boolean canCancel, boolean canStart, int cards) {}
        List<Seen> seen = new ArrayList<>();
        vm.progress().doneItemsProperty().addListener((obs, was, is) -> {
            if (vm.runningProperty().get()) {
                seen.add(new Seen(is.intValue(), vm.progress().progressTextProperty().get(), vm.canCancelProperty().get(),
                        vm.canStartRunProperty().get(), vm.progress().cards().size()));
            }
        });

        vm.startRun();

        assertThat(seen).hasSizeGreaterThan(50);
        assertThat(seen).extracting(Seen::done).doesNotHaveDuplicates().isSorted().endsWith(108);
        assertThat(seen).allSatisfy(s -> {
            assertThat(s.progressText()).startsWith(s.done() + "/108 · pass ");
            assertThat(s.canCancel()).isTrue();
            assertThat(s.canStart()).isFalse();
            assertThat(s.cards()).isEqualTo(2);
        });
        assertThat(seen.getFirst().progressText()).contains(" · ETA ");
        assertThat(seen).extracting(Seen::progressText).allMatch(t -> t.matches(".* · [\\d.]+k? tokens · \\$[\\d.]+ · ETA .*"))
                .noneMatch(t -> t.contains("judged"));
        assertThat(tokens(seen.get(seen.size() / 2).progressText())).isLessThan(tokens(seen.getLast().progressText()));
    }

    private static double tokens(String progressText) {
        var m = java.util.regex.Pattern.compile(" ([\\d.]+)(k?) tokens").matcher(progressText);
        assertThat(m.find()).as(progressText).isTrue();
        return Double.parseDouble(m.group(1)) * (m.group(2).isEmpty() ? 1 : 1000);
    }

    @Test
    void aWorkspaceWithAJudgeSectionOffersItsJudgeFirstAndChoosesIt() throws Exception {
        Path folder = new dev.querybench.engine.sample.SampleWorkspace().materialize(home.resolve("with-judge"));
        Path yaml = folder.resolve(dev.querybench.engine.config.Workspace.CONFIG_FILE);
        java.nio.file.Files.writeString(yaml, java.nio.file.Files.readString(yaml) + "judge: {model: gpt-4o-mini}\n");
        var workspace = new dev.querybench.engine.config.WorkspaceLoader().load(folder);
        List<ModelChoice> models = ModelChoice.of(workspace, sample.secrets, STUB_MODEL, sample.stub.baseUrl());
        RunViewModel vm = new RunViewModel(workspace, sample.session, models, new ImmediateTaskRunner(), dialogs);
        assertThat(vm.setup().judges()).extracting(JudgeOption::label).startsWith("No LLM judge",
                "Workspace judge · gpt-4o-mini");
        assertThat(vm.setup().selectedJudgeProperty().get().choice())
                .isEqualTo(dev.querybench.engine.session.JudgeChoice.WORKSPACE);
        assertThat(vm.setup().judgeHintProperty().get()).contains("judge-equivalence");
    }

    @Test
    void aJudgeChosenForTheRunIsAskedAboutEveryItemAndCountedInTheProgress() {
        try (SampleFixture judged = SampleFixture.judged(home.resolve("judged"))) {
            List<ModelChoice> models = ModelChoice.of(judged.workspace, judged.secrets, STUB_MODEL, judged.stub.baseUrl());
            RunViewModel vm = new RunViewModel(judged.workspace, judged.session, models, new ImmediateTaskRunner(), dialogs);
            assertThat(vm.setup().judges()).extracting(JudgeOption::label).containsExactly("No LLM judge",
                    "Judge with " + STUB_MODEL, "Judge with gpt-4o-mini", "Judge with ollama-qwen-coder");
            assertThat(vm.setup().selectedJudgeProperty().get().judges()).as("the sample has no judge: section").isFalse();
            vm.setup().selectedJudgeProperty().set(vm.setup().judges().get(1));
            assertThat(vm.setup().judgeHintProperty().get()).startsWith(STUB_MODEL + " reads both queries");
            List<String> seen = new ArrayList<>();
            vm.progress().doneItemsProperty().addListener((obs, was, is) -> seen.add(is + " " + vm.progress().progressTextProperty().get()));

            vm.startRun();

            assertThat(vm.phaseProperty().get()).isEqualTo(RunPhase.FINISHED);
            // Both variants often give the same answer, and the judge's answer then comes from the cache.
            assertThat(judged.stub.calls()).as("generation and judge calls").isGreaterThan(108 + 54);
            // Four workers finish items at once, so the furthest progress can be shown before the last items arrive.
            assertThat(seen).hasSizeGreaterThan(50).allSatisfy(line -> {
                int done = Integer.parseInt(line.substring(0, line.indexOf(' ')));
                var m = java.util.regex.Pattern.compile(" · (\\d+) judged · ").matcher(line);
                assertThat(m.find()).as(line).isTrue();
                assertThat(Integer.parseInt(m.group(1))).as(line).isBetween(done - 4, done);
            });
            assertThat(vm.progress().progressTextProperty().get()).matches(
                    "108/108 · pass 24 · fail 84 · error 0 · [\\d.]+k tokens · \\$[\\d.]+ · 108 judged · took .+");
            assertThat(vm.progress().shortProgressTextProperty().get()).as("the status bar's")
                    .matches("108/108 · pass 24 · fail 84 · error 0 · took .+");
            var items = judged.session.runStore().items(vm.runIdProperty().get());
            assertThat(items).hasSize(108).allSatisfy(i -> assertThat(i.judge()).isNotNull());
            long expected = items.stream().mapToLong(i -> i.usage().inputTokens() + i.usage().outputTokens()
                    + i.judge().usage().inputTokens() + i.judge().usage().outputTokens()).sum();
            assertThat(tokens(vm.progress().progressTextProperty().get())).isCloseTo(expected, org.assertj.core.data.Offset.offset(50.0));
        }
    }

    @Test
    void cancelStopsTheRunAndKeepsWhatFinished() {
        sample.stub.latency(Duration.ofMillis(40));
        RunViewModel vm = viewModel(STUB_MODEL);
        AtomicBoolean asked = new AtomicBoolean();
        vm.progress().doneItemsProperty().addListener((obs, was, is) -> {
            if (is.intValue() >= 6 && asked.compareAndSet(false, true)) {
                vm.cancelRun();
            }
        });

        vm.startRun();

        assertThat(vm.phaseProperty().get()).isEqualTo(RunPhase.CANCELLED);
        int done = vm.progress().doneItemsProperty().get();
        assertThat(done).isBetween(6, 107);
        assertThat(vm.results().rows()).hasSize(done);
        assertThat(vm.progress().totalItemsProperty().get()).isEqualTo(108);
        assertThat(sample.stub.calls()).isLessThan(108);
        assertThat(vm.statusTextProperty().get()).startsWith("Cancelled: " + done + " of 108 items");
        assertThat(vm.canCancelProperty().get()).isFalse();
        assertThat(vm.canStartRunProperty().get()).isTrue();
        assertThat(vm.error().shownProperty().get()).isFalse();
        assertThat(sample.session.runStore().run(vm.runIdProperty().get())).get()
                .extracting(run -> run.status()).isEqualTo(EvaluationOrchestrator.STATUS_CANCELLED);

        // Resume picks the cancelled run up: only the items without a stored answer reach the model.
        String runId = vm.runIdProperty().get();
        assertThat(vm.resume().canResumeProperty().get()).isTrue();
        assertThat(vm.resume().resumableProperty().get().id()).isEqualTo(runId);
        assertThat(vm.resume().resumeTextProperty().get()).startsWith("Resume run " + runId + " (cancelled, 108 items planned)");
        int callsBefore = sample.stub.calls();
        sample.stub.latency(Duration.ZERO);

        // One count everywhere: the header, the cards and the list agree at every step of the resume.
        List<String> disagreements = new java.util.ArrayList<>();
        vm.progress().doneItemsProperty().addListener((obs, was, is) -> {
            int onCards = vm.progress().cards().stream().mapToInt(c -> c.passed() + c.failed() + c.errors()).sum();
            if (is.intValue() > 0 && (onCards != is.intValue() || vm.results().rows().size() != is.intValue())) {
                disagreements.add(is + " done, " + onCards + " on the cards, " + vm.results().rows().size() + " listed");
            }
        });

        vm.resumeRun();

        assertThat(disagreements).isEmpty();
        assertThat(vm.phaseProperty().get()).isEqualTo(RunPhase.FINISHED);
        assertThat(vm.runIdProperty().get()).isEqualTo(runId);
        assertThat(vm.progress().doneItemsProperty().get()).isEqualTo(108);
        assertThat(vm.progress().passedItemsProperty().get()).isEqualTo(20);
        assertThat(sample.stub.calls() - callsBefore).isLessThanOrEqualTo(108 - done);
        assertThat(vm.progress().cards()).extracting(CellCard::passed).containsExactly(10, 10);
        assertThat(vm.resume().canResumeProperty().get()).isFalse();
    }

    @Test
    void afterARestartTheNewestStoredRunIsShown() {
        RunViewModel first = viewModel(STUB_MODEL);
        first.startRun();
        String runId = first.runIdProperty().get();

        RunViewModel restarted = viewModel(STUB_MODEL);
        assertThat(restarted.results().rows()).isEmpty();
        restarted.showStored(sample.session.runStore().runs().getFirst());

        assertShowsFinishedSampleRun(restarted, runId);
        // The history lists it with its best cell's accuracy and its cost, priced by the workspace's price table.
        RunsViewModel history = new RunsViewModel(sample.session, restarted, new ImmediateTaskRunner());
        history.refresh();
        assertThat(history.storedRuns()).singleElement().satisfies(run -> {
            // Both cells pass 10 of 54; the text names the one it shows.
            assertThat(run.accuracyText()).startsWith("18.5% (ddl-").endsWith(" · " + STUB_MODEL + ")");
            assertThat(run.accuracy()).isCloseTo(10 / 54.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(run.costText()).startsWith("$");
        });
        // A run started since is not replaced by the stored one.
        restarted.startRun();
        String newer = restarted.runIdProperty().get();
        restarted.showStored(sample.session.runStore().runs().getLast());
        assertThat(restarted.runIdProperty().get()).isEqualTo(newer);
    }

    @Test
    void afterARestartTheLatestRunIsReadAsTheWorkspaceOpensWithoutTheHistory() {
        LaterTasks later = new LaterTasks();
        List<ModelChoice> models = ModelChoice.of(sample.workspace, sample.secrets, STUB_MODEL, sample.stub.baseUrl());
        // Nothing stored yet: after the read the screen asks for a first run.
        RunViewModel empty = new RunViewModel(sample.workspace, sample.session, models, later, dialogs);
        empty.showLatestStored();
        assertThat(empty.latestPendingProperty().get()).as("none stored: the setup is the screen").isFalse();
        later.runAll();
        assertThat(empty.results().emptyResultsTextProperty().get()).startsWith("No results yet.");
        assertThat(empty.statusTextProperty().get()).startsWith("Ready: 54 questions");

        RunViewModel first = viewModel(STUB_MODEL);
        first.startRun();
        String runId = first.runIdProperty().get();

        // As the composition root does while the window is built: the read waits in the executor.
        RunViewModel restarted = new RunViewModel(sample.workspace, sample.session, models, later, dialogs);
        later.runAll(); // the constructor's look for a resumable run
        restarted.showLatestStored();
        // Until it is read the screen says so; it does not ask for a first run while one is stored.
        assertThat(restarted.results().emptyResultsTextProperty().get()).isEqualTo("Loading the latest run…");
        assertThat(restarted.statusTextProperty().get()).startsWith("Loading the latest run");
        assertThat(later.queued).hasSize(1);
        assertThat(restarted.latestPendingProperty().get()).as("results are coming: the setup starts folded").isTrue();

        later.runAll(); // no RunsViewModel, no history read: the run screen shows the run by itself
        assertShowsFinishedSampleRun(restarted, runId);
        assertThat(restarted.latestPendingProperty().get()).isFalse();
        // The history's read (after the first frame) then leaves it as it is.
        restarted.showStored(sample.session.runStore().runs().getFirst());
        restarted.showLatestStored();
        assertThat(later.queued).isEmpty();
    }

    @Test
    void aRunStartedWhileTheLatestRunIsReadIsNotReplacedByIt() {
        RunViewModel first = viewModel(STUB_MODEL);
        first.startRun();
        String stored = first.runIdProperty().get();

        LaterTasks later = new LaterTasks();
        List<ModelChoice> models = ModelChoice.of(sample.workspace, sample.secrets, STUB_MODEL, sample.stub.baseUrl());
        RunViewModel restarted = new RunViewModel(sample.workspace, sample.session, models, later, dialogs);
        restarted.showLatestStored();
        restarted.startRun();
        assertThat(restarted.latestPendingProperty().get()).as("a run started: nothing pending to show").isFalse();
        later.runAll();
        assertThat(restarted.runIdProperty().get()).isNotEqualTo(stored).isNotEmpty();
        assertThat(restarted.phaseProperty().get()).isEqualTo(RunPhase.FINISHED);
        assertThat(restarted.statusTextProperty().get()).startsWith("Finished run " + restarted.runIdProperty().get());
        assertThat(restarted.results().emptyResultsTextProperty().get()).doesNotContain("Loading");
    }

    /** Holds submitted work until {@link #runAll()}, as the app's executor delivers it later. */
    private static final class LaterTasks implements dev.querybench.app.core.TaskRunner {
        private final List<Runnable> queued = new ArrayList<>();
        private final ImmediateTaskRunner now = new ImmediateTaskRunner();

        @Override
        public <T, P> Job submit(BackgroundWork<T, P> work, java.util.function.Consumer<List<P>> onProgress,
                java.util.function.Consumer<? super T> onSuccess, java.util.function.Consumer<Throwable> onFailure) {
            AtomicBoolean cancelled = new AtomicBoolean();
            queued.add(() -> now.submit(work, onProgress, onSuccess, onFailure));
            return new Job() {
                @Override
                public void cancel() {
                    cancelled.set(true);
                }

                @Override
                public boolean isCancelled() {
                    return cancelled.get();
                }

                @Override
                public boolean isDone() {
                    return false;
                }
            };
        }

        void runAll() {
            while (!queued.isEmpty()) {
                queued.removeFirst().run();
            }
        }
    }

    @Test
    void aRunWhoseSqlRanUnderAPrivilegedAccountByOptInShowsTheWarningOnTheRunAndComparisonScreens() {
        RunViewModel first = viewModel(STUB_MODEL);
        first.startRun();
        // the sample's SQLite file has no account: nothing to warn about
        assertThat(first.progress().privilegedWarningProperty().get()).isEmpty();
        String runId = first.runIdProperty().get();
        // as the engine records a run on a database profile with allowPrivilegedAccount: true
        sample.session.runStore().recordPrivilegedAccounts(runId, List.of("database postgresql: untrusted SQL runs"
                + " under the privileged account postgres (allowPrivilegedAccount: true): postgres is a superuser"));

        RunViewModel restarted = viewModel(STUB_MODEL);
        restarted.showStored(sample.session.runStore().runs().getFirst());
        assertThat(restarted.runIdProperty().get()).isEqualTo(runId);
        assertThat(restarted.progress().privilegedWarningProperty().get())
                .startsWith("WARNING: untrusted SQL ran under a privileged account")
                .contains("privileged account postgres").contains("postgres is a superuser");

        RunsViewModel history = new RunsViewModel(sample.session, restarted, new ImmediateTaskRunner());
        history.openComparison(runId);
        assertThat(history.comparisons()).singleElement().satisfies(comparison -> assertThat(
                comparison.privilegedWarning()).isEqualTo(restarted.progress().privilegedWarningProperty().get()));

        // a new run on the same (reader-less SQLite) database clears the banner
        restarted.startRun();
        assertThat(restarted.runIdProperty().get()).isNotEqualTo(runId);
        assertThat(restarted.progress().privilegedWarningProperty().get()).isEmpty();
    }

    @Test
    void aRunCanCompareTwoModelsOverASubsetWithRepeats() throws Exception {
        sample.stub.models("gpt-4o-mini", "gpt-4o");
        Path folder = home.resolve("sample-workspace");
        Path yaml = folder.resolve("querybench.yaml");
        java.nio.file.Files.writeString(yaml, java.nio.file.Files.readString(yaml).replace("models:\n",
                "models:\n  - {name: stub-4o, spec: \"openai:gpt-4o\", baseUrl: \"" + sample.stub.baseUrl() + "\"}\n"));
        dev.querybench.engine.config.Workspace workspace = new dev.querybench.engine.config.WorkspaceLoader().load(folder);
        try (var session = dev.querybench.engine.session.WorkspaceSession.open(workspace, sample.secrets,
                java.time.Clock.systemUTC())) {
            List<ModelChoice> models = ModelChoice.of(workspace, sample.secrets, STUB_MODEL, sample.stub.baseUrl());
            RunViewModel vm = new RunViewModel(workspace, session, models, new ImmediateTaskRunner(), dialogs);
            List<String> easy = workspace.dataset().questions().stream().filter(q -> q.difficulty().equals("easy"))
                    .map(q -> q.id()).toList();
            QuestionSubset easySubset = vm.setup().subsets().stream().filter(s -> s.label().startsWith("Difficulty easy"))
                    .findFirst().orElseThrow();
            assertThat(easySubset.questionIds()).isEqualTo(easy);
            assertThat(vm.setup().subsets().getFirst().label()).isEqualTo("All 54 questions");
            assertThat(vm.setup().subsets()).anyMatch(s -> s.label().startsWith("Tag "));

            vm.setup().subsetProperty().set(easySubset);
            vm.setup().repeatsProperty().set(2);
            vm.setup().variants().get(1).setSelected(false);
            vm.setup().compareModels().stream().filter(m -> m.choice().id().equals("stub-4o")).findFirst().orElseThrow()
                    .setSelected(true);
            assertThat(vm.setup().planTextProperty().get()).isEqualTo("1 variant × 2 models × " + easy.size()
                    + " questions × 2 repeats = " + (4 * easy.size()) + " items");

            vm.startRun();

            assertThat(vm.phaseProperty().get()).isEqualTo(RunPhase.FINISHED);
            assertThat(vm.progress().totalItemsProperty().get()).isEqualTo(4 * easy.size());
            assertThat(vm.progress().doneItemsProperty().get()).isEqualTo(4 * easy.size());
            assertThat(vm.progress().cards()).extracting(CellCard::model).containsExactly(STUB_MODEL, "stub-4o");
            assertThat(vm.progress().cards()).allMatch(card -> card.passed() + card.failed() + card.errors() == 2 * easy.size());
            assertThat(vm.results().rows()).extracting(ResultRow::questionId).allMatch(easy::contains);
            assertThat(sample.stub.requests().stream().map(r -> r.body().path("model").asText()).distinct())
                    .containsExactlyInAnyOrder("gpt-4o-mini", "gpt-4o");
            assertThat(session.runStore().run(vm.runIdProperty().get())).get()
                    .satisfies(run -> assertThat(run.repeats()).isEqualTo(2));
        }
    }

    @Test
    void cancelDoesNothingWhenNoRunIsGoing() {
        RunViewModel vm = viewModel(STUB_MODEL);

        vm.cancelRun();

        assertThat(vm.phaseProperty().get()).isEqualTo(RunPhase.IDLE);
        assertThat(vm.statusTextProperty().get()).startsWith("Ready: 54 questions");
    }

    @Test
    void aModelWithoutItsKeyShowsTheRemedyAndCallsNothing() {
        RunViewModel vm = viewModel(null);
        assertThat(vm.setup().selectedModelProperty().get().id()).isEqualTo("gpt-4o-mini");
        assertThat(vm.setup().modelNeedsAttentionProperty().get()).isTrue();
        assertThat(vm.setup().modelHintProperty().get()).contains("OPENAI_API_KEY");

        vm.startRun();

        assertThat(vm.phaseProperty().get()).isEqualTo(RunPhase.FAILED);
        assertThat(vm.error().shownProperty().get()).isTrue();
        assertThat(vm.error().messageProperty().get())
                .isEqualTo("Model profile 'gpt-4o-mini' needs a key from environment variable OPENAI_API_KEY,"
                        + " which is not set.")
                .doesNotContain("Exception");
        assertThat(vm.error().remedyProperty().get()).isEqualTo("Export OPENAI_API_KEY before starting QueryBench.");
        assertThat(vm.statusTextProperty().get()).isEqualTo("The run did not start.");
        assertThat(vm.results().rows()).isEmpty();
        assertThat(vm.progress().cards()).isEmpty();
        assertThat(sample.stub.calls()).isZero();
        assertThat(vm.canStartRunProperty().get()).isTrue();

        vm.showErrorDetails();
        assertThat(dialogs.shown()).singleElement().satisfies(shown -> {
            assertThat(shown.message()).isEqualTo(vm.error().messageProperty().get());
            assertThat(shown.remedy()).isEqualTo(vm.error().remedyProperty().get());
            assertThat(shown.details()).contains("AUTHENTICATION");
        });

        vm.dismissError();
        assertThat(vm.error().shownProperty().get()).isFalse();
    }

    @Test
    void aRunNeedsAtLeastOneVariant() {
        RunViewModel vm = viewModel(STUB_MODEL);
        vm.setup().variants().forEach(v -> v.setSelected(false));
        assertThat(vm.canStartRunProperty().get()).isFalse();

        vm.startRun();
        assertThat(vm.phaseProperty().get()).isEqualTo(RunPhase.IDLE);
        assertThat(sample.stub.calls()).isZero();

        vm.setup().variants().getLast().setSelected(true);
        assertThat(vm.canStartRunProperty().get()).isTrue();
        vm.startRun();
        assertThat(vm.results().rows()).hasSize(QUESTIONS).allSatisfy(row -> assertThat(row.variant()).isEqualTo("ddl-samples-hints"));
        assertThat(vm.progress().cards()).singleElement().extracting(CellCard::accuracyText).isEqualTo("18.5%");
    }

    @Test
    void searchAndVerdictFilterNarrowTheTable() {
        RunViewModel vm = viewModel(STUB_MODEL);
        vm.startRun();

        vm.results().verdictFilterProperty().set(VerdictFilter.PASS);
        assertThat(vm.results().visibleRows()).hasSize(20).allSatisfy(r -> assertThat(r.verdict()).isEqualTo(VerdictKind.PASS));
        assertThat(vm.results().resultsSummaryProperty().get()).isEqualTo("20 of 108 results");

        vm.results().searchTextProperty().set("  Q001 ");
        assertThat(vm.results().visibleRows()).extracting(ResultRow::questionId).containsExactly("q001", "q001");

        vm.results().verdictFilterProperty().set(VerdictFilter.NOT_PASS);
        assertThat(vm.results().visibleRows()).isEmpty();
        assertThat(vm.results().emptyResultsTextProperty().get()).startsWith("No result matches");

        vm.results().searchTextProperty().set("wrong answer");
        vm.results().verdictFilterProperty().set(VerdictFilter.ALL);
        assertThat(vm.results().visibleRows()).hasSize(88);
    }

    /** The screen shows the stored sample run of 108 items as it was when it finished. */
    private static void assertShowsFinishedSampleRun(RunViewModel restarted, String runId) {
        assertThat(restarted.runIdProperty().get()).isEqualTo(runId);
        assertThat(restarted.phaseProperty().get()).isEqualTo(RunPhase.FINISHED);
        assertThat(restarted.results().rows()).hasSize(108);
        assertThat(restarted.progress().doneItemsProperty().get()).isEqualTo(108);
        assertThat(restarted.progress().cards()).extracting(CellCard::passed).containsExactly(10, 10);
        assertThat(restarted.statusTextProperty().get()).startsWith("Latest run " + runId + " (finished)");
    }
}
