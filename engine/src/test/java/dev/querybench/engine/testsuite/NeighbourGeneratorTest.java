package dev.querybench.engine.testsuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Neighbours change gold in one place each, of every kind the paper lists; rules mark equivalent ones. */
class NeighbourGeneratorTest {

    @TempDir
    Path dir;

    private SqliteSchema schema() throws Exception {
        Path real = DatabaseGeneratorTest.realDatabase(dir.resolve("real.sqlite"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + real)) {
            return SqliteSchema.read(c);
        }
    }

    @Test
    void eachKindOfChangeIsMadeOnceAndGoldItselfIsNotANeighbour() throws Exception {
        String gold = "SELECT r.name, MAX(s.size) FROM store s JOIN region r ON r.id = s.region_id"
                + " WHERE s.size > 50 AND s.code = 'N01' GROUP BY r.name ORDER BY r.name DESC LIMIT 3";
        List<NeighbourGenerator.Neighbour> neighbours = new NeighbourGenerator().neighbours(gold, schema());
        List<String> sql = neighbours.stream().map(NeighbourGenerator.Neighbour::sql).toList();
        assertThat(sql).doesNotContain(gold).doesNotHaveDuplicates()
                .contains("SELECT r.name, MAX(s.size) FROM store s JOIN region r ON r.id = s.region_id"
                        + " WHERE s.size >= 50 AND s.code = 'N01' GROUP BY r.name ORDER BY r.name DESC LIMIT 3")
                .contains("SELECT r.name, MAX(s.size) FROM store s JOIN region r ON r.id = s.region_id"
                        + " WHERE s.size > 51 AND s.code = 'N01' GROUP BY r.name ORDER BY r.name DESC LIMIT 3")
                .contains("SELECT r.name, MIN(s.size) FROM store s JOIN region r ON r.id = s.region_id"
                        + " WHERE s.size > 50 AND s.code = 'N01' GROUP BY r.name ORDER BY r.name DESC LIMIT 3")
                .contains("SELECT DISTINCT r.name, MAX(s.size) FROM store s JOIN region r ON r.id = s.region_id"
                        + " WHERE s.size > 50 AND s.code = 'N01' GROUP BY r.name ORDER BY r.name DESC LIMIT 3")
                .contains("SELECT r.name, MAX(s.size) FROM store s JOIN region r ON r.id = s.region_id"
                        + " WHERE s.size > 50 AND s.code = 'N01' GROUP BY r.name ORDER BY r.name ASC LIMIT 3")
                .contains("SELECT r.name, MAX(s.size) FROM store s JOIN region r ON r.id = s.region_id"
                        + " WHERE s.size > 50 AND s.code = 'N01' GROUP BY r.name ORDER BY r.name DESC LIMIT 4")
                .contains("SELECT r.name, MAX(s.size) FROM store s LEFT JOIN region r ON r.id = s.region_id"
                        + " WHERE s.size > 50 AND s.code = 'N01' GROUP BY r.name ORDER BY r.name DESC LIMIT 3")
                .contains("SELECT r.name, MAX(s.size) FROM store s JOIN region r ON r.id = s.region_id"
                        + " WHERE s.size > 50 GROUP BY r.name ORDER BY r.name DESC LIMIT 3")
                .contains("SELECT r.name, MAX(s.size) FROM store s JOIN region r ON r.id = s.region_id"
                        + " WHERE s.size > 50 AND s.code = 'N02' GROUP BY r.name ORDER BY r.name DESC LIMIT 3")
                .contains("SELECT r.name, MAX(s.size) FROM store s JOIN region r ON r.id = s.region_id"
                        + " WHERE s.size > 50 AND s.code = 'N01' GROUP BY r.name ORDER BY r.name DESC");
        assertThat(neighbours).anyMatch(n -> n.change().equals("column region_id → id"));
    }

    @Test
    void changesThatCannotAlterAResultAreMarkedEquivalent() throws Exception {
        SqliteSchema schema = schema();
        NeighbourGenerator generator = new NeighbourGenerator();
        assertThat(generator.neighbours("SELECT COUNT(*) FROM store WHERE size > 1", schema))
                .filteredOn(n -> n.change().equals("DISTINCT added")).singleElement()
                .matches(NeighbourGenerator.Neighbour::equivalent);
        assertThat(generator.neighbours("SELECT s.code FROM store s JOIN region r ON r.id = s.region_id"
                + " WHERE r.name = 'North'", schema))
                .filteredOn(n -> n.change().equals("JOIN made LEFT JOIN")).singleElement()
                .matches(NeighbourGenerator.Neighbour::equivalent);
        assertThat(generator.neighbours("SELECT name FROM region WHERE id IN (SELECT region_id FROM store)", schema))
                .filteredOn(n -> n.sql().contains("SELECT DISTINCT region_id")).singleElement()
                .matches(NeighbourGenerator.Neighbour::equivalent);
        assertThat(generator.neighbours("SELECT code, size FROM store WHERE size > 1", schema))
                .filteredOn(n -> n.change().equals("DISTINCT added")).singleElement()
                .matches(n -> !n.equivalent());
    }

    @Test
    void goldThatIsNotOneSelectHasNoNeighbours() throws Exception {
        SqliteSchema schema = schema();
        assertThat(new NeighbourGenerator().neighbours("DELETE FROM store", schema)).isEmpty();
        assertThat(new NeighbourGenerator().neighbours("SELEKT nonsense", schema)).isEmpty();
    }

    @Test
    void goldsConstantsAreFoundWithTheirColumns() {
        assertThat(new NeighbourGenerator().constants("SELECT * FROM store WHERE code = 'N01' AND size BETWEEN 1 AND 2.5"))
                .contains(new NeighbourGenerator.Constant("code", "N01"), new NeighbourGenerator.Constant("size", 1L),
                        new NeighbourGenerator.Constant("size", 2.5));
    }
}
