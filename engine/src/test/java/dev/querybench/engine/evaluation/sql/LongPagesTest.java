package dev.querybench.engine.evaluation.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongPagesTest {

    private static LongPages of(long[] values) {
        LongPages pages = new LongPages();
        for (long v : values) {
            pages.add(v);
        }
        return pages;
    }

    @Test
    void keepsEveryEntryAcrossPageBoundaries() {
        for (int n : new int[] {0, 1, 1024, 1025, LongPages.PAGE - 1, LongPages.PAGE, LongPages.PAGE + 1,
                3 * LongPages.PAGE + 17}) {
            long[] values = new SplittableRandom(n).longs(n).toArray();
            LongPages pages = of(values);
            assertThat(pages.size()).isEqualTo(n);
            assertThat(pages.toArray()).as("n=%d", n).isEqualTo(values);
            for (int i = 0; i < n; i += 997) {
                assertThat(pages.get(i)).isEqualTo(values[i]);
            }
            assertThat(pages.startsWith(values, n)).isTrue();
            assertThat(pages.contentEquals(of(values))).isTrue();
        }
    }

    @Test
    void seesOneDifferentEntryInAnyPage() {
        long[] values = new SplittableRandom(7).longs(2 * LongPages.PAGE + 5).toArray();
        LongPages pages = of(values);
        for (int at : new int[] {0, LongPages.PAGE - 1, LongPages.PAGE, 2 * LongPages.PAGE + 4}) {
            long[] changed = values.clone();
            changed[at]++;
            assertThat(pages.startsWith(changed, changed.length)).as("at %d", at).isFalse();
            assertThat(pages.contentEquals(of(changed))).as("at %d", at).isFalse();
        }
        assertThat(pages.startsWith(Arrays.copyOf(values, values.length - 1), values.length)).isFalse();
        assertThat(pages.contentEquals(of(Arrays.copyOf(values, values.length - 1)))).isFalse();
    }
}
