package dev.querybench.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.sqlite.SqliteBackend;
import dev.querybench.engine.evaluation.sql.ResultComparator;
import dev.querybench.engine.evaluation.sql.SqlExecutionEvaluator;
import dev.querybench.engine.evaluation.sql.TestSuiteEvaluator;
import dev.querybench.engine.model.Usage;
import dev.querybench.engine.run.ItemKey;
import dev.querybench.engine.run.ItemResult;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cell detail's verdict line names the test-suite instance that caught a prediction. */
class TestSuiteReasonTest {

    @TempDir
    Path dir;

    private Path database(String name, String rows) throws Exception {
        Path file = dir.resolve(name);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("CREATE TABLE shipment (id INTEGER PRIMARY KEY, cost REAL NOT NULL)");
            s.execute("INSERT INTO shipment VALUES " + rows);
        }
        return file;
    }

    @Test
    void theCellDetailSaysWhichInstanceCaughtTheFailure() throws Exception {
        QueryLimits limits = new QueryLimits(Duration.ofSeconds(5), 1000);
        try (SqliteBackend main = new SqliteBackend(database("main.sqlite", "(1, 0), (2, 5)"), 1);
                SqliteBackend suite = new SqliteBackend(database("main.testsuite-01.sqlite", "(1, 0), (2, 0.5)"), 1)) {
            TestSuiteEvaluator evaluator = new TestSuiteEvaluator("strict", List.of(
                    new TestSuiteEvaluator.Instance("main", new SqlExecutionEvaluator(new SafeExecutor(main), limits,
                            new ResultComparator())),
                    new TestSuiteEvaluator.Instance("main.testsuite-01.sqlite", new SqlExecutionEvaluator(
                            new SafeExecutor(suite), limits, new ResultComparator()))));
            Question q = new Question("free", "How many shipments were free?",
                    List.of("SELECT COUNT(*) FROM shipment WHERE cost = 0"), "easy", List.of(), "");
            String predicted = "SELECT COUNT(*) FROM shipment WHERE cost < 1";
            ItemResult item = new ItemResult(new ItemKey("free", "plain", "model", 1), "", predicted, predicted,
                    evaluator.evaluate(q, predicted), 10, Usage.NONE, "model", null, Instant.now());

            assertThat(CellDetailViewModel.reasonOf(item))
                    .startsWith("Judged by strict: on instance 'main.testsuite-01.sqlite' (2 of 2):");
        }
    }
}
