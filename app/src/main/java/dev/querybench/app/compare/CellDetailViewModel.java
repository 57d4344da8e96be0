package dev.querybench.app.compare;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.grid.GridData;
import dev.querybench.app.text.Highlight;
import dev.querybench.app.text.SqlHighlighter;
import dev.querybench.app.text.VerdictKind;
import dev.querybench.engine.compare.CellKey;
import dev.querybench.engine.compare.CellResults;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.evaluation.base.JudgeVerdict;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.generation.Attempt;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.tracing.langfuse.TraceLinks;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The details of one comparison cell: both queries formatted with their differences marked, both
 * results with missing and extra rows (run by the engine's {@link CellResults} on the
 * {@link TaskRunner}, shown in the paged result grids of {@link CellGrids}), how the verdict was
 * reached, the LLM judge's verdict, repair attempts, usage and the Langfuse trace. Call from the UI thread only.
 */
public final class CellDetailViewModel {

    private final String runId;
    private final SqlHighlighter highlighter = new SqlHighlighter();

    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper(this, "detailTitle", "");
    private final ReadOnlyStringWrapper detailQuestion = new ReadOnlyStringWrapper(this, "detailQuestion", "");
    private final ReadOnlyObjectWrapper<VerdictKind> detailVerdict = new ReadOnlyObjectWrapper<>(this, "detailVerdict");
    private final ReadOnlyStringWrapper detailVerdictText = new ReadOnlyStringWrapper(this, "detailVerdictText", "");
    private final ReadOnlyStringWrapper rationale = new ReadOnlyStringWrapper(this, "rationale", "");
    private final ReadOnlyStringWrapper usageText = new ReadOnlyStringWrapper(this, "usageText", "");
    private final ReadOnlyStringWrapper goldSql = new ReadOnlyStringWrapper(this, "goldSql", "");
    private final ReadOnlyStringWrapper predictedSql = new ReadOnlyStringWrapper(this, "predictedSql", "");
    private final ReadOnlyObjectWrapper<List<Highlight>> goldHighlights =
            new ReadOnlyObjectWrapper<>(this, "goldHighlights", List.of());
    private final ReadOnlyObjectWrapper<List<Highlight>> predictedHighlights =
            new ReadOnlyObjectWrapper<>(this, "predictedHighlights", List.of());
    private final ObservableList<String> attempts = FXCollections.observableArrayList();
    private final ObservableList<String> attemptsView = FXCollections.unmodifiableObservableList(attempts);
    private final ReadOnlyBooleanWrapper judgeShown = new ReadOnlyBooleanWrapper(this, "judgeShown");
    private final ReadOnlyStringWrapper judgeDecision = new ReadOnlyStringWrapper(this, "judgeDecision", "");
    private final ReadOnlyStringWrapper judgeText = new ReadOnlyStringWrapper(this, "judgeText", "");
    private final ReadOnlyStringWrapper judgeRationale = new ReadOnlyStringWrapper(this, "judgeRationale", "");
    private final ReadOnlyStringWrapper judgeConflict = new ReadOnlyStringWrapper(this, "judgeConflict", "");
    private final ReadOnlyStringWrapper traceUrl = new ReadOnlyStringWrapper(this, "traceUrl", "");
    private final ReadOnlyBooleanWrapper traceShown = new ReadOnlyBooleanWrapper(this, "traceShown");
    private Optional<TraceLinks> traceLinks = Optional.empty();
    private Optional<ItemResult> shown = Optional.empty();
    private final CellGrids grids;

    CellDetailViewModel(String runId, CellResults results, TaskRunner tasks) {
        this.runId = runId;
        this.grids = new CellGrids(results, tasks);
        traceShown.bind(traceUrl.isNotEmpty());
    }

    /** Where the Langfuse traces are, once known. */
    void setTraceLinks(Optional<TraceLinks> links) {
        traceLinks = links;
        refreshTrace();
    }

    /** Shows one question in one cell and starts reading both results. */
    void show(Question question, CellKey cell, Optional<ItemResult> found, MatrixCell m) {
        shown = found;
        detailTitle.set(question.id() + " · " + cell.variant() + " · " + cell.model());
        detailQuestion.set(question.text() + (question.evidence().isBlank() ? "" : "  (hint: " + question.evidence() + ")"));
        String predictedRaw = found.map(ItemResult::sql).orElse(null);
        showQueries(question.primaryGold(), predictedRaw);
        attempts.clear();
        if (found.isEmpty()) {
            detailVerdict.set(null);
            detailVerdictText.set("Not finished: this item has no result in the run.");
            rationale.set("");
            usageText.set("");
            showJudge(null, null);
            traceUrl.set("");
            grids.clear();
            return;
        }
        ItemResult item = found.get();
        detailVerdict.set(m.verdict());
        String why = m.passed() ? "Same rows as gold" : m.category().isBlank() ? "" : m.category();
        detailVerdictText.set(why + (m.flags().isEmpty() ? "" : (why.isEmpty() ? "" : " · ") + "flags: "
                + String.join(", ", m.flags())));
        rationale.set(reasonOf(item));
        usageText.set(item.usage().inputTokens() + " prompt + " + item.usage().outputTokens() + " completion tokens · "
                + item.latencyMs() + " ms · answered by " + (item.modelId() == null ? cell.model() : item.modelId()));
        int n = 1;
        for (Attempt attempt : item.attempts()) {
            attempts.add("Attempt " + n++ + ": " + (attempt.sql() == null ? "(no SQL)" : oneLine(attempt.sql()))
                    + (attempt.error() == null ? " — ran" : " — failed: " + attempt.error()));
        }
        showJudge(item, m);
        refreshTrace();
        grids.load(question, predictedRaw, goldRun -> showQueries(goldRun, predictedRaw));
    }

    /** "Judged by strict: values differ. Model problem: … — fix" — how the verdict was reached. */
    static String reasonOf(ItemResult item) {
        String reason = item.verdict().reason();
        String error = item.error() == null ? "" : " Model problem: " + item.error().oneLine();
        return "Judged by " + item.verdict().mode() + (reason.isBlank() ? "." : ": " + reason) + error;
    }

    void clear() {
        shown = Optional.empty();
        showJudge(null, null);
        traceUrl.set("");
        grids.cancel();
    }

    /** The shown item's predicted SQL as the model wrote it, for the clipboard. */
    public String predictedSqlAsWritten() {
        return shown.map(ItemResult::sql).orElse("");
    }

    /** The shown item's Langfuse trace address, or null when there is none to open. */
    public URI traceUri() {
        return traceUrl.get().isEmpty() ? null : URI.create(traceUrl.get());
    }

    private void showJudge(ItemResult item, MatrixCell cell) {
        JudgeVerdict verdict = item == null ? null : item.judge();
        judgeShown.set(verdict != null);
        if (verdict == null) {
            judgeDecision.set("");
            judgeText.set("");
            judgeRationale.set("");
            judgeConflict.set("");
            return;
        }
        String decision = judgeWords(verdict.decision());
        judgeDecision.set(decision);
        judgeText.set(verdict.model() + (verdict.decision() == JudgeVerdict.Decision.ERROR ? ""
                : String.format(Locale.ROOT, " · score %.2f", verdict.score())));
        judgeRationale.set(verdict.rationale().isBlank() ? "The judge gave no rationale." : verdict.rationale());
        if (!cell.judgeDisagrees()) {
            judgeConflict.set("");
        } else if (item.outcome() == Outcome.FAIL) {
            String why = item.verdict().failureCategory() == null ? "" : " (" + item.verdict().failureCategory().id() + ")";
            judgeConflict.set("Execution: FAIL" + why + " · Judge: " + decision + " — worth checking the gold");
        } else {
            judgeConflict.set("Execution: PASS · Judge: " + decision
                    + " — the rows match, but the query may be right only by chance");
        }
    }

    private void refreshTrace() {
        traceUrl.set(traceLinks.isEmpty() || shown.isEmpty() ? ""
                : traceLinks.get().traceUrl(runId, shown.get()).toString());
    }

    static String judgeWords(JudgeVerdict.Decision decision) {
        return decision == JudgeVerdict.Decision.ERROR ? "ERROR" : decision.id().replace('_', ' ');
    }

    /** Both queries formatted, their differences marked; the gold shown is replaced by its own dialect's once known. */
    private void showQueries(String goldRaw, String predictedRaw) {
        String gold = highlighter.format(goldRaw);
        String predicted = predictedRaw == null ? "" : highlighter.format(predictedRaw);
        goldSql.set(gold);
        predictedSql.set(predicted.isEmpty() ? "-- the model gave no SQL" : predicted);
        goldHighlights.set(predicted.isEmpty() ? highlighter.syntax(gold) : highlighter.against(gold, predicted, true));
        predictedHighlights.set(predicted.isEmpty() ? highlighter.syntax(predictedSql.get())
                : highlighter.against(predicted, gold, false));
    }

    static String oneLine(String sql) {
        return sql.strip().replaceAll("\\s+", " ");
    }

    // ---- properties

    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailQuestionProperty() {
        return detailQuestion.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<VerdictKind> detailVerdictProperty() {
        return detailVerdict.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailVerdictTextProperty() {
        return detailVerdictText.getReadOnlyProperty();
    }

    /** How the verdict was reached and why. */
    public ReadOnlyStringProperty rationaleProperty() {
        return rationale.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty usageTextProperty() {
        return usageText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty goldSqlProperty() {
        return goldSql.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty predictedSqlProperty() {
        return predictedSql.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Highlight>> goldHighlightsProperty() {
        return goldHighlights.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Highlight>> predictedHighlightsProperty() {
        return predictedHighlights.getReadOnlyProperty();
    }

    /** The repair loop's attempts, one line each; empty when the variant does not repair. */
    public ObservableList<String> attempts() {
        return attemptsView;
    }

    public ReadOnlyObjectProperty<GridData> goldGridProperty() {
        return grids.gold.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<GridData> predictedGridProperty() {
        return grids.predicted.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty gridsLoadingProperty() {
        return grids.loading.getReadOnlyProperty();
    }

    /** Whether the shown item has an LLM judge verdict; false for runs without a judge. */
    public ReadOnlyBooleanProperty judgeShownProperty() {
        return judgeShown.getReadOnlyProperty();
    }

    /** "equivalent", "not equivalent", "unsure" or "ERROR". */
    public ReadOnlyStringProperty judgeDecisionProperty() {
        return judgeDecision.getReadOnlyProperty();
    }

    /** "judge-model · score 0.80": which model judged, and how sure it was. */
    public ReadOnlyStringProperty judgeTextProperty() {
        return judgeText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty judgeRationaleProperty() {
        return judgeRationale.getReadOnlyProperty();
    }

    /**
     * "Execution: FAIL (wrong_values) · Judge: equivalent — worth checking the gold" when the judge
     * contradicts the execution verdict, else empty.
     */
    public ReadOnlyStringProperty judgeConflictProperty() {
        return judgeConflict.getReadOnlyProperty();
    }

    /** The shown item's Langfuse trace address, or empty when the workspace has no reachable Langfuse. */
    public ReadOnlyStringProperty traceUrlProperty() {
        return traceUrl.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty traceShownProperty() {
        return traceShown.getReadOnlyProperty();
    }
}
