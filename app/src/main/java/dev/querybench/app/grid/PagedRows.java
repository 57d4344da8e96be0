package dev.querybench.app.grid;

import java.util.AbstractList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import javafx.collections.ObservableListBase;

/**
 * A list of a known number of rows whose pages are read only when a row of them is asked for,
 * as a virtualised table asks for the rows it shows. Until its page arrives a row is a
 * placeholder ({@link GridRow#loaded()} false); when it arrives the placeholders are replaced,
 * which the table sees as a list change. Pages stay in memory, least recently used first out,
 * while their estimated size stays under a bound in bytes (and the page just read always stays).
 *
 * <p>Call from the UI thread only; the page loader (usually a {@link GridPager}) is asynchronous
 * and hands pages back on it.
 */
public final class PagedRows extends ObservableListBase<GridRow> {

    /** Reads one page: {@code (pageIndex, deliver)}; deliver with the rows, or with null when it was not read. */
    public interface PageLoader extends BiConsumer<Long, Consumer<List<List<String>>>> {}

    /** Bytes of page text kept by default: enough for many screens of rows, little beside a 600 MB process. */
    public static final long DEFAULT_CACHE_BYTES = 24L * 1024 * 1024;

    private final long size;
    private final int pageSize;
    private final long maxCachedBytes;
    private final PageLoader loader;
    private final LongFunction<RowMark> marks;
    private final Map<Long, CachedPage> pages = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<Long> requested = new HashSet<>();
    private long cachedBytes;
    private long pagesRead;
    private boolean inGet;
    private Consumer<Runnable> arrivalScope = Runnable::run;

    private record CachedPage(List<List<String>> rows, long bytes) {}

    /**
     * @param maxCachedBytes the estimated size of page text kept in memory at most
     */
    public PagedRows(long size, int pageSize, long maxCachedBytes, PageLoader loader) {
        this(size, pageSize, maxCachedBytes, loader, index -> RowMark.NONE);
    }

    /**
     * @param marks how the row at an index compares with the other side of a comparison
     */
    public PagedRows(long size, int pageSize, long maxCachedBytes, PageLoader loader, LongFunction<RowMark> marks) {
        this.size = size;
        this.pageSize = pageSize;
        this.maxCachedBytes = maxCachedBytes;
        this.loader = loader;
        this.marks = marks;
    }

    /**
     * Rows already in memory (a comparison's results, cut at the row cap), served through the
     * same paging as a query's: pages arrive at once, so nothing shows a placeholder.
     */
    public static PagedRows inMemory(List<List<String>> rows, LongFunction<RowMark> marks) {
        PageReader reader = PageReader.of(rows);
        int pageSize = 500;
        return new PagedRows(rows.size(), pageSize, DEFAULT_CACHE_BYTES, (page, deliver) -> {
            try {
                deliver.accept(reader.read(page * pageSize, pageSize, dev.querybench.engine.console.QueryCancel.none()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, marks);
    }

    @Override
    public GridRow get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        long page = index / pageSize;
        CachedPage cached = pages.get(page);
        if (cached == null) {
            request(page);
            cached = pages.get(page);
        }
        if (cached == null) {
            return GridRow.pending(index);
        }
        int offset = (int) (index - page * pageSize);
        return offset < cached.rows().size() ? new GridRow(index, cached.rows().get(offset), marks.apply(index), true)
                : GridRow.pending(index);
    }

    /**
     * A row is known by its position, loaded or not: the position of {@code o}'s row, found
     * without reading a page. A table's selection asks this whenever a page arrives (a replace
     * change); the list's own search would build and compare every row up to the selected one, and
     * read their pages (a million rows, hundreds of milliseconds on the UI thread, the first time a
     * selected placeholder row was loaded).
     */
    @Override
    public int indexOf(Object o) {
        return o instanceof GridRow row && row.index() >= 0 && row.index() < size() ? (int) row.index() : -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        return indexOf(o);
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    @Override
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    /**
     * Runs each change that tells of an arrived page inside {@code scope} (which must run it once,
     * at once): so the table showing the rows can tell its own listeners' reactions to arrived
     * rows, which never change its size, from any other.
     */
    public void setArrivalScope(Consumer<Runnable> scope) {
        arrivalScope = scope == null ? Runnable::run : scope;
    }

    /** Pages read so far, counting re-reads of evicted pages. */
    public long pagesRead() {
        return pagesRead;
    }

    /** Pages held in memory now. */
    public int pagesCached() {
        return pages.size();
    }

    /** The estimated bytes of the pages held in memory now. */
    public long cachedBytes() {
        return cachedBytes;
    }

    /** True when the row at {@code index} has been read and is held. */
    public boolean isLoaded(int index) {
        return index >= 0 && index < size() && pages.containsKey((long) index / pageSize);
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
        CachedPage cached = new CachedPage(rows, estimate(rows));
        CachedPage replaced = pages.put(page, cached);
        cachedBytes += cached.bytes() - (replaced == null ? 0 : replaced.bytes());
        evict(page);
        if (inGet) {
            // Delivered while the row was being asked for (a synchronous loader): nothing showed a placeholder.
            return;
        }
        int from = (int) Math.min(size(), page * pageSize);
        int to = (int) Math.min(size(), from + (long) pageSize);
        if (from >= to) {
            return;
        }
        arrivalScope.accept(() -> {
            beginChange();
            nextReplace(from, to, new Placeholders(from, to - from));
            endChange();
        });
    }

    /** Drops least recently used pages until the cache fits its bound; {@code keep} stays. */
    private void evict(long keep) {
        Iterator<Map.Entry<Long, CachedPage>> oldest = pages.entrySet().iterator();
        while (cachedBytes > maxCachedBytes && oldest.hasNext()) {
            Map.Entry<Long, CachedPage> entry = oldest.next();
            if (entry.getKey() != keep) {
                cachedBytes -= entry.getValue().bytes();
                oldest.remove();
            }
        }
    }

    /** Roughly what the rows take on the heap: strings (header and UTF-16 text), lists and references. */
    static long estimate(List<List<String>> rows) {
        long bytes = 16;
        for (List<String> row : rows) {
            bytes += 56 + 8L * row.size();
            for (String value : row) {
                bytes += value == null ? 0 : 40 + 2L * value.length();
            }
        }
        return bytes;
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
