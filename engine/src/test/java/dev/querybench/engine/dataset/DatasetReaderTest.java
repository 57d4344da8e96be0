package dev.querybench.engine.dataset;

import dev.querybench.engine.db.trino.TrinoEngine;
import dev.querybench.engine.db.sqlite.SqliteEngine;
import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.db.mysql.MysqlEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {

    @TempDir
    Path dir;

    private final DatasetReader reader = new DatasetReader();

    private Path write(String text) throws Exception {
        Path file = dir.resolve("d.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsQuestionsWithOneOrSeveralGoldQueries() throws Exception {
        Dataset d = reader.read(write("""
                name: tiny
                questions:
                  - id: a
                    question: How many?
                    gold: SELECT 1
                    difficulty: easy
                    tags: [count]
                  - id: b
                    question: Which?
                    gold:
                      - SELECT 2
                      - SELECT 3
                    evidence: a hint
                """));
        assertThat(d.name()).isEqualTo("tiny");
        assertThat(d.questions()).extracting(Question::id).containsExactly("a", "b");
        assertThat(d.question("b").orElseThrow().gold()).containsExactly("SELECT 2", "SELECT 3");
        assertThat(d.question("b").orElseThrow().evidence()).isEqualTo("a hint");
        assertThat(d.question("a").orElseThrow().tags()).containsExactly("count");
    }

    @Test
    void dialectGoldReplacesThePortableGoldOnThatEngineOnly() throws Exception {
        Dataset d = reader.read(write("""
                questions:
                  - id: a
                    question: How many days?
                    gold: SELECT julianday('2024-01-02') - julianday('2024-01-01')
                    gold_dialects:
                      postgres: SELECT DATE '2024-01-02' - DATE '2024-01-01'
                      mariadb:
                        - SELECT DATEDIFF('2024-01-02', '2024-01-01')
                        - SELECT 1
                      trino: |
                        SELECT date_diff('day', DATE '2024-01-01', DATE '2024-01-02')
                  - id: b
                    question: How many?
                    gold: SELECT 1
                """));
        Question a = d.question("a").orElseThrow();
        assertThat(a.goldFor(SqliteEngine.DIALECT)).containsExactly(a.primaryGold());
        assertThat(a.goldFor(PostgresEngine.DIALECT)).containsExactly("SELECT DATE '2024-01-02' - DATE '2024-01-01'");
        assertThat(a.goldFor(MysqlEngine.DIALECT)).hasSize(2);
        assertThat(a.goldFor(TrinoEngine.DIALECT).getFirst()).startsWith("SELECT date_diff").doesNotEndWith("\n");
        assertThat(d.question("b").orElseThrow().dialectGold()).isEmpty();
        assertThat(d.question("b").orElseThrow().goldFor(TrinoEngine.DIALECT)).containsExactly("SELECT 1");
    }

    @Test
    void badDialectGoldIsExplained() throws Exception {
        assertThatThrownBy(() -> reader.read(write("""
                questions:
                  - {id: a, question: q, gold: SELECT 1, gold_dialects: {oracle: SELECT 1 FROM dual}}
                """))).hasMessageContaining("question a").hasMessageContaining("unknown engine 'oracle'");
        assertThatThrownBy(() -> reader.read(write("""
                questions:
                  - {id: a, question: q, gold: SELECT 1, gold_dialects: {trino: ''}}
                """))).hasMessageContaining("gold_dialects.trino is empty");
        assertThatThrownBy(() -> reader.read(write("""
                questions:
                  - {id: a, question: q, gold: SELECT 1, gold_dialects: {postgres: SELECT 1, pg: SELECT 2}}
                """))).hasMessageContaining("twice");
        assertThatThrownBy(() -> new Question("x", "q", java.util.List.of("SELECT 1"), null, null, null,
                java.util.Map.of(TrinoEngine.DIALECT, java.util.List.of()))).hasMessageContaining("empty gold list");
    }

    @Test
    void malformedFilesNameThePlaceAndTheField() throws Exception {
        assertThatThrownBy(() -> reader.read(write("questions:\n  - id: a\n    question: q\n")))
                .hasMessageContaining("d.yaml:2:5: questions[0].gold: question a has no gold SQL");
        assertThatThrownBy(() -> reader.read(write("questions:\n  - question: q\n    gold: SELECT 1\n")))
                .hasMessageContaining("'id' is missing");
        assertThatThrownBy(() -> reader.read(write(
                "questions:\n  - {id: a, question: q, gold: SELECT 1}\n  - {id: a, question: r, gold: SELECT 2}\n")))
                .hasMessageContaining("used twice");
        assertThatThrownBy(() -> reader.read(write("questions:\n  - id: a\n    questoin: q\n")))
                .hasMessageContaining("d.yaml:3:5: questions[0].questoin: unknown setting 'questoin'");
        assertThatThrownBy(() -> reader.read(write("name: x\n"))).hasMessageContaining("no questions");
        assertThatThrownBy(() -> reader.read(dir.resolve("absent.yaml"))).hasMessageContaining("does not exist");
    }
}
