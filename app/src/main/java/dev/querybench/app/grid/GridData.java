package dev.querybench.app.grid;

import java.util.List;

/**
 * What a result grid shows.
 *
 * @param columns column labels
 * @param rows the rows; an observable list updates the grid as pages arrive
 * @param summary one line about it ("12 rows · 2 missing"), or the error
 * @param error true when {@code summary} says why there are no rows
 */
public record GridData(List<String> columns, List<GridRow> rows, String summary, boolean error) {

    public static final GridData EMPTY = new GridData(List.of(), List.of(), "", false);

    public GridData {
        columns = List.copyOf(columns);
    }

    public static GridData failed(String why) {
        return new GridData(List.of(), List.of(), why, true);
    }

    /** The loaded rows' values, for copying. */
    public List<List<String>> values() {
        return rows.stream().filter(GridRow::loaded).map(GridRow::values).toList();
    }
}
