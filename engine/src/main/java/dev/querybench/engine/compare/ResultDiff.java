package dev.querybench.engine.compare;

import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.evaluation.sql.ValueNormalizer;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * Gold and predicted SQL run side by side, with each row marked: a gold row the prediction
 * lacks is <em>missing</em>, a predicted row gold lacks is <em>extra</em>. Rows are compared by
 * their values in column order after {@link ValueNormalizer} (so 1 = 1.0), as a multiset.
 * Thread-safe; {@link #run} executes SQL and belongs off the UI thread.
 */
public final class ResultDiff {

    /**
     * One side's rows as text.
     *
     * @param columns column labels
     * @param rows values as display text; {@code null} stands for SQL NULL
     * @param marked per row: true when the row is missing (gold side) or extra (predicted side)
     * @param truncated true when the row cap cut the result
     * @param error why the query did not run, or null
     */
    public record Side(List<String> columns, List<List<String>> rows, List<Boolean> marked, boolean truncated,
            String error) {

        public Side {
            columns = List.copyOf(columns);
            rows = rows instanceof TextRows ? rows : List.copyOf(rows);
            marked = List.copyOf(marked);
        }

        static Side failed(String error) {
            return new Side(List.of(), List.of(), List.of(), false, error);
        }

        public int markedCount() {
            return (int) marked.stream().filter(Boolean::booleanValue).count();
        }
    }

    /**
     * Both sides.
     *
     * @param gold the gold query's rows, missing ones marked
     * @param predicted the predicted query's rows, extra ones marked
     */
    public record Comparison(Side gold, Side predicted) {}

    private final ValueNormalizer normalizer = new ValueNormalizer();

    /** Runs both queries through the safe executor and marks their rows; a failing side carries its error. */
    public Comparison run(SafeExecutor executor, QueryLimits limits, String goldSql, String predictedSql) {
        return run(executor, limits, goldSql, predictedSql, true);
    }

    /**
     * Runs both queries like {@link #run(SafeExecutor, QueryLimits, String, String)}.
     *
     * @param markCut whether rows are marked when the row cap cut either result ({@link #compare(QueryResult,
     *     String, QueryResult, String, boolean)})
     */
    public Comparison run(SafeExecutor executor, QueryLimits limits, String goldSql, String predictedSql,
            boolean markCut) {
        QueryResult gold = null;
        QueryResult predicted = null;
        String goldError = null;
        String predictedError = null;
        try {
            gold = executor.execute(goldSql, limits);
        } catch (QueryExecutionException e) {
            goldError = e.getMessage();
        }
        if (predictedSql == null || predictedSql.isBlank()) {
            predictedError = "the model gave no SQL";
        } else {
            try {
                predicted = executor.execute(predictedSql, limits);
            } catch (QueryExecutionException e) {
                predictedError = e.getMessage();
            }
        }
        return compare(gold, goldError, predicted, predictedError, markCut);
    }

    /** Marks the rows of two results, cut at the row cap or not; a null result is shown as its error. */
    public Comparison compare(QueryResult gold, String goldError, QueryResult predicted, String predictedError) {
        return compare(gold, goldError, predicted, predictedError, true);
    }

    /**
     * Marks the rows of two results; a null result is shown as its error.
     *
     * @param markCut false: when the row cap cut either result no row is marked (the first rows of
     *     two cut results say nothing of the rest, the workbench's grids), and each side's text is
     *     made row by row as it is read instead of copied whole up front (a grid reads such a side a
     *     page at a time); true: marked all the same (a report's few sample rows)
     */
    public Comparison compare(QueryResult gold, String goldError, QueryResult predicted, String predictedError,
            boolean markCut) {
        if (!markCut && (gold != null && gold.truncated() || predicted != null && predicted.truncated())) {
            return new Comparison(unmarked(gold, goldError), unmarked(predicted, predictedError));
        }
        List<List<String>> goldRows = gold == null ? List.of() : text(gold);
        List<List<String>> predictedRows = predicted == null ? List.of() : text(predicted);
        Map<List<String>, Integer> predictedCounts = counts(predictedRows);
        Map<List<String>, Integer> goldCounts = counts(goldRows);
        List<Boolean> missing = new ArrayList<>();
        for (List<String> row : goldRows) {
            missing.add(!take(predictedCounts, row));
        }
        List<Boolean> extra = new ArrayList<>();
        for (List<String> row : predictedRows) {
            extra.add(!take(goldCounts, row));
        }
        Side goldSide = gold == null ? Side.failed(goldError)
                : new Side(gold.columns(), goldRows, predicted == null ? none(goldRows) : missing, gold.truncated(), null);
        Side predictedSide = predicted == null ? Side.failed(predictedError)
                : new Side(predicted.columns(), predictedRows, gold == null ? none(predictedRows) : extra,
                        predicted.truncated(), null);
        return new Comparison(goldSide, predictedSide);
    }

    private Side unmarked(QueryResult result, String error) {
        if (result == null) {
            return Side.failed(error);
        }
        TextRows rows = new TextRows(result.rows(), normalizer);
        return new Side(result.columns(), rows, none(rows), result.truncated(), null);
    }

    /**
     * A result's rows as display text, each row made when it is read: for a side no mark is
     * computed for. Unmodifiable; as thread-safe as the result it reads.
     */
    private static final class TextRows extends AbstractList<List<String>> implements RandomAccess {
        private final List<List<Object>> rows;
        private final ValueNormalizer normalizer;

        TextRows(List<List<Object>> rows, ValueNormalizer normalizer) {
            this.rows = rows;
            this.normalizer = normalizer;
        }

        @Override
        public List<String> get(int index) {
            List<Object> row = rows.get(index);
            List<String> values = new ArrayList<>(row.size());
            for (Object value : row) {
                values.add(value == null ? null : normalizer.display(value));
            }
            return Collections.unmodifiableList(values);
        }

        @Override
        public int size() {
            return rows.size();
        }
    }

    private List<List<String>> text(QueryResult result) {
        List<List<String>> rows = new ArrayList<>(result.rowCount());
        for (List<Object> row : result.rows()) {
            List<String> values = new ArrayList<>(row.size());
            for (Object value : row) {
                values.add(value == null ? null : normalizer.display(value));
            }
            rows.add(Collections.unmodifiableList(values));
        }
        return rows;
    }

    private static Map<List<String>, Integer> counts(List<List<String>> rows) {
        Map<List<String>, Integer> counts = new HashMap<>();
        rows.forEach(r -> counts.merge(r, 1, Integer::sum));
        return counts;
    }

    private static boolean take(Map<List<String>, Integer> counts, List<String> row) {
        Integer left = counts.get(row);
        if (left == null || left == 0) {
            return false;
        }
        counts.put(row, left - 1);
        return true;
    }

    private static List<Boolean> none(List<List<String>> rows) {
        return Collections.nCopies(rows.size(), false);
    }
}
