package dev.querybench.engine.validation;

import dev.querybench.engine.db.sqlite.SqliteEngine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.sqlite.SqliteBackend;
import dev.querybench.engine.db.sqlite.SqliteDatabaseBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldCheckTest {

    @TempDir
    Path dir;

    @Test
    void listsGoldThatFailsTimesOutOrReturnsNothingAndUsesTheEnginesOwnGold() throws Exception {
        Path script = Files.writeString(dir.resolve("s.sql"), "CREATE TABLE t (id INTEGER); INSERT INTO t VALUES (1);");
        Path file = dir.resolve("d.db");
        new SqliteDatabaseBuilder().buildIfMissing(file, List.of(script));
        Dataset dataset = new Dataset("d", null, List.of(
                new Question("ok", "q", List.of("SELECT id FROM t"), null, null, null),
                new Question("broken", "q", List.of("SELECT nope FROM t"), null, null, null),
                new Question("empty", "q", List.of("SELECT id FROM t WHERE id > 5"), null, null, null),
                new Question("slow", "q", List.of("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
                        + " SELECT count(*) FROM c"), null, null, null),
                new Question("own", "q", List.of("SELECT julianday_is_not_here()"), null, null, null,
                        Map.of(SqliteEngine.DIALECT, List.of("SELECT 1", "SELECT 2")))));
        try (SqliteBackend backend = new SqliteBackend(file, 2)) {
            List<String> seen = new ArrayList<>();
            GoldCheck.Report report = new GoldCheck(new SafeExecutor(backend), new QueryLimits(Duration.ofSeconds(1), 10))
                    .run(dataset, (q, sql, result) -> seen.add(q.id()));
            assertThat(report.ok()).isFalse();
            assertThat(report.questions()).isEqualTo(5);
            assertThat(report.queries()).isEqualTo(6);
            assertThat(report.dialect()).isEqualTo(SqliteEngine.DIALECT);
            assertThat(report.issues(GoldCheck.Problem.FAILED)).singleElement()
                    .satisfies(i -> assertThat(i.questionId()).isEqualTo("broken"));
            assertThat(report.issues(GoldCheck.Problem.EMPTY)).singleElement()
                    .satisfies(i -> assertThat(i.questionId()).isEqualTo("empty"));
            assertThat(report.issues(GoldCheck.Problem.TIMED_OUT)).singleElement()
                    .satisfies(i -> assertThat(i.questionId()).isEqualTo("slow"));
            assertThat(seen).containsExactly("ok", "empty", "own", "own");
        }
    }
}
