package dev.querybench.engine.evaluation.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.sqlite.SqliteBackend;
import dev.querybench.engine.db.sqlite.SqliteDatabaseBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.sf.jsqlparser.statement.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Order detection and LIMIT-tie detection read one parse of each gold query, and the probe leaves it unchanged. */
class SharedGoldParseTest {

    @TempDir
    Path dir;

    @Test
    void theTieProbeReadsTheSharedTreeAndPutsItBack() throws Exception {
        Path script = dir.resolve("s.sql");
        Files.writeString(script, """
                CREATE TABLE p (name VARCHAR(10), price INTEGER);
                INSERT INTO p VALUES ('a', 10), ('b', 9), ('c', 9), ('d', 5);
                """);
        new SqliteDatabaseBuilder().buildIfMissing(dir.resolve("d.db"), List.of(script));
        try (SqliteBackend backend = new SqliteBackend(dir.resolve("d.db"), 2)) {
            ParsedQueries parsed = new ParsedQueries();
            LimitTieDetector ties = new LimitTieDetector(new SafeExecutor(backend),
                    new QueryLimits(Duration.ofSeconds(5), 100), parsed);
            String gold = "SELECT name, price AS cost FROM p ORDER BY 2 DESC, cost LIMIT 2";
            Optional<Statement> before = parsed.read(gold, tree -> tree);
            String printed = parsed.read(gold, Object::toString).orElseThrow();
            int[] keys = parsed.read(gold, OrderKeys::of).orElseThrow().orElseThrow();

            assertThat(ties.probe(gold).orElseThrow().sql())
                    .isEqualTo("SELECT price, price FROM p ORDER BY price DESC, price LIMIT 3");
            assertThat(ties.isAmbiguous(gold)).isTrue();

            // the same tree, as it was: order detection after the probe reads the gold query itself
            assertThat(parsed.read(gold, tree -> tree)).containsSame(before.orElseThrow());
            assertThat(parsed.read(gold, Object::toString)).contains(printed);
            assertThat(parsed.read(gold, OrderKeys::of).orElseThrow().orElseThrow()).containsExactly(keys);
            assertThat(ties.isAmbiguous("SELECT name FROM p ORDER BY price DESC LIMIT 1")).isFalse();
        }
    }
}
