package dev.querybench.app.compare;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.grid.GridData;
import dev.querybench.app.grid.GridFormat;
import dev.querybench.app.grid.GridRow;
import dev.querybench.app.grid.RowMark;
import dev.querybench.app.runs.VerdictKind;
import dev.querybench.app.text.Figures;
import dev.querybench.app.text.Highlight;
import dev.querybench.app.text.SqlHighlighter;
import dev.querybench.engine.compare.CellKey;
import dev.querybench.engine.compare.PairComparison;
import dev.querybench.engine.compare.ResultDiff;
import dev.querybench.engine.compare.RunComparison;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.evaluation.base.JudgeVerdict;
import dev.querybench.engine.generation.Attempt;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.stats.Accuracy;
import dev.querybench.engine.stats.CellSummary;
import dev.querybench.engine.stats.JudgeAgreement;
import dev.querybench.engine.tracing.langfuse.TraceLinks;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * One stored run side by side: a card per (variant, model) with accuracy and its interval, the
 * paired test between two picked cards (A and B), the matrix of questions × cells with filters,
 * and the details of one selected cell — both queries formatted with their differences marked,
 * both results with missing and extra rows, the verdict's rationale, the LLM judge's verdict when the
 * run was judged, repair attempts, usage and the Langfuse trace.
 *
 * <p>The result grids (read from the question's own database) and the Langfuse project (for trace
 * links) are read on the {@link TaskRunner}; everything else comes from the run already in memory.
 * Call from the UI thread only.
 */
public final class ComparisonViewModel {

    static final String ANY_CATEGORY = "Any outcome";
    static final String ANY_DIFFICULTY = "Any difficulty";
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final RunComparison comparison;
    private final Function<Question, SafeExecutor> executors;
    private final QueryLimits limits;
    private final TaskRunner tasks;
    private final SqlHighlighter highlighter = new SqlHighlighter();
    private final List<CellKey> cells;

    private final ObservableList<CompareCard> cards = FXCollections.observableArrayList();
    private final ObservableList<CompareCard> cardsView = FXCollections.unmodifiableObservableList(cards);
    private final ReadOnlyIntegerWrapper cellA = new ReadOnlyIntegerWrapper(this, "cellA", -1);
    private final ReadOnlyIntegerWrapper cellB = new ReadOnlyIntegerWrapper(this, "cellB", -1);
    private final ReadOnlyStringWrapper pairText = new ReadOnlyStringWrapper(this, "pairText", "");
    private final ReadOnlyStringWrapper pairDetail = new ReadOnlyStringWrapper(this, "pairDetail", "");

    private final ObservableList<MatrixRow> rows = FXCollections.observableArrayList();
    private final ObservableList<MatrixRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final FilteredList<MatrixRow> visibleRows = new FilteredList<>(rows);
    private final ObjectProperty<MatrixFilter> filter = new SimpleObjectProperty<>(this, "filter", MatrixFilter.ALL);
    private final StringProperty category = new SimpleStringProperty(this, "category", ANY_CATEGORY);
    private final StringProperty difficulty = new SimpleStringProperty(this, "difficulty", ANY_DIFFICULTY);
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final ReadOnlyStringWrapper matrixSummary = new ReadOnlyStringWrapper(this, "matrixSummary", "");
    private final List<String> categories;
    private final List<String> difficulties;

    private final ReadOnlyObjectWrapper<MatrixRow> selectedRow = new ReadOnlyObjectWrapper<>(this, "selectedRow");
    private final ReadOnlyIntegerWrapper selectedColumn = new ReadOnlyIntegerWrapper(this, "selectedColumn", -1);
    private final ReadOnlyBooleanWrapper detailShown = new ReadOnlyBooleanWrapper(this, "detailShown");
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
    private final ReadOnlyObjectWrapper<GridData> goldGrid = new ReadOnlyObjectWrapper<>(this, "goldGrid", GridData.EMPTY);
    private final ReadOnlyObjectWrapper<GridData> predictedGrid =
            new ReadOnlyObjectWrapper<>(this, "predictedGrid", GridData.EMPTY);
    private final ReadOnlyBooleanWrapper gridsLoading = new ReadOnlyBooleanWrapper(this, "gridsLoading");
    private final ReadOnlyBooleanWrapper judgeShown = new ReadOnlyBooleanWrapper(this, "judgeShown");
    private final ReadOnlyStringWrapper judgeDecision = new ReadOnlyStringWrapper(this, "judgeDecision", "");
    private final ReadOnlyStringWrapper judgeText = new ReadOnlyStringWrapper(this, "judgeText", "");
    private final ReadOnlyStringWrapper judgeRationale = new ReadOnlyStringWrapper(this, "judgeRationale", "");
    private final ReadOnlyStringWrapper judgeConflict = new ReadOnlyStringWrapper(this, "judgeConflict", "");
    private final ReadOnlyStringWrapper traceUrl = new ReadOnlyStringWrapper(this, "traceUrl", "");
    private final ReadOnlyBooleanWrapper traceShown = new ReadOnlyBooleanWrapper(this, "traceShown");
    private final boolean judged;
    private Optional<TraceLinks> traceLinks = Optional.empty();
    private TaskRunner.Job gridJob;

    /** A comparison without trace links. */
    public ComparisonViewModel(RunComparison comparison, Function<Question, SafeExecutor> executors, QueryLimits limits,
            TaskRunner tasks) {
        this(comparison, executors, limits, tasks, Optional::empty);
    }

    /**
     * @param executors the database each question was asked of (such as
     *     {@code q -> session.databases().of(q).main().executor()}); called on the task runner, since the
     *     first call for a database opens it, and may throw for a question naming a database nobody knows
     * @param traceLinks where the Langfuse traces are (such as {@code session::traceLinks}); asked once, on the
     *     task runner, because the first answer takes an HTTP request
     */
    public ComparisonViewModel(RunComparison comparison, Function<Question, SafeExecutor> executors, QueryLimits limits,
            TaskRunner tasks, Supplier<Optional<TraceLinks>> traceLinks) {
        this.comparison = comparison;
        this.executors = executors;
        this.limits = limits;
        this.tasks = tasks;
        this.cells = comparison.cells();
        this.judged = cells.stream().anyMatch(c -> comparison.items(c).stream().anyMatch(i -> i.judge() != null));
        Set<String> seenCategories = new TreeSet<>();
        Set<String> seenDifficulties = new LinkedHashSet<>();
        for (Question q : comparison.questions()) {
            List<MatrixCell> line = new ArrayList<>();
            for (CellKey cell : cells) {
                MatrixCell m = matrixCell(comparison.item(q.id(), cell));
                if (!m.category().isBlank()) {
                    seenCategories.add(m.category());
                }
                line.add(m);
            }
            if (!q.difficulty().isBlank()) {
                seenDifficulties.add(q.difficulty());
            }
            rows.add(new MatrixRow(q.id(), q.text(), q.difficulty(), q.tags(), line, comparison.disagree(q.id())));
        }
        List<String> categoryChoices = new ArrayList<>(List.of(ANY_CATEGORY));
        categoryChoices.addAll(seenCategories);
        this.categories = List.copyOf(categoryChoices);
        List<String> difficultyChoices = new ArrayList<>(List.of(ANY_DIFFICULTY));
        seenDifficulties.stream().sorted(ComparisonViewModel::byDifficulty).forEach(difficultyChoices::add);
        this.difficulties = List.copyOf(difficultyChoices);

        cellA.set(cells.isEmpty() ? -1 : 0);
        cellB.set(cells.size() < 2 ? -1 : 1);
        visibleRows.predicateProperty().bind(Bindings.createObjectBinding(this::predicate, filter, category, difficulty,
                searchText, cellA, cellB));
        matrixSummary.bind(Bindings.createStringBinding(() -> visibleRows.size() == rows.size()
                ? rows.size() + " questions" : visibleRows.size() + " of " + rows.size() + " questions",
                visibleRows, rows));
        detailShown.bind(selectedRow.isNotNull().and(selectedColumn.greaterThanOrEqualTo(0)));
        traceShown.bind(traceUrl.isNotEmpty());
        refreshPair();
        tasks.submit(traceLinks::get, found -> {
            this.traceLinks = found;
            refreshTrace();
        }, failure -> this.traceLinks = Optional.empty());
    }

    // ---- intents

    /**
     * Picks a card for the comparison: the first pick replaces A when both are set and the card
     * is neither; picking A or B again swaps them.
     */
    public void pickCard(int index) {
        if (index < 0 || index >= cells.size()) {
            return;
        }
        if (index == cellA.get() || index == cellB.get()) {
            int a = cellA.get();
            cellA.set(cellB.get());
            cellB.set(a);
        } else if (cellA.get() < 0) {
            cellA.set(index);
        } else {
            cellB.set(index);
        }
        refreshPair();
    }

    /** Sets A and B explicitly. */
    public void comparePair(int a, int b) {
        if (a >= 0 && b >= 0 && a < cells.size() && b < cells.size() && a != b) {
            cellA.set(a);
            cellB.set(b);
            refreshPair();
        }
    }

    /** Shows the details of one question in one column and starts reading both results. */
    public void select(MatrixRow row, int column) {
        if (row == null || column < 0 || column >= cells.size()) {
            clearSelection();
            return;
        }
        selectedRow.set(row);
        selectedColumn.set(column);
        CellKey cell = cells.get(column);
        Question question = comparison.questions().stream().filter(q -> q.id().equals(row.questionId())).findFirst()
                .orElseThrow();
        Optional<ItemResult> found = comparison.item(row.questionId(), cell);
        detailTitle.set(row.questionId() + " · " + cell.variant() + " · " + cell.model());
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
            goldGrid.set(GridData.EMPTY);
            predictedGrid.set(GridData.EMPTY);
            return;
        }
        ItemResult item = found.get();
        MatrixCell m = row.cell(column);
        detailVerdict.set(m.verdict());
        String why = m.passed() ? "Same rows as gold" : m.category().isBlank() ? "" : m.category();
        detailVerdictText.set(why + (m.flags().isEmpty() ? "" : (why.isEmpty() ? "" : " · ") + "flags: "
                + String.join(", ", m.flags())));
        String reason = item.verdict().reason();
        String error = item.error() == null ? "" : " Model problem: " + item.error();
        rationale.set(("Judged by " + item.verdict().mode() + (reason.isBlank() ? "." : ": " + reason)) + error);
        usageText.set(item.usage().inputTokens() + " prompt + " + item.usage().outputTokens() + " completion tokens · "
                + item.latencyMs() + " ms · answered by " + (item.modelId() == null ? cell.model() : item.modelId()));
        int n = 1;
        for (Attempt attempt : item.attempts()) {
            attempts.add("Attempt " + n++ + ": " + (attempt.sql() == null ? "(no SQL)" : oneLine(attempt.sql()))
                    + (attempt.error() == null ? " — ran" : " — failed: " + attempt.error()));
        }
        showJudge(item, m);
        refreshTrace();
        loadGrids(question, predictedRaw);
    }

    public void clearSelection() {
        selectedRow.set(null);
        selectedColumn.set(-1);
        showJudge(null, null);
        traceUrl.set("");
        if (gridJob != null) {
            gridJob.cancel();
        }
        gridsLoading.set(false);
    }

    /** The visible matrix as a Markdown table, for the clipboard. */
    public String matrixAsMarkdown() {
        List<String> columns = new ArrayList<>(List.of("ID", "Question", "Difficulty"));
        cells.forEach(c -> columns.add(c.label()));
        List<List<String>> lines = new ArrayList<>();
        for (MatrixRow row : visibleRows) {
            List<String> line = new ArrayList<>(List.of(row.questionId(), row.question(), row.difficulty()));
            row.cells().forEach(c -> line.add(c.text() + (c.category().isBlank() || c.passed() ? "" : " (" + c.category() + ")")));
            lines.add(line);
        }
        return GridFormat.MARKDOWN.write(columns, lines);
    }

    /** The selected cell's predicted SQL as the model wrote it, for the clipboard. */
    public String selectedPredictedSql() {
        MatrixRow row = selectedRow.get();
        if (row == null || selectedColumn.get() < 0) {
            return "";
        }
        return comparison.item(row.questionId(), cells.get(selectedColumn.get())).map(ItemResult::sql).orElse("");
    }

    /** The selected item's Langfuse trace address, or null when there is none to open. */
    public URI selectedTraceUri() {
        return traceUrl.get().isEmpty() ? null : URI.create(traceUrl.get());
    }

    // ---- work

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
        } else if (item.outcome() == dev.querybench.engine.evaluation.base.Outcome.FAIL) {
            String why = item.verdict().failureCategory() == null ? "" : " (" + item.verdict().failureCategory().id() + ")";
            judgeConflict.set("Execution: FAIL" + why + " · Judge: " + decision + " — worth checking the gold");
        } else {
            judgeConflict.set("Execution: PASS · Judge: " + decision
                    + " — the rows match, but the query may be right only by chance");
        }
    }

    private void refreshTrace() {
        MatrixRow row = selectedRow.get();
        int column = selectedColumn.get();
        Optional<ItemResult> item = row == null || column < 0 ? Optional.empty()
                : comparison.item(row.questionId(), cells.get(column));
        traceUrl.set(traceLinks.isEmpty() || item.isEmpty() ? ""
                : traceLinks.get().traceUrl(comparison.run().id(), item.get()).toString());
    }

    private static String judgeWords(JudgeVerdict.Decision decision) {
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

    /** The gold query as run on the question's database, and both results. */
    private record Grids(String gold, ResultDiff.Comparison diff) {}

    private void loadGrids(Question question, String predicted) {
        if (gridJob != null) {
            gridJob.cancel();
        }
        gridsLoading.set(true);
        goldGrid.set(new GridData(List.of(), List.of(), "Running the gold query…", false));
        predictedGrid.set(new GridData(List.of(), List.of(), predicted == null ? "" : "Running the predicted query…", false));
        MatrixRow row = selectedRow.get();
        int column = selectedColumn.get();
        gridJob = tasks.submit(() -> {
            SafeExecutor executor = executors.apply(question);
            String gold = question.goldFor(executor.backend().dialect()).getFirst();
            return new Grids(gold, new ResultDiff().run(executor, limits, gold, predicted));
        }, grids -> {
            if (row != selectedRow.get() || column != selectedColumn.get()) {
                return;
            }
            gridsLoading.set(false);
            if (!grids.gold().equals(question.primaryGold())) {
                showQueries(grids.gold(), predicted);
            }
            goldGrid.set(grid(grids.diff().gold(), RowMark.MISSING, "missing from the prediction"));
            predictedGrid.set(grid(grids.diff().predicted(), RowMark.EXTRA, "not in gold"));
        }, failure -> {
            if (row != selectedRow.get() || column != selectedColumn.get()) {
                return;
            }
            gridsLoading.set(false);
            String why = failure instanceof QueryBenchException q ? q.error().message() : String.valueOf(failure.getMessage());
            goldGrid.set(GridData.failed("The queries could not be run: " + why));
            predictedGrid.set(GridData.failed("The queries could not be run: " + why));
        });
    }

    private static GridData grid(ResultDiff.Side side, RowMark mark, String meaning) {
        if (side.error() != null) {
            return GridData.failed("Did not run: " + side.error());
        }
        List<GridRow> out = new ArrayList<>(side.rows().size());
        for (int i = 0; i < side.rows().size(); i++) {
            out.add(new GridRow(i, side.rows().get(i), side.marked().get(i) ? mark : RowMark.NONE, true));
        }
        int marked = side.markedCount();
        String summary = plural(side.rows().size(), "row") + (side.truncated() ? " (cut at the row cap)" : "")
                + (marked == 0 ? "" : " · " + marked + " " + meaning);
        return new GridData(side.columns(), out, summary, false);
    }

    private void refreshPair() {
        List<CompareCard> next = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String role = i == cellA.get() ? "A" : i == cellB.get() ? "B" : "";
            next.add(card(i, comparison.summary(cells.get(i)), role, judgeLine(cells.get(i))));
        }
        cards.setAll(next);
        if (cellA.get() < 0 || cellB.get() < 0) {
            pairText.set(cells.size() < 2 ? "This run has one column; run two variants or models to compare them."
                    : "Pick two cards to compare them.");
            pairDetail.set("");
            return;
        }
        PairComparison pair = comparison.compare(cells.get(cellA.get()), cells.get(cellB.get()));
        pairText.set(String.format(Locale.ROOT, "B − A = %+.1f pts · McNemar p = %s · %s flip to right · %s flip to wrong",
                pair.differencePoints(), pValue(pair.test().pValue()), pair.flippedToRight(), pair.flippedToWrong()));
        pairDetail.set("A = " + pair.a().label() + ", B = " + pair.b().label() + " · " + pair.test().pairs()
                + " questions judged in both" + (pair.test().pValue() < 0.05 ? " · the difference is unlikely to be chance"
                        : " · the difference may be chance"));
    }

    private java.util.function.Predicate<MatrixRow> predicate() {
        String needle = searchText.get() == null ? "" : searchText.get().strip().toLowerCase(Locale.ROOT);
        MatrixFilter f = filter.get() == null ? MatrixFilter.ALL : filter.get();
        String cat = category.get() == null ? ANY_CATEGORY : category.get();
        String diff = difficulty.get() == null ? ANY_DIFFICULTY : difficulty.get();
        int a = cellA.get();
        int b = cellB.get();
        return row -> row.matches(needle)
                && (diff.equals(ANY_DIFFICULTY) || diff.equals(row.difficulty()))
                && (cat.equals(ANY_CATEGORY) || row.cells().stream().anyMatch(c -> cat.equals(c.category())))
                && switch (f) {
                    case ALL -> true;
                    case DISAGREEMENTS -> row.disagreement();
                    case ANY_FAILURE -> row.cells().stream().anyMatch(c -> !c.passed());
                    case JUDGE_DISAGREES -> row.cells().stream().anyMatch(MatrixCell::judgeDisagrees);
                    case A_RIGHT_B_WRONG -> a >= 0 && b >= 0 && row.cell(a).passed() && row.cell(b).judged()
                            && !row.cell(b).passed();
                    case A_WRONG_B_RIGHT -> a >= 0 && b >= 0 && row.cell(b).passed() && row.cell(a).judged()
                            && !row.cell(a).passed();
                };
    }

    private static MatrixCell matrixCell(Optional<ItemResult> item) {
        if (item.isEmpty()) {
            return new MatrixCell(null, "", List.of());
        }
        ItemResult result = item.get();
        VerdictKind kind = VerdictKind.valueOf(result.outcome().name());
        String category = kind == VerdictKind.ERROR ? "Error"
                : result.verdict().failureCategory() == null ? "" : words(result.verdict().failureCategory().id());
        JudgeVerdict judge = result.judge();
        return new MatrixCell(kind, category, List.copyOf(result.verdict().flags()),
                judge == null ? "" : judgeWords(judge.decision()),
                judge != null && judge.agreesWith(result.outcome()).map(agrees -> !agrees).orElse(false));
    }

    /** "judge agrees with execution on 47/50 · 2 FAIL judged equivalent", or empty for a column not judged. */
    private String judgeLine(CellKey cell) {
        List<JudgeAgreement.CellAgreement> found = new JudgeAgreement().cells(comparison.items(cell));
        if (found.isEmpty()) {
            return "";
        }
        JudgeAgreement.CellAgreement a = found.getFirst();
        return a.describe() + (a.failJudgedEquivalent().isEmpty() ? ""
                : " · " + a.failJudgedEquivalent().size() + " FAIL judged equivalent");
    }

    private static CompareCard card(int index, CellSummary s, String role, String judgeText) {
        Accuracy accuracy = s.accuracy();
        boolean none = accuracy.total() == 0;
        return new CompareCard(index, s.variant(), s.model(), none ? "—" : percent(accuracy.value()),
                none ? "no verdicts" : "95% CI " + percent(accuracy.low()) + " – " + percent(accuracy.high()),
                none ? 0 : accuracy.value(), none ? 0 : accuracy.low(), none ? 0 : accuracy.high(),
                "pass " + s.passed() + " · fail " + s.failed() + " · error " + s.errors(),
                "p50 " + s.latencyP50Ms() + " ms · p95 " + s.latencyP95Ms() + " ms",
                Figures.tokens(s.inputTokens() + s.outputTokens()) + " tokens · "
                        + (s.cost() == null ? "cost unknown (no price)" : Figures.dollars(s.cost())
                                + (s.costPerCorrect() == null ? "" : " · " + Figures.dollars(s.costPerCorrect())
                                        + " per correct")),
                role, judgeText);
    }

    static String pValue(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    private static int byDifficulty(String x, String y) {
        List<String> order = List.of("easy", "medium", "hard", "extra", "challenging");
        int ix = order.indexOf(x.toLowerCase(Locale.ROOT));
        int iy = order.indexOf(y.toLowerCase(Locale.ROOT));
        return Integer.compare(ix < 0 ? 99 : ix, iy < 0 ? 99 : iy) != 0 ? Integer.compare(ix < 0 ? 99 : ix, iy < 0 ? 99 : iy)
                : x.compareTo(y);
    }

    private static String words(String id) {
        String w = id.replace('_', ' ');
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static String oneLine(String sql) {
        return sql.strip().replaceAll("\\s+", " ");
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    // ---- properties

    public String runId() {
        return comparison.run().id();
    }

    /** "Run 20261124T005400-d6b9de". */
    public String title() {
        return "Run " + comparison.run().id();
    }

    /** "2026-11-24 00:54 · sample-shop · 54 questions · strict matching · finished". */
    public String subtitle() {
        var run = comparison.run();
        return STARTED.format(run.createdAt().atZone(ZoneId.systemDefault())) + " · dataset " + run.dataset() + " · "
                + plural(run.questionIds().size(), "question") + " · " + run.matchMode() + " matching · " + run.status();
    }

    /** Column headers of the matrix: one per (variant, model). */
    public List<String> columnVariants() {
        return cells.stream().map(CellKey::variant).toList();
    }

    public List<String> columnModels() {
        return cells.stream().map(CellKey::model).toList();
    }

    public ObservableList<CompareCard> cards() {
        return cardsView;
    }

    public ReadOnlyIntegerProperty cellAProperty() {
        return cellA.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty cellBProperty() {
        return cellB.getReadOnlyProperty();
    }

    /** "B − A = +7.4 pts · McNemar p = 0.289 · 6 flip to right · 2 flip to wrong". */
    public ReadOnlyStringProperty pairTextProperty() {
        return pairText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pairDetailProperty() {
        return pairDetail.getReadOnlyProperty();
    }

    public ObservableList<MatrixRow> rows() {
        return rowsView;
    }

    public ObservableList<MatrixRow> visibleRows() {
        return visibleRows;
    }

    public ObjectProperty<MatrixFilter> filterProperty() {
        return filter;
    }

    /** The matrix filters; "Judge disagrees" only when the run was judged. */
    public List<MatrixFilter> filters() {
        return java.util.Arrays.stream(MatrixFilter.values())
                .filter(f -> judged || f != MatrixFilter.JUDGE_DISAGREES).toList();
    }

    /** Whether any item of the run has an LLM judge verdict. */
    public boolean judged() {
        return judged;
    }

    public StringProperty categoryProperty() {
        return category;
    }

    /** "Any outcome" and the failure categories that occur in the run. */
    public List<String> categories() {
        return categories;
    }

    public StringProperty difficultyProperty() {
        return difficulty;
    }

    public List<String> difficulties() {
        return difficulties;
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ReadOnlyStringProperty matrixSummaryProperty() {
        return matrixSummary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MatrixRow> selectedRowProperty() {
        return selectedRow.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty selectedColumnProperty() {
        return selectedColumn.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty detailShownProperty() {
        return detailShown.getReadOnlyProperty();
    }

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
        return goldGrid.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<GridData> predictedGridProperty() {
        return predictedGrid.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty gridsLoadingProperty() {
        return gridsLoading.getReadOnlyProperty();
    }

    /** Whether the selected item has an LLM judge verdict; false for runs without a judge. */
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

    /** The selected item's Langfuse trace address, or empty when the workspace has no reachable Langfuse. */
    public ReadOnlyStringProperty traceUrlProperty() {
        return traceUrl.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty traceShownProperty() {
        return traceShown.getReadOnlyProperty();
    }
}
