package dev.querybench.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 18 CSV files of sql-eval's data folder, each by a small fixture written here with that
 * file's columns in that file's order and the quirks their contents have (doubled quotes, CRLF
 * line breaks inside quoted fields, empty instructions, column sets and alternatives); and the CSV
 * rules pandas follows that those files rely on.
 */
class SqlEvalCsvShapesTest {

    @TempDir
    Path dir;

    static Stream<Arguments> shapes() {
        String gen = "db_name,db_type,query_category,query,question,instructions";
        String advanced = "db_name,db_type,query_category,query,question,instructions,full_instructions";
        String basic = "db_name,db_type,query_category,query,question";
        return Stream.of(
                Arguments.of("idk.csv", "question,instructions,query,db_name,query_category"),
                Arguments.of("idk_bigquery.csv", gen),
                Arguments.of("instruct_advanced_bigquery.csv", advanced),
                Arguments.of("instruct_advanced_mysql.csv", advanced),
                Arguments.of("instruct_advanced_postgres.csv",
                        "db_name,query_category,question,instructions,query,full_instructions"),
                Arguments.of("instruct_advanced_sqlite.csv", advanced),
                Arguments.of("instruct_advanced_tsql.csv", advanced),
                Arguments.of("instruct_basic_bigquery.csv", basic),
                Arguments.of("instruct_basic_mysql.csv", basic),
                Arguments.of("instruct_basic_postgres.csv", "db_name,query_category,question,query"),
                Arguments.of("instruct_basic_sqlite.csv", basic),
                Arguments.of("instruct_basic_tsql.csv", basic),
                Arguments.of("questions_gen_bigquery.csv", gen),
                Arguments.of("questions_gen_mysql.csv", gen),
                Arguments.of("questions_gen_postgres.csv", "question,query,db_name,query_category,instructions"),
                Arguments.of("questions_gen_snowflake.csv", "question,query,db_name,query_category,k_shot_prompt"),
                Arguments.of("questions_gen_sqlite.csv", gen),
                Arguments.of("questions_gen_tsql.csv", gen));
    }

    /** Three rows, with the values each column gets; quoting as the files quote them. */
    private static List<Map<String, String>> rows() {
        List<Map<String, String>> rows = new ArrayList<>();
        rows.add(Map.of("db_name", "academic", "db_type", "postgres", "query_category", "group_by",
                "question", "Which authors wrote in both \"Machine Learning\" and \"Data Science\"?",
                "query", "SELECT {author.name,author.aid} FROM author GROUP BY {};SELECT author.name FROM author;",
                "instructions", "", "full_instructions", "Use ILIKE.\r\nAlways filter exactly.",
                "k_shot_prompt", "Question: x\r\nQuery: SELECT 1"));
        rows.add(Map.of("db_name", "advising", "db_type", "postgres", "query_category", "order_by",
                "question", "List students, ordered by last name.",
                "query", "SELECT s.lastname FROM student s ORDER BY s.lastname NULLS LAST;",
                "instructions", "student.minor is null for students\r\nwithout a minor.", "full_instructions", "",
                "k_shot_prompt", ""));
        rows.add(Map.of("db_name", "yelp", "db_type", "postgres", "query_category", "date_functions",
                "question", "How many reviews, with 'stars' above 3, are there?",
                "query", "SELECT count(*) FROM review WHERE rating > 3 AND text ILIKE '%good%'",
                "instructions", "NA", "full_instructions", "", "k_shot_prompt", ""));
        return rows;
    }

    private static String quoted(String value) {
        return value.matches("[A-Za-z0-9_ .]*") ? value : "\"" + value.replace("\"", "\"\"") + "\"";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void readsEachShapeAsPandasDoes(String name, String header) throws Exception {
        List<String> columns = List.of(header.split(","));
        StringBuilder text = new StringBuilder(header).append("\r\n");
        for (Map<String, String> row : rows()) {
            text.append(String.join(",", columns.stream().map(c -> quoted(row.get(c))).toList())).append("\r\n");
        }
        Path file = Files.writeString(dir.resolve(name), text);
        DatasetImporter.Imported imported = new DatasetImporter().load(file);
        assertThat(imported.format()).isEqualTo(DatasetImporter.SQL_EVAL);
        Dataset d = imported.dataset();
        assertThat(d.questions()).extracting(Question::id).containsExactly("0", "1", "2");
        Question first = d.questions().getFirst();
        assertThat(first.text()).isEqualTo("Which authors wrote in both \"Machine Learning\" and \"Data Science\"?");
        assertThat(first.database()).isEqualTo("academic");
        assertThat(first.tags()).containsExactly("group_by");
        assertThat(first.gold()).containsExactly("SELECT author.name FROM author GROUP BY author.name",
                "SELECT author.aid FROM author GROUP BY author.aid",
                "SELECT author.name, author.aid FROM author GROUP BY author.name, author.aid",
                "SELECT author.name FROM author");
        assertThat(d.questions().get(2).gold()).containsExactly(
                "SELECT count(*) FROM review WHERE rating > 3 AND text ILIKE '%good%'");
        if (columns.contains("instructions")) {
            assertThat(first.evidence()).isEmpty();
            assertThat(d.questions().get(1).evidence()).isEqualTo("student.minor is null for students\r\nwithout a minor.");
            assertThat(d.questions().get(2).evidence()).as("pandas reads NA as missing").isEmpty();
        }
    }

    @Test
    void readsQuotesAndLinesTheWayPandasDoes() {
        PandasCsv.Table t = new PandasCsv().read("\uFEFFa,b\n\"x \"y\" z\",2\n\n\"abc\"def,\"\"\nx \"y\" z\nlast,NULL");
        List<Map<String, String>> expected = new ArrayList<>();
        expected.add(row("x y\" z\"", "2"));
        expected.add(row("abcdef", null));
        expected.add(row("x \"y\" z", null));
        expected.add(row("last", null));
        assertThat(t.header()).containsExactly("a", "b");
        assertThat(t.rows()).isEqualTo(expected);
        assertThat(t.lines()).containsExactly(2, 4, 5, 6);
        assertThat(new PandasCsv().read("a,a\n1,2").header()).containsExactly("a", "a.1");
        assertThatThrownBy(() -> new PandasCsv().read("a,b\n1,2,3")).isInstanceOf(PandasCsv.TooManyFields.class)
                .hasMessageContaining("line 2 has 3 fields");
    }

    private static Map<String, String> row(String a, String b) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("a", a);
        m.put("b", b);
        return m;
    }

    @Test
    void aCsvWithoutItsRequiredColumnsFailsClearly() throws Exception {
        Path neither = Files.writeString(dir.resolve("x.csv"), "question,sql,db\nHow many?,SELECT 1,a\n");
        assertThatThrownBy(() -> new DatasetImporter().read(neither)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("has the columns [question, sql, db]")
                .hasMessageContaining("sql-eval's needs [question, query, db_name]");
        Path noQuestion = Files.writeString(dir.resolve("y.csv"), "query,db_name\nSELECT 1,a\n");
        assertThatThrownBy(() -> new DatasetImporter().read(noQuestion)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("sql-eval CSV without the column [question]");
        Path nativeCsv = Files.writeString(dir.resolve("z.csv"), "id,question,gold\nq1,How many?,SELECT 1\n");
        assertThat(new DatasetImporter().load(nativeCsv).format()).isEqualTo(DatasetImporter.NATIVE_CSV);
    }
}
