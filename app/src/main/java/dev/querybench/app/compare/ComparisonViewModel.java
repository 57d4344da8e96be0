package dev.querybench.app.compare;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.text.CostRule;
import dev.querybench.engine.compare.CellKey;
import dev.querybench.engine.compare.CellResults;
import dev.querybench.engine.compare.RunComparison;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.tracing.langfuse.TraceLinks;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
 * One stored run side by side, questions first: the matrix of questions × (variant, model) cells
 * with filters, a compact strip of cards with the A/B test ({@link CardStripViewModel}), the run
 * against a baseline run ({@link BaselineViewModel}) and the details of one selected cell
 * ({@link CellDetailViewModel}, whose queries the engine runs). A cell previews its predicted SQL
 * and the verdict's reason when selected or hovered.
 *
 * <p>Everything here comes from the run in memory; SQL and stored runs are read by the children
 * on the {@link TaskRunner}. Call from the UI thread only.
 */
public final class ComparisonViewModel {

    static final String ANY_CATEGORY = "All outcomes";
    static final String ANY_DIFFICULTY = "All levels";
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final RunComparison comparison;
    private final List<CellKey> cells;
    private final CardStripViewModel strip;
    private final CellDetailViewModel detail;
    private final BaselineViewModel baseline;

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
    private final ReadOnlyObjectWrapper<CellPreview> selectedPreview =
            new ReadOnlyObjectWrapper<>(this, "selectedPreview", CellPreview.NONE);
    private final boolean judged;

    /** A comparison without trace links, baseline runs or prices (tests). */
    public ComparisonViewModel(RunComparison comparison, Function<Question, SafeExecutor> executors, QueryLimits limits,
            TaskRunner tasks) {
        this(comparison, executors, limits, tasks, Optional::empty);
    }

    /** A comparison without baseline runs or prices (tests). */
    public ComparisonViewModel(RunComparison comparison, Function<Question, SafeExecutor> executors, QueryLimits limits,
            TaskRunner tasks, Supplier<Optional<TraceLinks>> traceLinks) {
        this(comparison, new Services(new CellResults(executors, limits), CostRule.engineCosts(), List::of, id -> {
            throw new IllegalArgumentException("no stored runs here");
        }, traceLinks), tasks);
    }

    /**
     * What a comparison reads besides the run itself.
     *
     * @param results runs a cell's gold and predicted SQL on its question's database
     * @param costs the workspace's rule for known and unknown costs
     * @param storedRuns the workspace's stored runs, newest first, for the baseline choice (read on the task runner)
     * @param loader lays out a stored run by id (read on the task runner)
     * @param traceLinks where the Langfuse traces are; asked once, on the task runner (an HTTP request)
     */
    public record Services(CellResults results, CostRule costs, Supplier<List<RunRecord>> storedRuns,
            Function<String, RunComparison> loader, Supplier<Optional<TraceLinks>> traceLinks) {}

    public ComparisonViewModel(RunComparison comparison, Services services, TaskRunner tasks) {
        this.comparison = comparison;
        this.cells = comparison.cells();
        this.judged = cells.stream().anyMatch(c -> comparison.items(c).stream().anyMatch(i -> i.judge() != null));
        this.strip = new CardStripViewModel(comparison, services.costs());
        this.detail = new CellDetailViewModel(comparison.run().id(), services.results(), tasks);
        this.baseline = new BaselineViewModel(comparison, services.storedRuns(), services.loader(), tasks);
        MatrixRows matrix = MatrixRows.of(comparison, cells);
        rows.setAll(matrix.rows());
        this.categories = matrix.categories();
        this.difficulties = matrix.difficulties();

        visibleRows.predicateProperty().bind(Bindings.createObjectBinding(this::predicate, filter, category, difficulty,
                searchText, strip.cellAProperty(), strip.cellBProperty(), baseline.resultProperty()));
        matrixSummary.bind(Bindings.createStringBinding(() -> visibleRows.size() == rows.size()
                ? rows.size() + " questions" : visibleRows.size() + " of " + rows.size() + " questions",
                visibleRows, rows));
        detailShown.bind(selectedRow.isNotNull().and(selectedColumn.greaterThanOrEqualTo(0)));
        tasks.submit(services.traceLinks()::get, detail::setTraceLinks, failure -> detail.setTraceLinks(Optional.empty()));
    }

    // ---- intents

    /** Reads what the comparison offers besides the run (the baseline choices). */
    public void activate() {
        baseline.activate();
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
        detail.show(question, cell, comparison.item(row.questionId(), cell), row.cell(column));
        selectedPreview.set(preview(row, column));
    }

    /**
     * Moves the selection by rows and columns within the visible matrix, as the arrow keys do,
     * staying at the edges; with nothing selected it starts at the first row's column A.
     */
    public void moveSelection(int rowStep, int columnStep) {
        if (visibleRows.isEmpty() || cells.isEmpty()) {
            return;
        }
        int rowIndex = selectedRow.get() == null ? -1 : visibleRows.indexOf(selectedRow.get());
        int column = selectedColumn.get();
        if (rowIndex < 0 || column < 0) {
            select(visibleRows.getFirst(), Math.max(0, strip.cellAProperty().get()));
            return;
        }
        int nextRow = Math.clamp(rowIndex + rowStep, 0, visibleRows.size() - 1);
        int nextColumn = Math.clamp(column + columnStep, 0, cells.size() - 1);
        select(visibleRows.get(nextRow), nextColumn);
    }

    public void clearSelection() {
        selectedRow.set(null);
        selectedColumn.set(-1);
        selectedPreview.set(CellPreview.NONE);
        detail.clear();
    }

    /** What a cell shows when hovered or selected: its verdict, predicted SQL and the reason. */
    public CellPreview preview(MatrixRow row, int column) {
        if (row == null || column < 0 || column >= cells.size()) {
            return CellPreview.NONE;
        }
        return CellPreview.of(comparison, cells.get(column), row, row.cell(column));
    }

    /** The visible matrix as a Markdown table, for the clipboard. */
    public String matrixAsMarkdown() {
        return MatrixRows.markdown(cells, visibleRows);
    }

    /** The selected cell's predicted SQL as the model wrote it, for the clipboard. */
    public String selectedPredictedSql() {
        return detailShown.get() ? detail.predictedSqlAsWritten() : "";
    }

    /** The selected item's Langfuse trace address, or null when there is none to open. */
    public URI selectedTraceUri() {
        return detail.traceUri();
    }

    // ---- work

    private java.util.function.Predicate<MatrixRow> predicate() {
        String needle = searchText.get() == null ? "" : searchText.get().strip().toLowerCase(Locale.ROOT);
        MatrixFilter f = filter.get() == null ? MatrixFilter.ALL : filter.get();
        String cat = category.get() == null ? ANY_CATEGORY : category.get();
        String diff = difficulty.get() == null ? ANY_DIFFICULTY : difficulty.get();
        int a = strip.cellAProperty().get();
        int b = strip.cellBProperty().get();
        Set<String> improved = baseline.improved();
        Set<String> regressed = baseline.regressed();
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
                    case IMPROVED -> improved.contains(row.questionId());
                    case REGRESSED -> regressed.contains(row.questionId());
                };
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
                + plural(run.questionIds().size(), "question") + " · " + run.matchMode() + " matching · " + run.status()
                + answered();
    }

    /** " · answered 53 of 54" when the run lacks answers, as the CLI's summary says it. */
    private String answered() {
        String line = comparison.results().answeredLine();
        return line.isEmpty() ? "" : " · " + line;
    }

    /** The cards and the A/B test. */
    public CardStripViewModel strip() {
        return strip;
    }

    /** The selected cell's details. */
    public CellDetailViewModel detail() {
        return detail;
    }

    /** The run against a baseline run. */
    public BaselineViewModel baseline() {
        return baseline;
    }

    /**
     * The warning shown above the comparison when the run's untrusted SQL ran under a privileged
     * account by opt-in ({@code allowPrivilegedAccount: true}); empty otherwise.
     */
    public String privilegedWarning() {
        return dev.querybench.engine.evaluation.RunResults.privilegedWarning(comparison.privilegedAccounts());
    }

    /** Column headers of the matrix: one per (variant, model). */
    public List<String> columnVariants() {
        return cells.stream().map(CellKey::variant).toList();
    }

    public List<String> columnModels() {
        return cells.stream().map(CellKey::model).toList();
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

    /** The matrix filters; "Judge disagrees" only when the run was judged; the baseline ones always (they need one picked). */
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

    /** "All outcomes" and the failure categories that occur in the run. */
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

    /** The selected cell's verdict, predicted SQL and reason, shown under the matrix. */
    public ReadOnlyObjectProperty<CellPreview> selectedPreviewProperty() {
        return selectedPreview.getReadOnlyProperty();
    }
}
