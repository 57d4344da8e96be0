package dev.querybench.engine.bench;

import dev.querybench.engine.console.PagedQuery;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.SampleFixture;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the SQL console's grid waits for on a 1,000,000-row result: counting it, the first page,
 * a page in the middle and at the end (a scroll-bar jump), and the first page after sorting by a
 * column. The grid only ever holds the pages on screen, so the heap figure is what one query holds.
 *
 * <p>Run: {@code ./mvnw -q -pl engine test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.querybench.engine.bench.GridPagingBenchmark -Dexec.args="1000000 200"}
 */
public final class GridPagingBenchmark {

    private GridPagingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + rows + ")"
                + " SELECT i, i * 2 AS twice, CASE WHEN i % 10 = 0 THEN NULL ELSE 'row ' || i END AS label FROM n";
        Path folder = Files.createTempDirectory("querybench-grid-bench");
        try (WorkspaceSession session = SampleFixture.session(folder)) {
            for (int round = 1; round <= 3; round++) {
                System.gc();
                long heapBefore = usedHeap();
                long start = System.nanoTime();
                PagedQuery query = PagedQuery.open(session.executor(), session.queryLimits(), sql);
                double open = millis(start);
                start = System.nanoTime();
                PagedQuery.Page first = query.page(0, pageSize);
                double firstPage = millis(start);
                start = System.nanoTime();
                query.page(query.rowCount() / 2, pageSize);
                double middle = millis(start);
                start = System.nanoTime();
                query.page(query.rowCount() - pageSize, pageSize);
                double last = millis(start);
                start = System.nanoTime();
                PagedQuery.Page sorted = query.sortedBy(2, false).page(0, pageSize);
                double sortedFirst = millis(start);
                long held = usedHeap() - heapBefore;
                System.out.printf("round=%d rows=%d page=%d open+count=%.0fms first=%.1fms middle=%.1fms last=%.1fms"
                        + " sorted-first=%.0fms heap-delta=%.1fMB (first row %s, sorted first %s)%n", round,
                        query.rowCount(), pageSize, open, firstPage, middle, last, sortedFirst, held / 1e6,
                        first.rows().getFirst(), sorted.rows().getFirst());
            }
        }
    }

    private static double millis(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
