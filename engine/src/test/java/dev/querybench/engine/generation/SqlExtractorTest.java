package dev.querybench.engine.generation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlExtractorTest {

    private final SqlExtractor extractor = new SqlExtractor();

    @Test
    void takesTheSqlFencedBlock() {
        String answer = "Here you go:\n```sql\nSELECT COUNT(*)\nFROM customers;\n```\nIt counts customers.";
        assertThat(extractor.extract(answer)).contains("SELECT COUNT(*)\nFROM customers");
    }

    @Test
    void prefersTheSqlBlockOverOtherBlocks() {
        String answer = "```text\nthinking\n```\n```SQL\nSELECT 1\n```";
        assertThat(extractor.extract(answer)).contains("SELECT 1");
    }

    @Test
    void takesAnUnlabelledBlock() {
        assertThat(extractor.extract("```\nSELECT a FROM t\n```")).contains("SELECT a FROM t");
    }

    @Test
    void takesAnUnclosedBlockWhenTheAnswerWasCut() {
        assertThat(extractor.extract("```sql\nSELECT a\nFROM t")).contains("SELECT a\nFROM t");
    }

    @Test
    void takesBareSqlFromTheFirstSelectOrWith() {
        assertThat(extractor.extract("The query is:\nSELECT a FROM t;\n\nThis returns a.")).contains("SELECT a FROM t");
        assertThat(extractor.extract("WITH x AS (SELECT 1) SELECT * FROM x")).contains("WITH x AS (SELECT 1) SELECT * FROM x");
    }

    @Test
    void saysWhenThereIsNoSql() {
        assertThat(extractor.extract("I am not able to answer this question.")).isEmpty();
        assertThat(extractor.extract("")).isEmpty();
        assertThat(extractor.extract(null)).isEmpty();
        assertThat(extractor.extract("```sql\n;\n```")).isEmpty();
    }
}
