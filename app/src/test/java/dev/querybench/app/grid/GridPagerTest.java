package dev.querybench.app.grid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.engine.console.QueryCancel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class GridPagerTest {

    /** Holds submitted work until the test lets it run, as a slow database would. */
    private static final class HeldTasks implements TaskRunner {
        private final List<Runnable> held = new ArrayList<>();

        @Override
        public <T, P> Job submit(BackgroundWork<T, P> work, Consumer<List<P>> onProgress, Consumer<? super T> onSuccess,
                Consumer<Throwable> onFailure) {
            held.add(() -> {
                T value;
                try {
                    value = work.run(null);
                } catch (Exception e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(value);
            });
            return null;
        }

        int waiting() {
            return held.size();
        }

        void runNext() {
            held.removeFirst().run();
        }
    }

    /** Rows "r<offset>" that fail with CancellationException once their token is cancelled, as PagedQuery does. */
    private final List<Long> reads = new ArrayList<>();
    private final Map<Long, QueryCancel> tokens = new HashMap<>();
    private final PageReader reader = (offset, size, cancel) -> {
        reads.add(offset);
        tokens.put(offset, cancel);
        if (cancel.isCancelled()) {
            throw new CancellationException("cancelled");
        }
        return List.of(List.of("r" + offset));
    };

    @Test
    void oneReadInFlightTheNewestRequestWinsAndAFarAwayReadIsCancelled() {
        HeldTasks tasks = new HeldTasks();
        List<Throwable> failures = new ArrayList<>();
        GridPager pager = new GridPager(tasks, reader, 100, failures::add);
        Map<Long, List<List<String>>> delivered = new HashMap<>();
        List<Long> dropped = new ArrayList<>();
        Consumer<Long> ask = page -> pager.accept(page, rows -> {
            if (rows == null) {
                dropped.add(page);
            } else {
                delivered.put(page, rows);
            }
        });

        ask.accept(0L);
        assertThat(tasks.waiting()).isEqualTo(1);
        ask.accept(1L);
        assertThat(tasks.waiting()).as("only one read in flight").isEqualTo(1);
        ask.accept(7L);
        assertThat(dropped).as("the request that waited is replaced by the newer one").containsExactly(1L);
        ask.accept(9L);
        assertThat(dropped).containsExactly(1L, 7L);
        assertThat(pager.cancelledReads()).isEqualTo(1);

        tasks.runNext();
        assertThat(tokens.get(0L).isCancelled()).as("page 0 was superseded by a page far away").isTrue();
        assertThat(dropped).containsExactly(1L, 7L, 0L);
        assertThat(tasks.waiting()).as("the newest request starts when the old read ends").isEqualTo(1);
        tasks.runNext();
        assertThat(delivered).containsOnlyKeys(9L);
        assertThat(delivered.get(9L)).containsExactly(List.of("r900"));
        assertThat(reads).containsExactly(0L, 900L);
        assertThat(failures).isEmpty();
    }

    @Test
    void aNeighbouringPageWaitsWithoutCancellingTheOneOnScreen() {
        HeldTasks tasks = new HeldTasks();
        GridPager pager = new GridPager(tasks, reader, 100, failure -> { });
        List<Long> arrived = new ArrayList<>();
        pager.accept(4L, rows -> arrived.add(rows == null ? -4L : 4L));
        pager.accept(5L, rows -> arrived.add(rows == null ? -5L : 5L));
        tasks.runNext();
        tasks.runNext();
        assertThat(arrived).containsExactly(4L, 5L);
        assertThat(pager.cancelledReads()).isZero();
    }

    @Test
    void aFailedReadIsReportedAndAClosedPagerReadsNothing() {
        HeldTasks tasks = new HeldTasks();
        List<Throwable> failures = new ArrayList<>();
        GridPager pager = new GridPager(tasks, (offset, size, cancel) -> {
            throw new IllegalStateException("database gone");
        }, 100, failures::add);
        List<Object> arrived = new ArrayList<>();
        pager.accept(0L, arrived::add);
        tasks.runNext();
        assertThat(failures).extracting(Throwable::getMessage).containsExactly("database gone");
        assertThat(arrived).containsExactly((Object) null);

        pager.close();
        pager.accept(3L, arrived::add);
        assertThat(tasks.waiting()).isZero();
        assertThat(arrived).hasSize(2);
    }

    @Test
    void theCacheStaysUnderItsBoundInBytes() {
        List<List<String>> all = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            all.add(List.of(Integer.toString(i), "a value of some length " + i));
        }
        PageReader memory = PageReader.of(all);
        long onePage = PagedRows.estimate(all.subList(0, 500));
        PagedRows rows = new PagedRows(all.size(), 500, onePage * 5, (page, deliver) -> {
            try {
                deliver.accept(memory.read(page * 500, 500, QueryCancel.none()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < all.size(); i += 500) {
            assertThat(rows.get(i).values()).containsExactly(Integer.toString(i), "a value of some length " + i);
        }
        assertThat(rows.pagesRead()).isEqualTo(200);
        assertThat(rows.pagesCached()).isLessThanOrEqualTo(5);
        assertThat(rows.cachedBytes()).isLessThanOrEqualTo(onePage * 5 + onePage / 10);
        assertThat(rows.isLoaded(99_999)).isTrue();
        assertThat(rows.isLoaded(0)).as("the oldest page was evicted").isFalse();
    }
}
