package dev.querybench.app.compare;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.grid.GridData;
import dev.querybench.app.grid.GridPager;
import dev.querybench.app.grid.PageReader;
import dev.querybench.app.grid.PagedRows;
import dev.querybench.app.grid.RowMark;
import dev.querybench.engine.compare.CellResults;
import dev.querybench.engine.compare.ResultDiff;
import dev.querybench.engine.console.PagedQuery;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.errors.Explanation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The two result grids of one comparison cell. Both queries run once through {@link CellResults}
 * (rows up to the row cap, missing and extra rows marked); a side the row cap cut is then shown
 * whole, as the SQL console shows a result: counted, and read from the database a page at a time
 * through a {@link GridPager} (one read in flight, the newest wins, a bounded page cache), its
 * first rows from memory. Rows are marked missing or extra only when neither result was cut: marks
 * over the first rows of two cut results would contradict a verdict that compared every row.
 * Call from the UI thread only.
 */
final class CellGrids {

    /** Rows per page read for a grid. */
    static final int PAGE_SIZE = 500;

    private final CellResults results;
    private final TaskRunner tasks;
    final ReadOnlyObjectWrapper<GridData> gold = new ReadOnlyObjectWrapper<>(this, "goldGrid", GridData.EMPTY);
    final ReadOnlyObjectWrapper<GridData> predicted = new ReadOnlyObjectWrapper<>(this, "predictedGrid", GridData.EMPTY);
    final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "gridsLoading");
    private final List<GridPager> pagers = new ArrayList<>();
    private TaskRunner.Job job;
    private long generation;

    /** What one load found: both sides up to the row cap, and each cut side's whole result (or null). */
    private record Found(CellResults.Loaded loaded, PagedQuery goldWhole, PagedQuery predictedWhole) {}

    CellGrids(CellResults results, TaskRunner tasks) {
        this.results = results;
        this.tasks = tasks;
    }

    /** Stops any load and page reads of the grids shown so far; the grids keep what they show. */
    void cancel() {
        generation++;
        if (job != null) {
            job.cancel();
        }
        pagers.forEach(GridPager::close);
        pagers.clear();
        loading.set(false);
    }

    /** Empties both grids. */
    void clear() {
        cancel();
        gold.set(GridData.EMPTY);
        predicted.set(GridData.EMPTY);
    }

    /**
     * Runs both queries and shows them.
     *
     * @param goldRun told the gold query as run when it is not the question's primary gold (its dialect's)
     */
    void load(Question question, String predictedSql, Consumer<String> goldRun) {
        cancel();
        long mine = generation;
        loading.set(true);
        gold.set(new GridData(List.of(), List.of(), "Running the gold query…", false));
        predicted.set(new GridData(List.of(), List.of(), predictedSql == null ? "" : "Running the predicted query…",
                false));
        job = tasks.submit(() -> find(question, predictedSql), found -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            CellResults.Loaded loaded = found.loaded();
            if (!loaded.gold().equals(question.primaryGold())) {
                goldRun.accept(loaded.gold());
            }
            // Marks over the first rows of a cut result prove nothing (the verdict compared every row).
            boolean cut = loaded.diff().gold().truncated() || loaded.diff().predicted().truncated();
            gold.set(grid(loaded.diff().gold(), found.goldWhole(), cut ? null : RowMark.MISSING,
                    "missing from the prediction", gold));
            predicted.set(grid(loaded.diff().predicted(), found.predictedWhole(), cut ? null : RowMark.EXTRA,
                    "not in gold", predicted));
        }, failure -> {
            if (mine != generation) {
                return;
            }
            loading.set(false);
            String why = Explanation.of(failure).oneLine();
            gold.set(GridData.failed("The queries could not be run: " + why));
            predicted.set(GridData.failed("The queries could not be run: " + why));
        });
    }

    /** Runs off the UI thread: both queries, then a count of each side the row cap cut. */
    private Found find(Question question, String predictedSql) {
        CellResults.Loaded loaded = results.loadForGrids(question, predictedSql);
        return new Found(loaded, whole(question, loaded.gold(), loaded.diff().gold()),
                whole(question, predictedSql, loaded.diff().predicted()));
    }

    private PagedQuery whole(Question question, String sql, ResultDiff.Side side) {
        if (!side.truncated() || side.error() != null) {
            return null;
        }
        try {
            return results.pages(question, sql);
        } catch (RuntimeException e) {
            return null; // the rows up to the row cap are still shown, marked as cut
        }
    }

    /**
     * @param mark how a marked row shows, or null when a result is over the row cap and no row is marked
     */
    private GridData grid(ResultDiff.Side side, PagedQuery whole, RowMark mark, String meaning,
            ReadOnlyObjectWrapper<GridData> target) {
        if (side.error() != null) {
            return GridData.failed("Did not run: " + side.error());
        }
        List<Boolean> marked = side.marked();
        LongFunction<RowMark> marks = index -> mark != null && index < marked.size() && marked.get((int) index) ? mark
                : RowMark.NONE;
        int count = mark == null ? 0 : side.markedCount();
        String notMarked = mark == null ? " · not marked (over the row cap)" : "";
        if (whole == null || whole.rowCount() <= side.rows().size()) {
            String summary = plural(side.rows().size())
                    + (side.truncated() ? " (cut at the row cap)" + (mark == null ? " · not marked" : "") : notMarked)
                    + (count == 0 ? "" : String.format(Locale.ROOT, " · %,d %s", count, meaning));
            return new GridData(side.columns(), PagedRows.inMemory(side.rows(), marks), summary, false);
        }
        long mine = generation;
        GridPager pager = new GridPager(tasks, headThenPages(side.rows(), whole), PAGE_SIZE, failure -> {
            if (mine == generation) {
                target.set(GridData.failed("A page could not be read: " + Explanation.of(failure).oneLine()));
            }
        });
        pagers.add(pager);
        PagedRows rows = new PagedRows(whole.rowCount(), PAGE_SIZE, PagedRows.DEFAULT_CACHE_BYTES, pager, marks);
        return new GridData(side.columns(), rows, plural(whole.rowCount()) + notMarked, false);
    }

    /** The rows held in memory first, then the rest read from the database. */
    static PageReader headThenPages(List<List<String>> head, PagedQuery whole) {
        return (offset, size, cancel) -> {
            List<List<String>> rows = new ArrayList<>(size);
            if (offset < head.size()) {
                rows.addAll(head.subList((int) offset, (int) Math.min(head.size(), offset + size)));
            }
            long from = Math.max(offset, head.size());
            int left = (int) (offset + size - from);
            if (left > 0 && from < whole.rowCount()) {
                rows.addAll(whole.page(from, left, cancel).rows());
            }
            return rows;
        };
    }

    private static String plural(long rows) {
        return String.format(Locale.ROOT, "%,d", rows) + (rows == 1 ? " row" : " rows");
    }
}
