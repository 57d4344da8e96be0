package dev.querybench.engine.evaluation.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A growing list of {@code long}s stored in pages of {@value #PAGE} entries (512 KB, well below
 * half of the smallest G1 region a large heap gets), for the digests of results of a million rows
 * and more: growing adds a page instead of copying one array twice the size, and no page is a
 * humongous object. Appended to by one thread; read only after it is done.
 */
final class LongPages {

    static final int PAGE = 1 << 16;
    private static final int SHIFT = 16;
    private static final int MASK = PAGE - 1;

    private final List<long[]> pages = new ArrayList<>();
    private long[] last;
    private int size;

    void add(long value) {
        int at = size & MASK;
        if (at == 0) {
            // the first page starts small so that the many small results stay small
            last = new long[size == 0 ? 1024 : PAGE];
            pages.add(last);
        } else if (at == last.length) {
            last = Arrays.copyOf(last, Math.min(PAGE, 2 * last.length));
            pages.set(pages.size() - 1, last);
        }
        last[at] = value;
        size++;
    }

    int size() {
        return size;
    }

    long get(int index) {
        return pages.get(index >>> SHIFT)[index & MASK];
    }

    /** The entries in one exact-sized array (a fresh copy). */
    long[] toArray() {
        long[] out = new long[size];
        for (int p = 0, from = 0; from < size; p++, from += PAGE) {
            System.arraycopy(pages.get(p), 0, out, from, Math.min(PAGE, size - from));
        }
        return out;
    }

    /** Whether the first {@code count} entries equal {@code other[0..count)}. */
    boolean startsWith(long[] other, int count) {
        if (count > size || count > other.length) {
            return false;
        }
        for (int p = 0, from = 0; from < count; p++, from += PAGE) {
            int n = Math.min(PAGE, count - from);
            if (!Arrays.equals(pages.get(p), 0, n, other, from, from + n)) {
                return false;
            }
        }
        return true;
    }

    /** Whether both hold the same entries in the same order. */
    boolean contentEquals(LongPages other) {
        if (size != other.size) {
            return false;
        }
        for (int p = 0, from = 0; from < size; p++, from += PAGE) {
            int n = Math.min(PAGE, size - from);
            if (!Arrays.equals(pages.get(p), 0, n, other.pages.get(p), 0, n)) {
                return false;
            }
        }
        return true;
    }
}
