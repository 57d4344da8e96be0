package dev.querybench.engine.bench;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.sqlite.SqliteBackend;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.evaluation.sql.HashedResultComparator;
import dev.querybench.engine.evaluation.sql.MatchMode;
import dev.querybench.engine.evaluation.sql.ResultComparator;
import dev.querybench.engine.evaluation.sql.ResultDigest;
import dev.querybench.engine.evaluation.sql.SqlExecutionEvaluator;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Comparing two results of N rows (default 1,000,000; three columns: integer, text, real) on
 * SQLite: by per-row hashes (what the evaluator does beyond the row cap) against holding both
 * results in memory with the in-memory comparator. For each it prints the wall time and the heap
 * the results occupy while being compared (used heap after a full GC, minus before), and the
 * bytes the comparing thread allocated, and what reading the rows alone allocates (the driver's
 * values and the runner's row arrays).
 *
 * <p>Run: {@code MAVEN_OPTS=-Xmx3g ./mvnw -q -pl engine test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.querybench.engine.bench.LargeResultBenchmark
 * -Dexec.args="1000000 10000"}
 */
public final class LargeResultBenchmark {

    private static final String GOLD = "SELECT id, name, amount FROM t";

    private LargeResultBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rowCap = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path dir = Files.createTempDirectory("querybench-large");
        Path file = dir.resolve("large.db");
        long built = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, amount REAL)");
            s.execute("INSERT INTO t WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + rows
                    + ") SELECT i, 'customer-' || (i % 5000), i * 0.01 FROM n");
        }
        System.out.printf("rows=%,d rowCap=%,d (table built in %.1f s)%n", rows, rowCap,
                (System.nanoTime() - built) / 1e9);
        QueryLimits limits = new QueryLimits(Duration.ofSeconds(600), rowCap);
        Question question = new Question("q", "q", List.of(GOLD), "", List.of(), null);
        try (SqliteBackend backend = new SqliteBackend(file, 4)) {
            SafeExecutor executor = new SafeExecutor(backend);
            String reversed = "SELECT id, name, amount FROM t ORDER BY id DESC";
            String oneValueOff = "SELECT id, name, CASE WHEN id = " + (rows * 3 / 4)
                    + " THEN -1 ELSE amount END FROM t";
            String permuted = "SELECT amount, id, name FROM t";
            for (int round = 1; round <= 2; round++) {
                System.out.println("-- round " + round);
                SqlExecutionEvaluator evaluator = new SqlExecutionEvaluator(executor, limits, new ResultComparator(),
                        MatchMode.STRICT, rows + 1L);
                measure("evaluator, same rows reversed (gold streamed too)", () -> evaluator.evaluate(question, reversed));
                measure("evaluator, same rows reversed (gold digest shared)", () -> evaluator.evaluate(question, reversed));
                measure("evaluator, one value differs (with samples)", () -> evaluator.evaluate(question, oneValueOff));
                measure("evaluator, columns permuted", () -> evaluator.evaluate(question, permuted));
                HashedResultComparator hashed = new HashedResultComparator(
                        new dev.querybench.engine.evaluation.sql.RowHasher(1e-9));
                measure("digests held: gold (row hashes) + prediction (value hashes)", () -> {
                    ResultDigest.Builder g = ResultDigest.builder(hashed.hasher(), false);
                    executor.stream(GOLD, limits, rows + 1L, g);
                    ResultDigest.Builder p = ResultDigest.builder(hashed.hasher(), true);
                    executor.stream(reversed, limits, rows + 1L, p);
                    return new Object[] {g.build(false), p.build(false)};
                });
                measure("reading alone: the prediction streamed into a sink that keeps nothing", () ->
                        executor.stream(reversed, limits, rows + 1L,
                                dev.querybench.engine.db.RowSink.eachRow(values -> true)));
                QueryLimits all = new QueryLimits(limits.timeout(), rows + 1);
                measure("in memory: both results held, ResultComparator", () -> {
                    QueryResult g = executor.execute(GOLD, all);
                    QueryResult p = executor.execute(reversed, all);
                    return new Object[] {g, p, new ResultComparator().compare(g, p, false)};
                });
            }
        }
    }

    private static void measure(String label, Supplier<Object> work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = usedAfterGc();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        Object held;
        try {
            held = work.get();
        } catch (OutOfMemoryError e) {
            System.out.printf("%-62s OutOfMemoryError with -Xmx%d MB%n", label,
                    Runtime.getRuntime().maxMemory() >> 20);
            return;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        long retained = usedAfterGc() - before;
        String verdict = held instanceof Verdict v ? v.outcome() + " (" + v.reason() + ")" : "";
        System.out.printf("%-62s %6.2f s  held %,6d MB  allocated %,7d MB  %s%n", label, seconds, retained >> 20,
                allocated >> 20, verdict);
        java.lang.ref.Reference.reachabilityFence(held);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
