package dev.querybench.engine.db;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * Rows returned by one query. Values are JDBC objects as read ({@code null} for SQL NULL).
 *
 * @param columns column labels in select-list order
 * @param rows rows, each with one value per column; unmodifiable
 * @param truncated true when the row cap cut the result
 * @param elapsed time from execution start to the last row read
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, boolean truncated, Duration elapsed) {

    public QueryResult {
        columns = List.copyOf(columns);
        rows = Collections.unmodifiableList(rows);
    }

    public int rowCount() {
        return rows.size();
    }
}
