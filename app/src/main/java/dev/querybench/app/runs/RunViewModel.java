package dev.querybench.app.runs;

import dev.querybench.app.core.DialogService;
import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.text.Figures;
import dev.querybench.app.text.VerdictKind;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.errors.Redactor;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.EvaluationOrchestrator;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunPlan;
import dev.querybench.engine.evaluation.RunProgress;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.prompt.PromptTask;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.session.RunRequest;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.stats.Accuracy;
import dev.querybench.engine.stats.CellSummary;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The run screen: pick a model and prompt variants, run them over the workspace's questions,
 * watch progress, read per-cell accuracy and every item's verdict.
 *
 * <p>Engine calls go through the {@link TaskRunner}; all state changes happen in its callbacks,
 * so only the UI thread touches these properties. Progress arrives in batches: one callback may
 * carry many finished items, and the lists are changed once per batch.
 */
public final class RunViewModel {

    /** Progress value that makes a progress bar show activity without a known fraction. */
    static final double INDETERMINATE = -1;

    private final Workspace workspace;
    private final WorkspaceSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Map<String, Question> questions;

    private final ObservableList<ModelChoice> models;
    private PreflightGate preflight;
    private final ObjectProperty<ModelChoice> selectedModel = new SimpleObjectProperty<>(this, "selectedModel");
    private final ObservableList<VariantOption> variants;
    private final ObservableList<ModelOption> compareModels;
    private final ObservableList<QuestionSubset> subsets;
    private final ObjectProperty<QuestionSubset> subset = new SimpleObjectProperty<>(this, "subset");
    private final IntegerProperty repeats = new SimpleIntegerProperty(this, "repeats", 1);
    private final ReadOnlyStringWrapper planText = new ReadOnlyStringWrapper(this, "planText", "");
    private final ReadOnlyObjectWrapper<RunRecord> resumable = new ReadOnlyObjectWrapper<>(this, "resumable");
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper(this, "canResume");
    private final ReadOnlyStringWrapper resumeText = new ReadOnlyStringWrapper(this, "resumeText", "");
    private final ObservableList<JudgeOption> judges;
    private final ObjectProperty<JudgeOption> selectedJudge = new SimpleObjectProperty<>(this, "selectedJudge");
    private final ReadOnlyStringWrapper judgeHint = new ReadOnlyStringWrapper(this, "judgeHint", "");

    private final ReadOnlyObjectWrapper<RunPhase> phase = new ReadOnlyObjectWrapper<>(this, "phase", RunPhase.IDLE);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper canStartRun = new ReadOnlyBooleanWrapper(this, "canStartRun");
    private final ReadOnlyBooleanWrapper canCancel = new ReadOnlyBooleanWrapper(this, "canCancel");

    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper shortProgressText = new ReadOnlyStringWrapper(this, "shortProgressText", "");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText");
    /** Untrusted SQL of the shown run runs under a privileged account by opt-in: the warning, else empty. */
    private final ReadOnlyStringWrapper privilegedWarning = new ReadOnlyStringWrapper(this, "privilegedWarning", "");
    private final ReadOnlyStringWrapper runId = new ReadOnlyStringWrapper(this, "runId", "");
    private final ReadOnlyIntegerWrapper totalItems = new ReadOnlyIntegerWrapper(this, "totalItems");
    private final ReadOnlyIntegerWrapper doneItems = new ReadOnlyIntegerWrapper(this, "doneItems");
    private final ReadOnlyIntegerWrapper passedItems = new ReadOnlyIntegerWrapper(this, "passedItems");
    private final ReadOnlyIntegerWrapper failedItems = new ReadOnlyIntegerWrapper(this, "failedItems");
    private final ReadOnlyIntegerWrapper errorItems = new ReadOnlyIntegerWrapper(this, "errorItems");

    private final ObservableList<CellCard> cards = FXCollections.observableArrayList();
    private final ObservableList<ResultRow> results = FXCollections.observableArrayList();
    // Kept as fields: an unmodifiable view only forwards changes while someone holds it.
    private final ObservableList<CellCard> cardsView = FXCollections.unmodifiableObservableList(cards);
    private final ObservableList<ResultRow> resultsView = FXCollections.unmodifiableObservableList(results);
    private final FilteredList<ResultRow> visibleResults = new FilteredList<>(results);
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final ObjectProperty<VerdictFilter> verdictFilter =
            new SimpleObjectProperty<>(this, "verdictFilter", VerdictFilter.ALL);
    private final ReadOnlyStringWrapper resultsSummary = new ReadOnlyStringWrapper(this, "resultsSummary", "");
    private final ReadOnlyStringWrapper emptyResultsText = new ReadOnlyStringWrapper(this, "emptyResultsText");

    private final ObservableList<FailureCount> failureCounts = FXCollections.observableArrayList();
    private final ObservableList<FailureCount> failureCountsView = FXCollections.unmodifiableObservableList(failureCounts);
    private final Map<String, Integer> failureTally = new LinkedHashMap<>();

    private final ObjectProperty<ResultRow> selectedResult = new SimpleObjectProperty<>(this, "selectedResult");
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper(this, "detailTitle", "");
    private final ReadOnlyStringWrapper detailReason = new ReadOnlyStringWrapper(this, "detailReason", "");
    private final ReadOnlyStringWrapper detailPredictedSql = new ReadOnlyStringWrapper(this, "detailPredictedSql", "");
    private final ReadOnlyStringWrapper detailGoldSql = new ReadOnlyStringWrapper(this, "detailGoldSql", "");
    private final ReadOnlyBooleanWrapper detailShown = new ReadOnlyBooleanWrapper(this, "detailShown");

    private final RunErrorBanner error;

    private final ReadOnlyStringWrapper modelHint = new ReadOnlyStringWrapper(this, "modelHint", "");
    private final ReadOnlyBooleanWrapper modelNeedsAttention = new ReadOnlyBooleanWrapper(this, "modelNeedsAttention");

    /** Per (variant, model) counts of the run in progress, in plan order. */
    private final Map<List<String>, CellTally> tallies = new LinkedHashMap<>();
    private final RunSpend spend;
    /** Items of a resumed run, held from the Restored event until the run's plan (Started) is known. */
    private final List<ItemResult> pendingRestored = new ArrayList<>();
    private RunProgress shown;
    private Cancellation cancellation;
    private Duration elapsed = Duration.ZERO;

    public RunViewModel(Workspace workspace, WorkspaceSession session, List<ModelChoice> modelChoices,
            TaskRunner tasks, DialogService dialogs) {
        this.workspace = workspace;
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.error = new RunErrorBanner(dialogs);
        this.spend = new RunSpend(RunsViewModel.costRule(session));
        this.questions = workspace.dataset().questions().stream()
                .collect(Collectors.toMap(Question::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        this.models = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(modelChoices));
        this.variants = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(variantOptions(workspace)));
        this.compareModels = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(
                modelChoices.stream().map(ModelOption::new).toList()));
        this.subsets = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(
                QuestionSubset.of(workspace.dataset().questions())));
        subset.set(subsets.getFirst());
        selectedModel.set(defaultModel(modelChoices, workspace));
        this.judges = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(
                JudgeOption.of(workspace, modelChoices)));
        // The workspace's judge when it has one (as the CLI does), else none.
        selectedJudge.set(judges.size() > 1 && judges.get(1).choice().model() == null ? judges.get(1) : judges.getFirst());
        judgeHint.bind(Bindings.createStringBinding(
                () -> selectedJudge.get() == null ? "" : selectedJudge.get().detail(), selectedJudge));
        statusText.set(idleText());

        running.bind(Bindings.createBooleanBinding(() -> phase.get().isActive(), phase));
        Observable[] selections = variants.stream().map(VariantOption::selectedProperty).toArray(Observable[]::new);
        var anyVariant = Bindings.createBooleanBinding(() -> variants.stream().anyMatch(VariantOption::isSelected),
                selections);
        canStartRun.bind(running.not().and(selectedModel.isNotNull()).and(selectedJudge.isNotNull()).and(anyVariant));
        canResume.bind(running.not().and(resumable.isNotNull()));
        resumeText.bind(Bindings.createStringBinding(() -> resumable.get() == null ? "" : "Resume run "
                + resumable.get().id() + " (" + resumable.get().status() + ", " + plural(resumable.get().plannedItems(),
                "item") + " planned): finished items are kept, no model is asked twice", resumable));
        List<Observable> planInputs = new ArrayList<>(List.of(selections));
        compareModels.forEach(m -> planInputs.add(m.selectedProperty()));
        planInputs.addAll(List.of(selectedModel, subset, repeats));
        planText.bind(Bindings.createStringBinding(this::describePlan, planInputs.toArray(Observable[]::new)));
        refreshResumable();
        canCancel.bind(Bindings.createBooleanBinding(
                () -> phase.get() == RunPhase.PREPARING || phase.get() == RunPhase.RUNNING, phase));
        modelHint.bind(Bindings.createStringBinding(() -> {
            ModelChoice choice = selectedModel.get();
            return choice == null ? "Choose a model to run." : choice.problem().isBlank() ? choice.detail() : choice.problem();
        }, selectedModel));
        modelNeedsAttention.bind(Bindings.createBooleanBinding(
                () -> selectedModel.get() != null && !selectedModel.get().problem().isBlank(), selectedModel));
        visibleResults.predicateProperty().bind(Bindings.createObjectBinding(() -> {
            String needle = searchText.get() == null ? "" : searchText.get().strip().toLowerCase(Locale.ROOT);
            VerdictFilter filter = verdictFilter.get() == null ? VerdictFilter.ALL : verdictFilter.get();
            return row -> filter.accepts(row.verdict()) && row.matches(needle);
        }, searchText, verdictFilter));
        resultsSummary.bind(Bindings.createStringBinding(() -> {
            int all = results.size();
            int shown = visibleResults.size();
            return all == 0 ? "" : shown == all ? all + " results" : shown + " of " + all + " results";
        }, results, visibleResults));
        detailShown.bind(selectedResult.isNotNull());
        selectedResult.addListener((obs, was, row) -> showDetail(row));
        emptyResultsText.bind(Bindings.createStringBinding(() -> results.isEmpty()
                ? running.get() ? "Waiting for the first verdict…"
                        : "No results yet. Choose a model and prompt variants, then press Run (Ctrl+R)."
                : "No result matches the search text and verdict filter.", results, running));
    }

    // ---- intents

    /** Plans and runs the chosen variants with the chosen model over all questions. */
    public void startRun() {
        if (!canStartRun.get()) {
            return;
        }
        List<ModelChoice> chosenModels = chosenModels();
        List<String> chosen = variants.stream().filter(VariantOption::isSelected).map(VariantOption::name).toList();
        prepare("Preparing: checking " + plural(chosen.size(), "prompt variant") + " and "
                + chosenModels.stream().map(ModelChoice::label).collect(Collectors.joining(", ")) + "…");
        String baseUrl = chosenModels.stream().filter(ModelChoice::adHoc).map(ModelChoice::baseUrl).findFirst()
                .orElse(selectedModel.get().baseUrl());
        RunRequest request = new RunRequest(chosen, chosenModels.stream().map(ModelChoice::id).toList(), baseUrl, null,
                subset.get() == null ? List.of() : subset.get().questionIds(), Math.max(1, repeats.get()))
                .withJudge(selectedJudge.get().choice());
        if (preflight == null) {
            launch(request);
        } else {
            statusText.set("Checking that every chosen endpoint answers and accepts its key…");
            preflight.check(request, this::launch, this::failed);
        }
    }

    private void launch(RunRequest request) {
        Cancellation token = new Cancellation();
        cancellation = token;
        tasks.<RunResults, RunEvent>submit(context -> execute(request, token, context),
                this::apply, this::finished, this::failed);
    }

    /**
     * Checks the chosen endpoints before each run ({@link PreflightGate}); without it a run starts
     * at once (tests of the run screen itself).
     */
    public void setPreflight(dev.querybench.engine.validation.RunPreflight check) {
        this.preflight = check == null ? null : new PreflightGate(check, session, tasks, dialogs);
    }

    /**
     * Continues the newest unfinished run (cancelled, stopped by a failure, or cut short by a
     * crash): only items without a stored answer are asked, with the run's own variants, models,
     * questions and repeats.
     */
    public void resumeRun() {
        RunRecord record = resumable.get();
        if (!canResume.get() || record == null) {
            return;
        }
        prepare("Resuming run " + record.id() + "…");
        String baseUrl = models.stream().filter(ModelChoice::adHoc).map(ModelChoice::baseUrl).findFirst().orElse(null);
        RunRequest request = new RunRequest(record.variants(), record.models(), baseUrl, null, record.questionIds(),
                record.repeats());
        Cancellation token = new Cancellation();
        cancellation = token;
        tasks.<RunResults, RunEvent>submit(context -> {
            context.onCancel(token::cancel);
            // What the run already has counts on the cards and in the list like what it adds now.
            context.publish(new RunEvent.Restored(session.runStore().items(record.id())));
            return session.resume(record, request, listener(context), token);
        }, this::apply, this::finished, this::failed);
    }

    /**
     * Shows a stored run as the screen would after it ended — results, cards and counts — when the
     * screen has nothing else to show (the newest run after a restart). Read in the background.
     */
    public void showStored(RunRecord stored) {
        if (phase.get() != RunPhase.IDLE || !runId.get().isEmpty()) {
            return;
        }
        tasks.submit(() -> dev.querybench.engine.compare.RunComparison.load(session.runStore(), stored.id(),
                workspace.dataset()).results(), results -> {
                    if (phase.get() != RunPhase.IDLE || !runId.get().isEmpty()) {
                        return;
                    }
                    elapsed = results.items().stream().map(ItemResult::finishedAt).max(java.util.Comparator.naturalOrder())
                            .map(last -> Duration.between(stored.createdAt(), last)).filter(d -> !d.isNegative())
                            .orElse(Duration.ZERO);
                    finished(results);
                    statusText.set("Latest run " + stored.id() + " (" + stored.status() + "), from the workspace's"
                            + " stored runs. Run (Ctrl+R) starts a new one.");
                }, failure -> statusText.set(idleText()));
    }

    /** Looks for an unfinished run to offer for resuming (in the background). */
    public void refreshResumable() {
        tasks.submit(() -> session.runStore().latestUnfinished(), found -> resumable.set(found.orElse(null)),
                failure -> resumable.set(null));
    }

    private List<ModelChoice> chosenModels() {
        List<ModelChoice> chosen = new ArrayList<>();
        if (selectedModel.get() != null) {
            chosen.add(selectedModel.get());
        }
        compareModels.stream().filter(ModelOption::isSelected).map(ModelOption::choice)
                .filter(c -> !chosen.contains(c)).forEach(chosen::add);
        return chosen;
    }

    private String describePlan() {
        int variantCount = (int) variants.stream().filter(VariantOption::isSelected).count();
        int modelCount = chosenModels().size();
        int questionCount = subset.get() == null ? workspace.dataset().size()
                : subset.get().size(workspace.dataset().size());
        int times = Math.max(1, repeats.get());
        return plural(variantCount, "variant") + " × " + plural(modelCount, "model") + " × "
                + plural(questionCount, "question") + (times > 1 ? " × " + times + " repeats" : "") + " = "
                + plural(variantCount * modelCount * questionCount * times, "item");
    }

    private void prepare(String status) {
        dismissError();
        selectedResult.set(null);
        results.clear();
        cards.clear();
        tallies.clear();
        spend.clear();
        shown = null;
        failureTally.clear();
        failureCounts.clear();
        pendingRestored.clear();
        setCounts(0, 0, 0, 0, 0);
        runId.set("");
        privilegedWarning.set("");
        elapsed = Duration.ZERO;
        progress.set(INDETERMINATE);
        setProgress("", "");
        statusText.set(status);
        phase.set(RunPhase.PREPARING);
    }

    /** Stops the run: no new items start, items in flight are interrupted; finished items are kept. */
    public void cancelRun() {
        if (!canCancel.get()) {
            return;
        }
        phase.set(RunPhase.CANCELLING);
        statusText.set("Cancelling: stopping the items in flight…");
        Cancellation token = cancellation;
        if (token != null) {
            token.cancel();
        }
    }

    public void dismissError() {
        error.dismiss();
    }

    /** Opens the technical details of the shown error. */
    public void showErrorDetails() {
        error.showDetails();
    }

    // ---- background work; runs on a worker thread and touches no properties

    private RunResults execute(RunRequest request, Cancellation token, TaskRunner.Context<RunEvent> context) {
        context.onCancel(token::cancel);
        // the database-side half of doctor's workspace check, with doctor's message (as querybench run)
        new dev.querybench.engine.validation.GoldSchemaCheck().require(session.workspace(),
                session.backend().introspect());
        RunPlan plan = session.plan(request);
        return session.run(plan, session.judge(request), listener(context), token);
    }

    private RunListener listener(TaskRunner.Context<RunEvent> context) {
        return new RunListener() {
            @Override
            public void started(RunRecord run, int restored) {
                // read here, on the worker: the orchestrator has recorded the run's privileged accounts
                context.publish(new RunEvent.Started(run,
                        RunResults.privilegedWarning(session.runStore().privilegedAccounts(run.id()))));
            }

            @Override
            public void itemFinished(ItemResult item, RunProgress itemProgress) {
                context.publish(new RunEvent.ItemDone(item, itemProgress));
            }
        };
    }

    // ---- callbacks on the UI thread

    private void apply(List<RunEvent> batch) {
        List<ResultRow> rows = new ArrayList<>(batch.size());
        RunProgress latest = null;
        List<ItemResult> restored = pendingRestored;
        for (RunEvent event : batch) {
            switch (event) {
                case RunEvent.Restored r -> restored.addAll(r.items());
                case RunEvent.Started started -> {
                    planned(started.run());
                    privilegedWarning.set(started.privilegedWarning());
                    restored.forEach(item -> {
                        rows.add(row(item));
                        spend.add(item);
                        CellTally tally = tallies.get(List.of(item.key().variant(), item.key().model()));
                        if (tally != null) {
                            tally.add(item);
                        }
                    });
                    restored.clear();
                }
                case RunEvent.ItemDone done -> {
                    rows.add(row(done.item()));
                    spend.add(done.item());
                    CellTally tally = tallies.get(List.of(done.item().key().variant(), done.item().key().model()));
                    if (tally != null) {
                        tally.add(done.item());
                    }
                    // Workers publish concurrently, so progress can arrive out of order: keep the furthest.
                    if (latest == null || done.progress().done() > latest.done()) {
                        latest = done.progress();
                    }
                }
            }
        }
        results.addAll(rows);
        if (!rows.isEmpty()) {
            cards.setAll(tallies.values().stream().map(CellTally::card).toList());
            rows.forEach(this::countFailure);
            publishFailureCounts();
        }
        if (latest != null && (shown == null || latest.done() > shown.done())) {
            show(latest);
        } else if (!rows.isEmpty() && shown != null) {
            // An item whose progress was overtaken still adds to what the run used.
            show(shown);
        }
    }

    private void planned(RunRecord run) {
        runId.set(run.id());
        totalItems.set(run.plannedItems());
        for (String variant : run.variants()) {
            for (String model : run.models()) {
                tallies.put(List.of(variant, model), new CellTally(variant, model, run.questionIds().size() * run.repeats()));
            }
        }
        cards.setAll(tallies.values().stream().map(CellTally::card).toList());
        progress.set(0);
        setProgress(counts(0, run.plannedItems(), 0, 0, 0), "");
        if (phase.get() == RunPhase.PREPARING) {
            phase.set(RunPhase.RUNNING);
            statusText.set("Running " + plural(run.variants().size(), "variant") + " × "
                    + plural(run.models().size(), "model") + " over " + plural(run.questionIds().size(), "question"));
        }
    }

    private void show(RunProgress p) {
        shown = p;
        elapsed = p.elapsed();
        // Workers publish concurrently, so the engine's count can run ahead of the items a batch
        // carried: the counts shown are those of the listed items, so header, cards and list agree.
        int passed = 0;
        int failed = 0;
        int errors = 0;
        for (CellTally tally : tallies.values()) {
            CellCard card = tally.card();
            passed += card.passed();
            failed += card.failed();
            errors += card.errors();
        }
        int done = results.size();
        progress.set(p.total() == 0 ? 0 : Math.min(1.0, (double) done / p.total()));
        setProgress(counts(done, p.total(), passed, failed, errors),
                p.eta() == null ? "" : " · ETA " + duration(p.eta()));
        setCounts(p.total(), done, passed, failed, errors);
    }

    /** The full progress line with what the run used, and the short one for the status bar. */
    private void setProgress(String counts, String tail) {
        progressText.set(counts.isEmpty() ? "" : counts + spend.text() + tail);
        shortProgressText.set(counts.isEmpty() ? "" : counts + tail);
    }

    private void finished(RunResults outcome) {
        cancellation = null;
        refreshResumable();
        List<ItemResult> items = outcome.items();
        List<ResultRow> rows = items.stream().map(this::row).toList();
        selectedResult.set(null);
        results.setAll(rows);
        failureTally.clear();
        rows.forEach(this::countFailure);
        publishFailureCounts();
        Map<List<String>, CellSummary> cells = outcome.cells().stream()
                .collect(Collectors.toMap(c -> List.of(c.variant(), c.model()), Function.identity()));
        if (tallies.isEmpty()) {
            outcome.cells().forEach(c -> tallies.put(List.of(c.variant(), c.model()),
                    new CellTally(c.variant(), c.model(), outcome.run().questionIds().size() * outcome.run().repeats())));
        }
        cards.setAll(tallies.entrySet().stream()
                .map(e -> cells.containsKey(e.getKey()) ? card(cells.get(e.getKey()), e.getValue().planned)
                        : e.getValue().card())
                .toList());
        int passed = 0;
        int failed = 0;
        int errors = 0;
        for (ItemResult item : items) {
            switch (item.outcome()) {
                case PASS -> passed++;
                case FAIL -> failed++;
                case ERROR -> errors++;
            }
        }
        int total = outcome.run().plannedItems();
        setCounts(total, items.size(), passed, failed, errors);
        spend.clear();
        items.forEach(spend::add);
        runId.set(outcome.run().id());
        privilegedWarning.set(outcome.privilegedWarning());
        progress.set(total == 0 ? 1 : (double) items.size() / total);
        String tally = counts(items.size(), total, passed, failed, errors);
        switch (outcome.run().status()) {
            case EvaluationOrchestrator.STATUS_CANCELLED -> {
                phase.set(RunPhase.CANCELLED);
                statusText.set("Cancelled: " + items.size() + " of " + total + " items finished and kept in run "
                        + outcome.run().id() + "; Resume continues it");
                setProgress(tally, "");
            }
            case EvaluationOrchestrator.STATUS_FINISHED -> {
                phase.set(RunPhase.FINISHED);
                statusText.set("Finished run " + outcome.run().id() + " in " + duration(elapsed));
                setProgress(tally, " · took " + duration(elapsed));
            }
            default -> {
                IncompleteRun incomplete = IncompleteRun.of(outcome);
                phase.set(RunPhase.INCOMPLETE);
                statusText.set(incomplete.status());
                error.show(incomplete);
                setProgress(tally, " · incomplete");
            }
        }
    }

    private void failed(Throwable failure) {
        cancellation = null;
        refreshResumable();
        error.show(failure);
        statusText.set(doneItems.get() == 0 ? "The run did not start."
                : "The run stopped after " + doneItems.get() + " of " + totalItems.get() + " items.");
        progress.set(totalItems.get() == 0 ? 0 : (double) doneItems.get() / totalItems.get());
        phase.set(RunPhase.FAILED);
    }

    // ---- helpers

    private ResultRow row(ItemResult item) {
        var verdict = item.verdict();
        Question question = questions.get(item.key().questionId());
        return new ResultRow(item.key().questionId(), question == null ? "" : question.text(),
                item.key().variant(), item.key().model(), item.sql() == null ? "" : item.sql(),
                question == null ? "" : question.primaryGold(), VerdictKind.valueOf(verdict.outcome().name()),
                verdict.failureCategory() == null ? "" : verdict.failureCategory().id(), verdict.reason());
    }

    private void countFailure(ResultRow row) {
        if (row.verdict() != VerdictKind.PASS) {
            failureTally.merge(row.categoryLabel(), 1, Integer::sum);
        }
    }

    private void publishFailureCounts() {
        failureCounts.setAll(failureTally.entrySet().stream()
                .map(e -> new FailureCount(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparingInt(FailureCount::count).reversed()
                        .thenComparing(FailureCount::label))
                .toList());
    }

    private void showDetail(ResultRow row) {
        if (row == null) {
            detailTitle.set("");
            detailReason.set("");
            detailPredictedSql.set("");
            detailGoldSql.set("");
            return;
        }
        detailTitle.set(row.questionId() + " · " + row.variant() + " · " + row.model() + ": " + row.question());
        detailReason.set(row.verdict() + (row.reasonText().isBlank() ? "" : " · " + row.reasonText()));
        detailPredictedSql.set(row.sql().isBlank() ? "(the model gave no SQL)" : row.sql().strip());
        detailGoldSql.set(row.gold().strip());
    }

    private static CellCard card(CellSummary cell, int planned) {
        Accuracy accuracy = cell.accuracy();
        return new CellCard(cell.variant(), cell.model(), cell.passed(), cell.failed(), cell.errors(), planned,
                accuracy.value(), accuracy.low(), accuracy.high(), cell.latencyP50Ms(),
                cell.inputTokens() + cell.outputTokens());
    }

    private void setCounts(int total, int done, int passed, int failed, int errors) {
        totalItems.set(total);
        doneItems.set(done);
        passedItems.set(passed);
        failedItems.set(failed);
        errorItems.set(errors);
    }

    private String idleText() {
        return "Ready: " + plural(workspace.dataset().size(), "question") + " from " + workspace.dataset().name()
                + ". Choose a model and variants, then press Run.";
    }

    private static List<VariantOption> variantOptions(Workspace workspace) {
        Set<String> defaults = Set.copyOf(workspace.config().variants());
        List<VariantOption> options = new ArrayList<>();
        for (PromptTemplate template : workspace.prompts().templates(PromptTask.SQL_GENERATION)) {
            options.add(new VariantOption(template.name(), template.description(),
                    defaults.isEmpty() || defaults.contains(template.name())));
        }
        return options;
    }

    private static ModelChoice defaultModel(List<ModelChoice> choices, Workspace workspace) {
        List<String> preferred = workspace.config().run().models();
        return choices.stream().filter(ModelChoice::adHoc).findFirst()
                .or(() -> choices.stream().filter(c -> preferred.contains(c.id())).findFirst())
                .orElse(choices.isEmpty() ? null : choices.getFirst());
    }

    private static String counts(int done, int total, int passed, int failed, int errors) {
        return done + "/" + total + " · pass " + passed + " · fail " + failed + " · error " + errors;
    }

    static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    // ---- properties

    public ObservableList<ModelChoice> models() {
        return models;
    }

    public ObjectProperty<ModelChoice> selectedModelProperty() {
        return selectedModel;
    }

    public ObservableList<ModelOption> compareModels() {
        return compareModels;
    }

    public ObservableList<QuestionSubset> subsets() {
        return subsets;
    }

    public ObjectProperty<QuestionSubset> subsetProperty() {
        return subset;
    }

    public IntegerProperty repeatsProperty() {
        return repeats;
    }

    public ReadOnlyStringProperty planTextProperty() {
        return planText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunRecord> resumableProperty() {
        return resumable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resumeTextProperty() {
        return resumeText.getReadOnlyProperty();
    }

    public ObservableList<VariantOption> variants() {
        return variants;
    }

    /** No judge, the workspace's judge when it has one, and each model as a judge. */
    public ObservableList<JudgeOption> judges() {
        return judges;
    }

    public ObjectProperty<JudgeOption> selectedJudgeProperty() {
        return selectedJudge;
    }

    /** What the chosen judge option means. */
    public ReadOnlyStringProperty judgeHintProperty() {
        return judgeHint.getReadOnlyProperty();
    }

    public String scopeText() {
        return plural(workspace.dataset().size(), "question") + " · dataset " + workspace.dataset().name()
                + " · " + workspace.config().run().matchModeOrDefault() + " result matching";
    }

    public ReadOnlyObjectProperty<RunPhase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartRunProperty() {
        return canStartRun.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canCancelProperty() {
        return canCancel.getReadOnlyProperty();
    }

    /** Fraction done, or a negative value while the run is being prepared. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "34/108 · pass 20 · fail 12 · error 2 · 12.3k tokens · $0.0123 · 34 judged · ETA 12s". */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** "34/108 · pass 20 · fail 12 · error 2 · ETA 12s", for the status bar. */
    public ReadOnlyStringProperty shortProgressTextProperty() {
        return shortProgressText.getReadOnlyProperty();
    }

    /** One sentence on where the run stands. */
    /**
     * The warning shown above the shown run's results when its untrusted SQL runs under a privileged
     * account by opt-in ({@code allowPrivilegedAccount: true}); empty otherwise.
     */
    public ReadOnlyStringProperty privilegedWarningProperty() {
        return privilegedWarning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runIdProperty() {
        return runId.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalItemsProperty() {
        return totalItems.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty doneItemsProperty() {
        return doneItems.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty passedItemsProperty() {
        return passedItems.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty failedItemsProperty() {
        return failedItems.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty errorItemsProperty() {
        return errorItems.getReadOnlyProperty();
    }

    /** One card per (variant, model), in plan order. */
    public ObservableList<CellCard> cards() {
        return cardsView;
    }

    /** Every finished item: in finishing order while running, in plan order once the run ends. */
    public ObservableList<ResultRow> results() {
        return resultsView;
    }

    /** The results the search text and verdict filter let through. */
    public ObservableList<ResultRow> visibleResults() {
        return visibleResults;
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ObjectProperty<VerdictFilter> verdictFilterProperty() {
        return verdictFilter;
    }

    public List<VerdictFilter> verdictFilters() {
        return List.of(VerdictFilter.values());
    }

    public ReadOnlyStringProperty resultsSummaryProperty() {
        return resultsSummary.getReadOnlyProperty();
    }

    /** What the results table says when it shows nothing. */
    public ReadOnlyStringProperty emptyResultsTextProperty() {
        return emptyResultsText.getReadOnlyProperty();
    }

    /** Why items failed, most frequent first; empty while nothing failed. */
    public ObservableList<FailureCount> failureCounts() {
        return failureCountsView;
    }

    /** The result the user selected in the table, or null. */
    public ObjectProperty<ResultRow> selectedResultProperty() {
        return selectedResult;
    }

    public ReadOnlyBooleanProperty detailShownProperty() {
        return detailShown.getReadOnlyProperty();
    }

    /** "q011 · ddl-basic · model: question text". */
    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }

    /** "FAIL · Wrong values: …". */
    public ReadOnlyStringProperty detailReasonProperty() {
        return detailReason.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailPredictedSqlProperty() {
        return detailPredictedSql.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailGoldSqlProperty() {
        return detailGoldSql.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return error.messageProperty();
    }

    public ReadOnlyStringProperty errorRemedyProperty() {
        return error.remedyProperty();
    }

    public ReadOnlyStringProperty errorDetailsProperty() {
        return error.detailsProperty();
    }

    public ReadOnlyBooleanProperty errorShownProperty() {
        return error.shownProperty();
    }

    public ReadOnlyStringProperty modelHintProperty() {
        return modelHint.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty modelNeedsAttentionProperty() {
        return modelNeedsAttention.getReadOnlyProperty();
    }
}
