package dev.querybench.app.grid;

import dev.querybench.engine.console.QueryCancel;
import java.util.List;

/**
 * Reads rows of one result a page at a time, on a background thread: from the database
 * ({@code PagedQuery}) or from rows already in memory. A read whose {@link QueryCancel} is
 * cancelled stops as soon as it can (on the database for a query) and throws.
 */
@FunctionalInterface
public interface PageReader {

    /** Up to {@code size} rows from {@code offset}; values as display text, {@code null} for SQL NULL. */
    List<List<String>> read(long offset, int size, QueryCancel cancel) throws Exception;

    /** Pages of rows held in memory (a comparison's result). */
    static PageReader of(List<List<String>> rows) {
        List<List<String>> all = List.copyOf(rows);
        return (offset, size, cancel) -> all.subList((int) Math.min(all.size(), offset),
                (int) Math.min(all.size(), offset + size));
    }
}
