package dev.querybench.app.grid;

import java.util.Collections;
import java.util.List;

/**
 * One row of a result grid.
 *
 * @param index the row's position in the whole result (0-based)
 * @param values display text per column; {@code null} is SQL NULL
 * @param mark how it compares with another result
 * @param loaded false for a row whose page is still being read
 */
public record GridRow(long index, List<String> values, RowMark mark, boolean loaded) {

    public GridRow {
        values = values == null ? List.of() : Collections.unmodifiableList(values);
    }

    public static GridRow of(long index, List<String> values) {
        return new GridRow(index, values, RowMark.NONE, true);
    }

    /** A row that is still being read. */
    public static GridRow pending(long index) {
        return new GridRow(index, List.of(), RowMark.NONE, false);
    }

    /** The value of a column, null for SQL NULL or a column the row does not have. */
    public String value(int column) {
        return column < values.size() ? values.get(column) : null;
    }
}
