package dev.querybench.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.SchemaSnapshot;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.SampleFixture;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample workspace is realistic and every gold query runs and returns rows. */
class SampleDatasetTest {

    @TempDir
    Path dir;

    @Test
    void theSampleDatabaseHasEnoughTablesKeysAndRows() {
        try (WorkspaceSession session = SampleFixture.session(dir)) {
            SchemaSnapshot schema = session.backend().introspect();
            assertThat(schema.tables()).hasSizeGreaterThanOrEqualTo(8);
            assertThat(schema.tables().stream().mapToLong(t -> t.foreignKeys().size()).sum()).isGreaterThanOrEqualTo(8);
            long rows = 0;
            for (SchemaSnapshot.Table t : schema.tables()) {
                QueryResult count = session.executor().execute("SELECT COUNT(*) FROM " + t.name(), session.queryLimits());
                rows += ((Number) count.rows().getFirst().getFirst()).longValue();
            }
            assertThat(rows).isGreaterThan(2000);
        }
    }

    @Test
    void everyGoldQueryRunsAndReturnsRows() {
        try (WorkspaceSession session = SampleFixture.session(dir)) {
            Dataset dataset = session.workspace().dataset();
            assertThat(dataset.size()).isGreaterThanOrEqualTo(40);
            Map<String, Long> byDifficulty = dataset.questions().stream()
                    .collect(Collectors.groupingBy(Question::difficulty, Collectors.counting()));
            assertThat(byDifficulty).containsKeys("easy", "medium", "hard");
            for (Question q : dataset.questions()) {
                for (String gold : q.gold()) {
                    QueryResult r = session.executor().execute(gold, session.queryLimits());
                    assertThat(r.rowCount()).as(q.id() + " returns rows").isPositive();
                    assertThat(r.truncated()).as(q.id()).isFalse();
                }
            }
        }
    }
}
