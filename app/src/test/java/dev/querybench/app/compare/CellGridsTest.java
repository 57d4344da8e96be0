package dev.querybench.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.grid.GridData;
import dev.querybench.app.grid.GridRow;
import dev.querybench.app.grid.PagedRows;
import dev.querybench.app.grid.RowMark;
import dev.querybench.engine.compare.CellResults;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.sqlite.SqliteBackend;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A comparison cell's grids on a real SQLite file: a result over the row cap is shown whole and
 * read a page at a time, unmarked; results under it from memory, missing and extra rows marked.
 */
class CellGridsTest {

    @TempDir
    Path dir;

    /** Table {@code n} with ids 1..rows. */
    private Path database(int rows) throws Exception {
        Path file = dir.resolve("n.sqlite");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("CREATE TABLE n (id INTEGER PRIMARY KEY, label TEXT)");
            s.execute("WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < " + rows + ")"
                    + " INSERT INTO n SELECT i, 'row ' || i FROM k");
        }
        return file;
    }

    private static Question question(String gold) {
        return new Question("q", "Every row", List.of(gold), "easy", List.of(), "");
    }

    @Test
    void aResultOverTheRowCapIsShownWholeAndPagedFromTheDatabase() throws Exception {
        try (SqliteBackend backend = new SqliteBackend(database(2_600), 1)) {
            SafeExecutor executor = new SafeExecutor(backend);
            CellGrids grids = new CellGrids(new CellResults(q -> executor, new QueryLimits(Duration.ofSeconds(5), 1_000)),
                    new ImmediateTaskRunner());
            List<String> goldRun = new ArrayList<>();
            grids.load(question("SELECT id, label FROM n ORDER BY id"),
                    "SELECT id, label FROM n WHERE id <> 3 ORDER BY id", goldRun::add);

            GridData gold = grids.gold.get();
            GridData predicted = grids.predicted.get();
            assertThat(grids.loading.get()).isFalse();
            assertThat(goldRun).isEmpty();
            assertThat(gold.rows()).isInstanceOf(PagedRows.class).hasSize(2_600);
            assertThat(predicted.rows()).hasSize(2_599);
            // Both cut at 1,000 rows: gold's row 3 is not among the prediction's first 1,000 and the
            // prediction's row 1,001 not among gold's, but that proves nothing, so nothing is marked.
            assertThat(gold.summary()).isEqualTo("2,600 rows · not marked (over the row cap)");
            assertThat(predicted.summary()).isEqualTo("2,599 rows · not marked (over the row cap)");
            assertThat(gold.rows().get(2).mark()).isEqualTo(RowMark.NONE);
            assertThat(predicted.rows().get(999).mark()).isEqualTo(RowMark.NONE);
            // Rows beyond the cap come from the database.
            GridRow last = gold.rows().get(2_599);
            assertThat(last.loaded()).isTrue();
            assertThat(last.values()).containsExactly("2600", "row 2600");
            assertThat(gold.rows().get(1_000).values()).containsExactly("1001", "row 1001");
            assertThat(predicted.rows().get(1_500).values()).containsExactly("1502", "row 1502");
            assertThat(((PagedRows) gold.rows()).pagesRead()).isEqualTo(3);

            grids.clear();
            assertThat(grids.gold.get()).isEqualTo(GridData.EMPTY);
        }
    }

    @Test
    void aResultUnderTheRowCapStaysInMemoryAndSaysSo() throws Exception {
        try (SqliteBackend backend = new SqliteBackend(database(40), 1)) {
            SafeExecutor executor = new SafeExecutor(backend);
            CellGrids grids = new CellGrids(new CellResults(q -> executor, new QueryLimits(Duration.ofSeconds(5), 30)),
                    new ImmediateTaskRunner());
            grids.load(question("SELECT id FROM n WHERE id <= 20"), "SELECT id FROM n WHERE id <= 21", sql -> { });

            assertThat(grids.gold.get().summary()).isEqualTo("20 rows");
            assertThat(grids.predicted.get().summary()).isEqualTo("21 rows · 1 not in gold");
            assertThat(grids.predicted.get().rows()).extracting(GridRow::mark).containsOnlyOnce(RowMark.EXTRA);
            grids.load(question("SELECT id FROM n"), null, sql -> { });
            assertThat(grids.predicted.get().error()).isTrue();
            assertThat(grids.gold.get().rows()).hasSize(40);
            assertThat(grids.gold.get().summary()).isEqualTo("40 rows · not marked (over the row cap)");
        }
    }
}
