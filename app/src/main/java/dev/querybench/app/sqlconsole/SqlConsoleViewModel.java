package dev.querybench.app.sqlconsole;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.grid.GridData;
import dev.querybench.app.grid.GridFormat;
import dev.querybench.app.grid.GridPager;
import dev.querybench.app.grid.PagedRows;
import dev.querybench.app.text.Highlight;
import dev.querybench.app.text.SqlHighlighter;
import dev.querybench.engine.console.PagedQuery;
import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.SchemaSnapshot;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.secrets.PrivateFiles;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The SQL console: ad-hoc read-only SQL through the safe executor, shown in a grid that reads
 * its rows a page at a time, so a million-row result neither waits for nor holds every row.
 * Pages are read through a {@link GridPager} (one read in flight, the newest request wins, a
 * superseded read is cancelled on the database) into a memory-bounded cache. Sorting re-reads
 * pages in the new order; export writes every row in the background.
 */
public final class SqlConsoleViewModel {

    /** Rows read per page. */
    public static final int PAGE_SIZE = 500;

    private final SafeExecutor executor;
    private final QueryLimits limits;
    private final TaskRunner tasks;
    private final Supplier<SchemaSnapshot> schema;
    private final SqlHighlighter highlighter = new SqlHighlighter();

    private final StringProperty sql = new SimpleStringProperty(this, "sql", "");
    private final ReadOnlyObjectWrapper<List<Highlight>> highlights =
            new ReadOnlyObjectWrapper<>(this, "highlights", List.of());
    private final ReadOnlyObjectWrapper<GridData> grid = new ReadOnlyObjectWrapper<>(this, "grid",
            new GridData(List.of(), List.of(), "Write a SELECT and press Run (Ctrl+Enter). Results are read a page at a"
                    + " time, so large results stay fast.", false));
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper canRun = new ReadOnlyBooleanWrapper(this, "canRun");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyStringWrapper errorText = new ReadOnlyStringWrapper(this, "errorText", "");
    private final ReadOnlyBooleanWrapper hasResult = new ReadOnlyBooleanWrapper(this, "hasResult");
    private final ObservableList<String> tables = FXCollections.observableArrayList();
    private final ObservableList<String> tablesView = FXCollections.unmodifiableObservableList(tables);
    private PagedQuery query;
    private PagedRows rows;
    private GridPager pager;

    /**
     * @param schema reads the database's tables (runs on the task runner)
     */
    public SqlConsoleViewModel(SafeExecutor executor, QueryLimits limits, Supplier<SchemaSnapshot> schema,
            TaskRunner tasks) {
        this.executor = executor;
        this.limits = limits;
        this.schema = schema;
        this.tasks = tasks;
        sql.addListener((obs, was, is) -> highlights.set(highlighter.syntax(is)));
        canRun.bind(running.not().and(Bindings.createBooleanBinding(() -> !sql.get().isBlank(), sql)));
    }

    /** Reads the table list for the side panel and a first query to start from. */
    public void activate() {
        tasks.submit(schema::get, snapshot -> {
            tables.setAll(snapshot.tables().stream().map(SchemaSnapshot.Table::name).toList());
            if (sql.get().isBlank() && !tables.isEmpty()) {
                sql.set("SELECT *\nFROM " + tables.getFirst());
            }
        }, failure -> errorText.set("The tables could not be read: " + message(failure)));
    }

    // ---- intents

    /** Checks, counts and shows the query; its rows are read as the grid asks for them. */
    public void run() {
        if (!canRun.get()) {
            return;
        }
        String text = sql.get();
        running.set(true);
        errorText.set("");
        statusText.set("Running…");
        tasks.submit(() -> PagedQuery.open(executor, limits, text), this::show, this::failed);
    }

    /** Shows the current result ordered by {@code column} (0-based); pages are read again in that order. */
    public void sort(int column, boolean ascending) {
        if (query == null || column < 0 || column >= query.columns().size()
                || (query.sortColumn() == column && query.ascending() == ascending)) {
            return;
        }
        show(query.sortedBy(column, ascending));
    }

    /** Inserts a table name's query, as a double click on a table does. */
    public void useTable(String table) {
        sql.set("SELECT *\nFROM " + table);
    }

    /**
     * Writes every row of the current result to {@code file} in {@code format}, page by page in
     * the background.
     *
     * @param done called with the rows written, or with -1 on failure (the error text says why)
     */
    public void export(Path file, GridFormat format, java.util.function.LongConsumer done) {
        PagedQuery current = query;
        if (current == null) {
            return;
        }
        statusText.set("Exporting " + String.format(Locale.ROOT, "%,d", current.rowCount()) + " rows to "
                + file.getFileName() + "…");
        tasks.submit(() -> write(current, file, format), written -> {
            statusText.set("Exported " + String.format(Locale.ROOT, "%,d", written) + " rows to " + file);
            done.accept(written);
        }, failure -> {
            errorText.set("Export failed: " + message(failure));
            done.accept(-1);
        });
    }

    /** The current result's rows that are loaded, in {@code format}; for copying when nothing is selected. */
    public String loadedRowsAs(GridFormat format) {
        GridData data = grid.get();
        return format.write(data.columns(), data.values());
    }

    // ---- work

    private static long write(PagedQuery query, Path file, GridFormat format) throws Exception {
        long written = 0;
        PrivateFiles.file(file);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write(format.write(query.columns(), List.of()));
            for (long offset = 0; offset < query.rowCount(); offset += PagedQuery.MAX_PAGE) {
                List<List<String>> page = query.page(offset, PagedQuery.MAX_PAGE).rows();
                String block = format.write(query.columns(), page);
                // Each block repeats the header (and, for Markdown, its rule); keep only the rows.
                int skip = format == GridFormat.MARKDOWN ? 2 : 1;
                int cut = 0;
                for (int i = 0; i < skip; i++) {
                    cut = block.indexOf('\n', cut) + 1;
                }
                out.write(block, cut, block.length() - cut);
                written += page.size();
                if (page.isEmpty()) {
                    break;
                }
            }
        }
        return written;
    }

    private void show(PagedQuery result) {
        running.set(false);
        query = result;
        PagedQuery source = result;
        if (pager != null) {
            pager.close();
        }
        pager = new GridPager(tasks, (offset, size, cancel) -> source.page(offset, size, cancel).rows(), PAGE_SIZE,
                failure -> errorText.set("A page could not be read: " + message(failure)));
        rows = new PagedRows(result.rowCount(), PAGE_SIZE, PagedRows.DEFAULT_CACHE_BYTES, pager);
        hasResult.set(true);
        String count = String.format(Locale.ROOT, "%,d", result.rowCount());
        String summary = result.rowCount() == 0 ? "The query returned no rows." : "";
        grid.set(new GridData(result.columns(), rows, summary, false));
        statusText.set(count + (result.rowCount() == 1 ? " row" : " rows") + " · "
                + dev.querybench.app.text.Wording.plural(result.columns().size(), "column") + " · counted in " + millis(result.countTime())
                + (result.sortColumn() < 0 ? "" : " · sorted by " + result.columns().get(result.sortColumn())
                        + (result.ascending() ? " ascending" : " descending")));
    }

    private void failed(Throwable failure) {
        running.set(false);
        statusText.set("");
        errorText.set(message(failure));
    }

    private static String message(Throwable failure) {
        if (failure instanceof QueryExecutionException q) {
            String why = switch (q.failure()) {
                case REFUSED -> "Refused: ";
                case SYNTAX -> "Syntax error: ";
                case SCHEMA -> "Unknown table or column: ";
                case TIMEOUT -> "Timed out: ";
                case PERMISSION -> "Not allowed: ";
                case RUNTIME -> "Failed: ";
            };
            return why + Explanation.of(q).oneLine();
        }
        return Explanation.of(failure).oneLine();
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    // ---- properties

    public StringProperty sqlProperty() {
        return sql;
    }

    /** Keywords, strings, numbers and comments of the SQL text. */
    public ReadOnlyObjectProperty<List<Highlight>> highlightsProperty() {
        return highlights.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<GridData> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    /** The paged rows of the current result, or null before the first run. */
    public PagedRows rows() {
        return rows;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRunProperty() {
        return canRun.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasResultProperty() {
        return hasResult.getReadOnlyProperty();
    }

    /** "1,000,000 rows · 3 columns · counted in 412 ms". */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** Why the query did not run, in words; empty when it did. */
    public ReadOnlyStringProperty errorTextProperty() {
        return errorText.getReadOnlyProperty();
    }

    public ObservableList<String> tables() {
        return tablesView;
    }

    public List<GridFormat> formats() {
        return new ArrayList<>(List.of(GridFormat.values()));
    }
}
