package dev.querybench.app.runs;

import dev.querybench.app.core.DialogService;
import dev.querybench.app.core.TaskRunner;
import dev.querybench.engine.compare.RunComparison;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.EvaluationOrchestrator;
import dev.querybench.engine.evaluation.RunProgress;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.session.RunRequest;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.validation.RunPreflight;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The run screen: pick a model and prompt variants, run them over the workspace's questions,
 * watch progress, read per-cell accuracy and every item's verdict.
 *
 * <p>This class holds the run's life (phase, status line, run id) and its intents, and composes
 * one view model per part of the screen: {@link #setup()}, {@link #progress()},
 * {@link #results()}, {@link #detail()}, {@link #resume()} and {@link #error()}.
 *
 * <p>Engine calls go through the {@link TaskRunner}; all state changes happen in its callbacks,
 * so only the UI thread touches these properties. Progress arrives in batches: one callback may
 * carry many finished items, and the lists are changed once per batch.
 */
public final class RunViewModel {

    private final Workspace workspace;
    private final WorkspaceSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private PreflightGate preflight;

    private final ReadOnlyObjectWrapper<RunPhase> phase = new ReadOnlyObjectWrapper<>(this, "phase", RunPhase.IDLE);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper canStartRun = new ReadOnlyBooleanWrapper(this, "canStartRun");
    private final ReadOnlyBooleanWrapper canCancel = new ReadOnlyBooleanWrapper(this, "canCancel");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText");
    private final ReadOnlyStringWrapper runId = new ReadOnlyStringWrapper(this, "runId", "");
    /** True from a start until the newest stored run is shown (or found unreadable); false when none is stored. */
    private final ReadOnlyBooleanWrapper latestPending = new ReadOnlyBooleanWrapper(this, "latestPending");

    private final RunSetupViewModel setup;
    private final RunProgressViewModel progress;
    private final RunResultsViewModel results;
    private final RunDetailViewModel detail;
    private final RunResumeViewModel resume;
    private final RunErrorBanner error;

    /** Items of a resumed run, held from the Restored event until the run's plan (Started) is known. */
    private final List<ItemResult> pendingRestored = new ArrayList<>();
    private Cancellation cancellation;

    public RunViewModel(Workspace workspace, WorkspaceSession session, List<ModelChoice> modelChoices,
            TaskRunner tasks, DialogService dialogs) {
        this.workspace = workspace;
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        running.bind(Bindings.createBooleanBinding(() -> phase.get().isActive(), phase));
        this.setup = new RunSetupViewModel(workspace, modelChoices);
        this.progress = new RunProgressViewModel(new RunSpend(RunsViewModel.costRule(session)));
        this.results = new RunResultsViewModel(workspace.dataset().questions(), running);
        this.detail = new RunDetailViewModel(results.selectedResultProperty());
        this.resume = new RunResumeViewModel(session, tasks, running);
        this.error = new RunErrorBanner(dialogs);
        statusText.set(idleText());
        canStartRun.bind(running.not().and(setup.completeProperty()));
        canCancel.bind(Bindings.createBooleanBinding(
                () -> phase.get() == RunPhase.PREPARING || phase.get() == RunPhase.RUNNING, phase));
        resume.refresh();
    }

    // ---- intents

    /** Plans and runs the chosen variants with the chosen model over all questions. */
    public void startRun() {
        if (!canStartRun.get()) {
            return;
        }
        List<ModelChoice> chosenModels = setup.chosenModels();
        prepare("Preparing: checking " + RunText.plural(setup.chosenVariants().size(), "prompt variant") + " and "
                + chosenModels.stream().map(ModelChoice::label).collect(Collectors.joining(", ")) + "…");
        RunRequest request = setup.request();
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
        tasks.<RunResults, RunEvent>submit(context -> RunWork.execute(session, request, token, context),
                this::apply, this::finished, this::failed);
    }

    /**
     * Checks the chosen endpoints before each run ({@link PreflightGate}); without it a run starts
     * at once (tests of the run screen itself).
     */
    public void setPreflight(RunPreflight check) {
        this.preflight = check == null ? null : new PreflightGate(check, session, tasks, dialogs);
    }

    /**
     * Continues the newest unfinished run (cancelled, stopped by a failure, or cut short by a
     * crash): only items without a stored answer are asked, with the run's own variants, models,
     * questions and repeats.
     */
    public void resumeRun() {
        RunRecord record = resume.resumableProperty().get();
        if (!resume.canResumeProperty().get() || record == null) {
            return;
        }
        prepare("Resuming run " + record.id() + "…");
        RunRequest request = new RunRequest(record.variants(), record.models(), setup.adHocBaseUrl(), null,
                record.questionIds(), record.repeats());
        Cancellation token = new Cancellation();
        cancellation = token;
        tasks.<RunResults, RunEvent>submit(context -> {
            context.onCancel(token::cancel);
            // What the run already has counts on the cards and in the list like what it adds now.
            context.publish(new RunEvent.Restored(session.runStore().items(record.id())));
            return session.resume(record, request, RunWork.listener(session, context), token);
        }, this::apply, this::finished, this::failed);
    }

    /**
     * Reads and shows the newest stored run when the screen shows nothing (a start, a switch), as
     * the workspace opens; meanwhile the results say "Loading the latest run…".
     */
    public void showLatestStored() {
        // one row looked at, on the opening thread: a workspace with no run opens with its setup, not
        // folded first and opened once the read finds nothing
        if (!showsNothing() || session.runStore().isEmpty()) {
            return;
        }
        latestPending.set(true);
        results.loadingLatest(true);
        statusText.set("Loading the latest run from the workspace's stored runs…");
        tasks.submit(() -> session.runStore().runs().stream().findFirst().map(newest -> RunComparison.load(
                session.runStore(), newest.id(), workspace.dataset()).results()),
                this::latestRead, failure -> latestRead(Optional.empty()));
    }

    /**
     * True while the newest stored run is read to be shown after a start (the run screen keeps its
     * setup folded meanwhile: there are results coming); false when none is stored.
     */
    public ReadOnlyBooleanProperty latestPendingProperty() {
        return latestPending.getReadOnlyProperty();
    }

    /** Shows the newest stored run, unless a run started meanwhile; pending ends after it is shown. */
    private void latestRead(Optional<RunResults> newest) {
        if (latestPending.get()) {
            results.loadingLatest(false);
            statusText.set(idleText());
            newest.ifPresent(this::showStored);
            latestPending.set(false);
        }
    }

    /** Shows a stored run as if it had just ended (results, cards, counts) when the screen shows nothing. */
    public void showStored(RunRecord stored) {
        if (showsNothing() && !latestPending.get()) {
            tasks.submit(() -> RunComparison.load(session.runStore(), stored.id(), workspace.dataset()).results(),
                    this::showStored, failure -> { });
        }
    }

    private void showStored(RunResults outcome) {
        if (showsNothing()) {
            progress.setElapsed(outcome);
            finished(outcome);
            statusText.set("Latest run " + outcome.run().id() + " (" + outcome.run().status() + "), from the"
                    + " workspace's stored runs. Run (Ctrl+R) starts a new one.");
            dev.querybench.app.core.StartupTrace.mark("latest run shown");
        }
    }

    private boolean showsNothing() {
        return phase.get() == RunPhase.IDLE && runId.get().isEmpty();
    }

    /** Looks for an unfinished run to offer for resuming (in the background). */
    public void refreshResumable() {
        resume.refresh();
    }

    private void prepare(String status) {
        dismissError();
        results.clear();
        progress.reset();
        pendingRestored.clear();
        runId.set("");
        statusText.set(status);
        phase.set(RunPhase.PREPARING);
        latestPending.set(false); // after the phase: the setup folds for the run, not opens first
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

    // ---- callbacks on the UI thread
    private void apply(List<RunEvent> batch) {
        List<ItemResult> listed = new ArrayList<>(batch.size());
        RunProgress latest = null;
        boolean started = batch.stream().anyMatch(RunEvent.Started.class::isInstance);
        for (RunEvent event : batch) {
            switch (event) {
                case RunEvent.Restored r -> pendingRestored.addAll(r.items());
                case RunEvent.Started s -> {
                    planned(s.run(), s.privilegedWarning());
                    listed.addAll(pendingRestored);
                    pendingRestored.clear();
                }
                case RunEvent.ItemDone done -> {
                    listed.add(done.item());
                    if (latest == null || done.progress().elapsed().compareTo(latest.elapsed()) > 0) {
                        latest = done.progress();
                    }
                }
            }
        }
        listed.forEach(progress::add);
        results.add(listed);
        if (started || !listed.isEmpty()) { // once per batch: the plan's cells with the batch's items
            progress.refresh(latest);
        }
    }

    private void planned(RunRecord run, String privilegedWarning) {
        runId.set(run.id());
        progress.plan(run, privilegedWarning);
        if (phase.get() == RunPhase.PREPARING) {
            phase.set(RunPhase.RUNNING);
            statusText.set("Running " + RunText.plural(run.variants().size(), "variant") + " × "
                    + RunText.plural(run.models().size(), "model") + " over "
                    + RunText.plural(run.questionIds().size(), "question"));
        }
    }

    private void finished(RunResults outcome) {
        cancellation = null;
        resume.refresh();
        results.setAll(outcome.items());
        progress.finish(outcome);
        runId.set(outcome.run().id());
        int done = outcome.items().size();
        int total = outcome.run().plannedItems();
        String took = RunText.duration(progress.elapsed());
        switch (outcome.run().status()) {
            case EvaluationOrchestrator.STATUS_CANCELLED -> {
                phase.set(RunPhase.CANCELLED);
                statusText.set("Cancelled: " + done + " of " + total + " items finished and kept in run "
                        + outcome.run().id() + "; Resume continues it");
                progress.showTally("");
            }
            case EvaluationOrchestrator.STATUS_FINISHED -> {
                phase.set(RunPhase.FINISHED);
                statusText.set("Finished run " + outcome.run().id() + " in " + took);
                progress.showTally(" · took " + took);
            }
            default -> {
                IncompleteRun incomplete = IncompleteRun.of(outcome);
                phase.set(RunPhase.INCOMPLETE);
                statusText.set(incomplete.status());
                error.show(incomplete);
                progress.showTally(" · incomplete");
            }
        }
    }

    private void failed(Throwable failure) {
        cancellation = null;
        resume.refresh();
        error.show(failure);
        int done = progress.doneItemsProperty().get();
        statusText.set(done == 0 ? "The run did not start."
                : "The run stopped after " + done + " of " + progress.totalItemsProperty().get() + " items.");
        progress.stop();
        phase.set(RunPhase.FAILED);
    }

    private String idleText() {
        return "Ready: " + RunText.plural(workspace.dataset().size(), "question") + " from "
                + workspace.dataset().name() + ". Choose a model and variants, then press Run.";
    }

    // ---- the screen's parts

    /** Model, variants, questions, repeats and judge of the next run. */
    public RunSetupViewModel setup() {
        return setup;
    }

    /** Progress bar, tally line, item counts and cards of the shown run. */
    public RunProgressViewModel progress() {
        return progress;
    }

    /** The shown run's verdicts, their filter and the selected one. */
    public RunResultsViewModel results() {
        return results;
    }

    /** The selected result in full. */
    public RunDetailViewModel detail() {
        return detail;
    }

    /** The unfinished run offered for resuming. */
    public RunResumeViewModel resume() {
        return resume;
    }

    /** What stopped or cut short the run, and how to go on. */
    public RunErrorBanner error() {
        return error;
    }

    // ---- the run's life

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

    /** One sentence on where the run stands. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runIdProperty() {
        return runId.getReadOnlyProperty();
    }
}
