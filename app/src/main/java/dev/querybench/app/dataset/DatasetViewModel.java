package dev.querybench.app.dataset;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.grid.GridData;
import dev.querybench.app.grid.GridRow;
import dev.querybench.app.text.Highlight;
import dev.querybench.app.text.SqlHighlighter;
import dev.querybench.engine.compare.ResultDiff;
import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.session.QuestionDatabases;
import dev.querybench.engine.validation.DatasetDatabasesCheck;
import dev.querybench.engine.validation.GoldCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The dataset browser: every question with difficulty, tags and its gold SQL highlighted,
 * search and filters, the rows the gold query returns, and a gold check that runs every gold
 * query through the safe executor in the background and marks the ones that fail or return
 * nothing. Gold queries run on their own question's database ({@link QuestionDatabases}), so a
 * dataset spanning several databases is checked as {@code querybench dataset check} checks it.
 */
public final class DatasetViewModel {

    static final String ANY = "All levels";
    static final String ANY_TAG = "All tags";

    private final Dataset dataset;
    private final QuestionDatabases databases;
    private final QueryLimits limits;
    private final TaskRunner tasks;
    private final SqlHighlighter highlighter = new SqlHighlighter();
    private final Map<String, Question> byId = new HashMap<>();

    private final ObservableList<DatasetRow> rows = FXCollections.observableArrayList();
    private final ObservableList<DatasetRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final FilteredList<DatasetRow> visibleRows = new FilteredList<>(rows);
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final StringProperty difficulty = new SimpleStringProperty(this, "difficulty", ANY);
    private final StringProperty tag = new SimpleStringProperty(this, "tag", ANY_TAG);
    private final BooleanProperty problemsOnly = new SimpleBooleanProperty(this, "problemsOnly");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final List<String> difficulties;
    private final List<String> tags;

    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private final ReadOnlyDoubleWrapper checkProgress = new ReadOnlyDoubleWrapper(this, "checkProgress");
    private final ReadOnlyStringWrapper checkSummary = new ReadOnlyStringWrapper(this, "checkSummary",
            "Gold queries not checked yet.");
    private final ReadOnlyBooleanWrapper checkFailed = new ReadOnlyBooleanWrapper(this, "checkFailed");

    private final ObjectProperty<DatasetRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper(this, "detailTitle", "");
    private final ReadOnlyStringWrapper detailText = new ReadOnlyStringWrapper(this, "detailText", "");
    private final ReadOnlyStringWrapper detailMeta = new ReadOnlyStringWrapper(this, "detailMeta", "");
    private final ReadOnlyStringWrapper goldSql = new ReadOnlyStringWrapper(this, "goldSql", "");
    private final ReadOnlyObjectWrapper<List<Highlight>> goldHighlights =
            new ReadOnlyObjectWrapper<>(this, "goldHighlights", List.of());
    private final ReadOnlyObjectWrapper<GridData> goldRows = new ReadOnlyObjectWrapper<>(this, "goldRows", GridData.EMPTY);
    private final TestSuiteViewModel testSuite;
    private TaskRunner.Job checkJob;

    /** @param databases the databases the questions are asked of; each gold query runs on its question's own */
    public DatasetViewModel(Dataset dataset, QuestionDatabases databases, QueryLimits limits, TaskRunner tasks,
            TestSuiteViewModel testSuite) {
        this.dataset = dataset;
        this.testSuite = testSuite;
        this.databases = databases;
        this.limits = limits;
        this.tasks = tasks;
        Set<String> seenDifficulties = new LinkedHashSet<>();
        Set<String> seenTags = new TreeSet<>();
        for (Question q : dataset.questions()) {
            byId.put(q.id(), q);
            rows.add(new DatasetRow(q.id(), q.text(), q.difficulty(), q.tags(), q.gold().size(), GoldState.NOT_CHECKED,
                    GoldState.NOT_CHECKED.label()));
            if (!q.difficulty().isBlank()) {
                seenDifficulties.add(q.difficulty());
            }
            seenTags.addAll(q.tags());
        }
        List<String> d = new ArrayList<>(List.of(ANY));
        seenDifficulties.stream().sorted((x, y) -> Integer.compare(rank(x), rank(y))).forEach(d::add);
        difficulties = List.copyOf(d);
        List<String> t = new ArrayList<>(List.of(ANY_TAG));
        t.addAll(seenTags);
        tags = List.copyOf(t);
        visibleRows.predicateProperty().bind(Bindings.createObjectBinding(() -> {
            String needle = searchText.get() == null ? "" : searchText.get().strip().toLowerCase(Locale.ROOT);
            String diff = difficulty.get() == null ? ANY : difficulty.get();
            String tg = tag.get() == null ? ANY_TAG : tag.get();
            boolean problems = problemsOnly.get();
            return row -> row.matches(needle) && (diff.equals(ANY) || diff.equals(row.difficulty()))
                    && (tg.equals(ANY_TAG) || row.tags().contains(tg))
                    && (!problems || row.check() == GoldState.FAILED || row.check() == GoldState.EMPTY);
        }, searchText, difficulty, tag, problemsOnly));
        summary.bind(Bindings.createStringBinding(() -> visibleRows.size() == rows.size()
                ? rows.size() + " questions in " + dataset.name()
                : visibleRows.size() + " of " + rows.size() + " questions", visibleRows, rows));
        selected.addListener((obs, was, is) -> showDetail(is));
    }

    /** Starts the gold check. */
    public void activate() {
        checkGold();
        testSuite.activate();
    }

    public void deactivate() {
        testSuite.cancel();
        if (checkJob != null) {
            checkJob.cancel();
        }
    }

    // ---- intents

    /**
     * Runs every gold query in the background on its own question's database and on that database's
     * test-suite instances; rows are marked as the results on the databases themselves arrive.
     */
    public void checkGold() {
        if (checking.get()) {
            return;
        }
        checking.set(true);
        checkProgress.set(0);
        rows.replaceAll(row -> row.withCheck(GoldState.NOT_CHECKED, GoldState.NOT_CHECKED.label()));
        checkSummary.set("Checking " + dataset.size() + " gold queries…");
        int total = dataset.size();
        Set<String> seen = new HashSet<>();
        checkJob = tasks.<DatasetDatabasesCheck.Report, GoldResult>submit(context -> new DatasetDatabasesCheck(limits)
                .goldCheck(dataset, databases, (question, sql, result) -> context.publish(new GoldResult(question.id(),
                        result.rowCount(), result.elapsed().toMillis()))),
                batch -> {
                    for (GoldResult r : batch) {
                        seen.add(r.questionId());
                        mark(r.questionId(), r.rows() == 0 ? GoldState.EMPTY : GoldState.OK, r.rows() == 0 ? "no rows"
                                : r.rows() + (r.rows() == 1 ? " row" : " rows") + " · " + r.millis() + " ms");
                    }
                    checkProgress.set(total == 0 ? 1 : (double) seen.size() / total);
                },
                report -> {
                    checking.set(false);
                    checkProgress.set(1);
                    showCheck(report);
                },
                failure -> {
                    checking.set(false);
                    checkFailed.set(true);
                    checkSummary.set("The gold check stopped: " + failure.getMessage());
                });
    }

    private void showCheck(DatasetDatabasesCheck.Report report) {
        int queries = 0;
        int failed = 0;
        int empty = 0;
        int failedOnInstances = 0;
        long millis = 0;
        Set<String> dialects = new TreeSet<>();
        for (DatasetDatabasesCheck.InstanceReport instance : report.instances()) {
            millis += instance.gold().elapsed().toMillis();
            for (GoldCheck.Issue issue : instance.gold().issues()) {
                if (issue.problem() == GoldCheck.Problem.EMPTY) {
                    empty += instance.main() ? 1 : 0;
                } else if (instance.main()) {
                    failed++;
                    mark(issue.questionId(), GoldState.FAILED, issue.detail());
                } else {
                    failedOnInstances++;
                    mark(issue.questionId(), GoldState.FAILED, "on test-suite instance " + instance.instance() + ": "
                            + issue.detail());
                }
            }
            if (instance.main()) {
                queries += instance.gold().queries();
                dialects.add(instance.gold().dialect().displayName());
            }
        }
        int unusable = 0;
        for (DatasetDatabasesCheck.Problem problem : report.problems()) {
            unusable += problem.questionIds().size();
            problem.questionIds().forEach(id -> mark(id, GoldState.FAILED, problem.error().message()));
        }
        boolean problems = failed + failedOnInstances + unusable > 0;
        checkFailed.set(problems);
        String where = report.databases() == 1 ? String.join(", ", dialects)
                : report.databases() + " databases (" + String.join(", ", dialects) + ")";
        checkSummary.set(queries + " gold queries run on " + where + ": " + (queries - failed - empty)
                + " return rows, " + empty + " return none, " + failed + " fail"
                + (failedOnInstances == 0 ? "" : ", " + failedOnInstances + " fail on test-suite instances")
                + (unusable == 0 ? "" : "; " + unusable + (unusable == 1 ? " question names" : " questions name")
                        + " a database that cannot be used")
                + (problems ? " — fix them before a run blames the model." : ".") + " Took " + millis + " ms.");
    }

    /** One gold query's rows, as the check reports them. */
    private record GoldResult(String questionId, int rows, long millis) {}

    // ---- work

    private void mark(String id, GoldState state, String text) {
        for (int i = 0; i < rows.size(); i++) {
            DatasetRow row = rows.get(i);
            if (row.id().equals(id)) {
                if (row.check().ordinal() > state.ordinal() && row.check() != GoldState.NOT_CHECKED) {
                    return;
                }
                DatasetRow updated = row.withCheck(state, text);
                rows.set(i, updated);
                if (selected.get() != null && selected.get().id().equals(id)) {
                    selected.set(updated);
                }
                return;
            }
        }
    }

    private void showDetail(DatasetRow row) {
        if (row == null) {
            detailTitle.set("");
            goldRows.set(GridData.EMPTY);
            return;
        }
        Question q = byId.get(row.id());
        detailTitle.set(q.id() + (q.difficulty().isBlank() ? "" : " · " + q.difficulty()));
        detailText.set(q.text());
        detailMeta.set((q.database().isBlank() ? "" : "database: " + q.database() + " · ")
                + (q.tags().isEmpty() ? "no tags" : "tags: " + String.join(", ", q.tags()))
                + (q.evidence().isBlank() ? "" : " · hint: " + q.evidence())
                + (q.gold().size() > 1 ? " · " + q.gold().size() + " acceptable gold queries" : "")
                + " · gold check: " + row.checkText());
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < q.gold().size(); i++) {
            if (i > 0) {
                sql.append("\n\n-- or, equally acceptable:\n");
            }
            sql.append(highlighter.format(q.gold().get(i)));
        }
        goldSql.set(sql.toString());
        goldHighlights.set(highlighter.syntax(goldSql.get()));
        goldRows.set(new GridData(List.of(), List.of(), "Running the gold query…", false));
        String id = q.id();
        tasks.submit(() -> {
            SafeExecutor executor = databases.of(q).main().executor();
            return new ResultDiff().run(executor, limits, q.goldFor(executor.backend().dialect()).getFirst(), null).gold();
        }, side -> {
            if (selected.get() == null || !selected.get().id().equals(id)) {
                return;
            }
            if (side.error() != null) {
                goldRows.set(GridData.failed("The gold query fails: " + side.error()));
                return;
            }
            List<GridRow> out = new ArrayList<>();
            for (int i = 0; i < side.rows().size(); i++) {
                out.add(GridRow.of(i, side.rows().get(i)));
            }
            goldRows.set(new GridData(side.columns(), out, side.rows().isEmpty() ? "The gold query returns no rows."
                    : side.rows().size() + (side.rows().size() == 1 ? " row" : " rows")
                            + (side.truncated() ? " (cut at the row cap)" : ""), false));
        }, failure -> {
            if (selected.get() != null && selected.get().id().equals(id)) {
                goldRows.set(GridData.failed("The gold query could not be run: " + failure.getMessage()));
            }
        });
    }

    private static int rank(String difficulty) {
        int i = List.of("easy", "medium", "hard", "extra", "challenging").indexOf(difficulty.toLowerCase(Locale.ROOT));
        return i < 0 ? 99 : i;
    }

    // ---- properties

    /** The test-suite generator of the dataset's databases. */
    public TestSuiteViewModel testSuite() {
        return testSuite;
    }

    public String title() {
        return dataset.name();
    }

    public String description() {
        return dataset.description();
    }

    public ObservableList<DatasetRow> rows() {
        return rowsView;
    }

    public ObservableList<DatasetRow> visibleRows() {
        return visibleRows;
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public StringProperty difficultyProperty() {
        return difficulty;
    }

    public StringProperty tagProperty() {
        return tag;
    }

    /** Show only questions whose gold fails or returns nothing. */
    public BooleanProperty problemsOnlyProperty() {
        return problemsOnly;
    }

    public List<String> difficulties() {
        return difficulties;
    }

    public List<String> tags() {
        return tags;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty checkProgressProperty() {
        return checkProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty checkSummaryProperty() {
        return checkSummary.getReadOnlyProperty();
    }

    /** True when a gold query failed. */
    public ReadOnlyBooleanProperty checkFailedProperty() {
        return checkFailed.getReadOnlyProperty();
    }

    public ObjectProperty<DatasetRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailTextProperty() {
        return detailText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailMetaProperty() {
        return detailMeta.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty goldSqlProperty() {
        return goldSql.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Highlight>> goldHighlightsProperty() {
        return goldHighlights.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<GridData> goldRowsProperty() {
        return goldRows.getReadOnlyProperty();
    }
}
