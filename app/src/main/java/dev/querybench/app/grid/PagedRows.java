package dev.querybench.app.grid;

import java.util.AbstractList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.collections.ObservableListBase;

/**
 * A list of a known number of rows whose pages are read only when a row of them is asked for,
 * as a virtualised table asks for the rows it shows. Until its page arrives a row is a
 * placeholder ({@link GridRow#loaded()} false); when it arrives the placeholders are replaced,
 * which the table sees as a list change. At most {@code cachedPages} pages stay in memory.
 *
 * <p>Call from the UI thread only; the page loader is asynchronous and hands pages back on it.
 */
public final class PagedRows extends ObservableListBase<GridRow> {

    /** Reads one page: {@code (pageIndex, deliver)}; deliver with the rows, or with null on failure. */
    public interface PageLoader extends BiConsumer<Long, Consumer<List<List<String>>>> {}

    private final long size;
    private final int pageSize;
    private final int cachedPages;
    private final PageLoader loader;
    private final Map<Long, List<List<String>>> pages;
    private final Set<Long> requested = new HashSet<>();
    private long pagesRead;
    private boolean inGet;

    public PagedRows(long size, int pageSize, int cachedPages, PageLoader loader) {
        this.size = size;
        this.pageSize = pageSize;
        this.cachedPages = cachedPages;
        this.loader = loader;
        this.pages = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, List<List<String>>> eldest) {
                return size() > PagedRows.this.cachedPages;
            }
        };
    }

    @Override
    public GridRow get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        long page = index / pageSize;
        List<List<String>> rows = pages.get(page);
        if (rows == null) {
            request(page);
            rows = pages.get(page);
        }
        if (rows == null) {
            return GridRow.pending(index);
        }
        int offset = (int) (index - page * pageSize);
        return offset < rows.size() ? GridRow.of(index, rows.get(offset)) : GridRow.pending(index);
    }

    @Override
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    /** Pages read so far, counting re-reads of evicted pages. */
    public long pagesRead() {
        return pagesRead;
    }

    /** Pages held in memory now. */
    public int pagesCached() {
        return pages.size();
    }

    private void request(long page) {
        if (!requested.add(page)) {
            return;
        }
        boolean wasInGet = inGet;
        inGet = true;
        try {
            loader.accept(page, rows -> arrived(page, rows));
        } finally {
            inGet = wasInGet;
        }
    }

    private void arrived(long page, List<List<String>> rows) {
        requested.remove(page);
        if (rows == null) {
            return;
        }
        pagesRead++;
        pages.put(page, rows);
        if (inGet) {
            // Delivered while the row was being asked for (a synchronous loader): nothing showed a placeholder.
            return;
        }
        int from = (int) Math.min(size(), page * pageSize);
        int to = (int) Math.min(size(), from + (long) pageSize);
        if (from >= to) {
            return;
        }
        beginChange();
        nextReplace(from, to, new Placeholders(from, to - from));
        endChange();
    }

    /** The rows a replaced range held before its page arrived. */
    private static final class Placeholders extends AbstractList<GridRow> {
        private final int from;
        private final int count;

        Placeholders(int from, int count) {
            this.from = from;
            this.count = count;
        }

        @Override
        public GridRow get(int i) {
            return GridRow.pending(from + i);
        }

        @Override
        public int size() {
            return count;
        }
    }
}
