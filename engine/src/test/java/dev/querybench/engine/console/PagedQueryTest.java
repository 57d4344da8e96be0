package dev.querybench.engine.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryFailure;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.SampleFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PagedQueryTest {

    /** One million generated rows; every tenth label is NULL. */
    static final String MILLION = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)"
            + " SELECT i, i * 2 AS twice, CASE WHEN i % 10 = 0 THEN NULL ELSE 'row ' || i END AS label FROM n";

    @TempDir
    Path folder;

    private WorkspaceSession session;

    @BeforeEach
    void open() {
        session = SampleFixture.session(folder);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void aMillionRowsAreCountedAndReadOnePageAtATime() {
        PagedQuery query = PagedQuery.open(session.executor(), session.queryLimits(), MILLION + ";");
        assertThat(query.rowCount()).isEqualTo(1_000_000);
        assertThat(query.columns()).containsExactly("i", "twice", "label");

        PagedQuery.Page last = query.page(999_800, 500);
        assertThat(last.rows()).hasSize(200);
        assertThat(last.rows().getLast()).containsExactly("1000000", "2000000", null);
        assertThat(last.rows().getFirst()).containsExactly("999801", "1999602", "row 999801");

        PagedQuery.Page top = query.sortedBy(0, false).page(0, 3);
        assertThat(top.rows()).extracting(r -> r.get(0)).containsExactly("1000000", "999999", "999998");
    }

    @Test
    void sortsSampleTablesAndRefusesWrites() {
        PagedQuery stores = PagedQuery.open(session.executor(), session.queryLimits(),
                "SELECT store_name, state_code FROM stores");
        assertThat(stores.rowCount()).isEqualTo(13);
        PagedQuery.Page byName = stores.sortedBy(0, true).page(0, 100);
        assertThat(byName.rows()).hasSize(13);
        assertThat(byName.rows().get(0).get(0)).isLessThanOrEqualTo(byName.rows().get(1).get(0));

        assertThatThrownBy(() -> PagedQuery.open(session.executor(), session.queryLimits(), "DELETE FROM stores"))
                .isInstanceOfSatisfying(QueryExecutionException.class,
                        e -> assertThat(e.failure()).isEqualTo(QueryFailure.REFUSED));
        assertThatThrownBy(() -> PagedQuery.open(session.executor(), session.queryLimits(), "SELECT nope FROM stores"))
                .isInstanceOf(QueryExecutionException.class);
    }

    @Test
    void aPageNobodyWaitsForIsCancelledOnTheDatabase() throws Exception {
        // Sorting a million generated rows keeps SQLite busy for about a second before the first row.
        PagedQuery sorted = PagedQuery.open(session.executor(), session.queryLimits(), MILLION).sortedBy(2, false);
        QueryCancel cancel = new QueryCancel();
        Thread canceller = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cancel.cancel();
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> sorted.page(999_000, 500, cancel))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        canceller.join();
        // Uncancelled, the same page takes the full sort; the watchdog's timeout (10 s) is far away.
        long uncancelledStart = System.nanoTime();
        assertThat(sorted.page(999_000, 500).rows()).hasSize(500);
        long uncancelledMs = (System.nanoTime() - uncancelledStart) / 1_000_000;
        assertThat(tookMs).isLessThan(Math.max(400, uncancelledMs / 2));

        QueryCancel already = new QueryCancel();
        already.cancel();
        assertThatThrownBy(() -> sorted.page(0, 10, already))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
    }
}
