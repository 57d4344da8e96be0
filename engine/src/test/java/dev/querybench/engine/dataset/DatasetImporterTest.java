package dev.querybench.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetImporterTest {

    @TempDir
    Path dir;

    private final DatasetImporter importer = new DatasetImporter();

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsNativeJsonlAndCsv() throws Exception {
        Dataset jsonl = importer.read(write("d.jsonl", """
                {"id": "a", "question": "How many?", "gold": "SELECT 1", "difficulty": "easy", "tags": ["count"]}

                {"id": "b", "question": "Which?", "gold": ["SELECT 2", "SELECT 3"], "database": "shop"}
                """));
        assertThat(jsonl.questions()).extracting(Question::id).containsExactly("a", "b");
        assertThat(jsonl.question("b").orElseThrow().gold()).containsExactly("SELECT 2", "SELECT 3");
        assertThat(jsonl.question("b").orElseThrow().database()).isEqualTo("shop");
        Dataset csv = importer.read(write("d.csv", "id,question,gold,difficulty,tags,evidence\n"
                + "q1,\"How many, really?\",SELECT 1,easy,count;filter,a hint\n"));
        Question q = csv.questions().getFirst();
        assertThat(q.text()).isEqualTo("How many, really?");
        assertThat(q.tags()).containsExactly("count", "filter");
        assertThat(q.evidence()).isEqualTo("a hint");
    }

    @Test
    void readsTheNativeFormatWrittenAsJsonAndItsDatabaseField() throws Exception {
        Dataset asJson = importer.read(write("d.json", """
                {"name": "n", "questions": [{"id": "a", "question": "How many?", "gold": "SELECT 1", "database": "shop"}]}
                """));
        assertThat(asJson.questions().getFirst()).extracting(Question::id, Question::database)
                .containsExactly("a", "shop");
        Dataset yaml = importer.read(write("d.yaml", """
                questions:
                  - id: b
                    question: Which?
                    gold: SELECT 2
                """));
        assertThat(yaml.questions().getFirst().database()).isEmpty();
    }

    @Test
    void readsSpiderAndBirdDevFiles() throws Exception {
        Dataset spider = importer.read(write("dev.json", """
                [{"db_id": "concert", "query": "SELECT count(*) FROM singer", "question": "How many singers?",
                  "query_toks": ["SELECT"]}]
                """));
        assertThat(spider.name()).startsWith("spider:");
        assertThat(spider.questions().getFirst()).extracting(Question::id, Question::database)
                .containsExactly("0", "concert");
        Path birdDir = Files.createDirectories(dir.resolve("bird"));
        Dataset bird = importer.read(Files.writeString(birdDir.resolve("dev.json"), """
                [{"question_id": 7, "db_id": "school", "question": "Top school?", "evidence": "top = max score",
                  "SQL": "SELECT name FROM s ORDER BY score DESC LIMIT 1", "difficulty": "simple"}]
                """));
        Question b = bird.questions().getFirst();
        assertThat(b.id()).isEqualTo("7");
        assertThat(b.evidence()).isEqualTo("top = max score");
        assertThat(b.difficulty()).isEqualTo("simple");
    }

    @Test
    void readsSqlEvalCsvWithAlternativesAndColumnSets() throws Exception {
        Dataset d = importer.read(write("questions.csv", "db_name,query_category,question,query\n"
                + "academic,group_by,Count papers per author,\"SELECT {author.id, author.name}, COUNT(*) FROM author "
                + "GROUP BY {};SELECT 1\"\n"));
        Question q = d.questions().getFirst();
        assertThat(q.database()).isEqualTo("academic");
        assertThat(q.tags()).containsExactly("group_by");
        // sql-eval's get_all_minimal_queries keeps each option as written (the space before author.name)
        assertThat(q.gold()).containsExactly(
                "SELECT author.id, COUNT(*) FROM author GROUP BY author.id",
                "SELECT  author.name, COUNT(*) FROM author GROUP BY  author.name",
                "SELECT author.id,  author.name, COUNT(*) FROM author GROUP BY author.id,  author.name",
                "SELECT 1");
    }

    @Test
    void onlyTheFirstColumnSetOfEachAlternativeExpandsAsInSqlEval() {
        assertThat(new ColumnSetExpander().expand("SELECT {a,b}, {c} FROM t GROUP BY {}")).containsExactly(
                "SELECT a, {c} FROM t GROUP BY a", "SELECT b, {c} FROM t GROUP BY b",
                "SELECT a, b, {c} FROM t GROUP BY a, b");
        assertThat(new ColumnSetExpander().minimalQueries("SELECT {x,y,z} FROM t; ;SELECT 1;")).containsExactly(
                "SELECT x FROM t", "SELECT y FROM t", "SELECT z FROM t", "SELECT x, y FROM t", "SELECT x, z FROM t",
                "SELECT y, z FROM t", "SELECT x, y, z FROM t", "SELECT 1");
        assertThat(new ColumnSetExpander().expand("SELECT a FROM t")).containsExactly("SELECT a FROM t");
    }

    @Test
    void malformedFilesNameTheLineOrEntryAndTheField() throws Exception {
        assertThatThrownBy(() -> importer.read(write("bad.jsonl", "{\"id\": \"a\", \"question\": \"q\", \"gold\": \"x\"}\n{oops\n")))
                .hasMessageContaining("bad.jsonl line 2").hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> importer.read(write("nogold.jsonl", "{\"id\": \"a\", \"question\": \"q\"}\n")))
                .hasMessageContaining("line 1").hasMessageContaining("'gold'");
        assertThatThrownBy(() -> importer.read(write("dev.json", "[{\"db_id\": \"x\", \"question\": \"q\"}]")))
                .hasMessageContaining("entry #1").hasMessageContaining("'query'");
        assertThatThrownBy(() -> importer.read(write("q.csv", "db_name,question,query\nx,,SELECT 1\n")))
                .hasMessageContaining("q.csv line 2").hasMessageContaining("'question'");
        assertThatThrownBy(() -> importer.read(write("d.txt", "x"))).hasMessageContaining("cannot tell the format");
    }
}
