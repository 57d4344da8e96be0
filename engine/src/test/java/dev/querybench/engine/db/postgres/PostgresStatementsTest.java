package dev.querybench.engine.db.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where pgjdbc would see a second statement, the backend must see one too. */
class PostgresStatementsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1",
        "SELECT 1;",
        "SELECT 1 ;  -- trailing comment",
        "SELECT ';' AS semicolon",
        "SELECT 'it''s; fine'",
        "SELECT E'a\\'; b'",
        "SELECT \"we;ird\" FROM t",
        "SELECT $$; DELETE FROM t$$",
        "SELECT $tag$ $$; $tag$",
        "SELECT 1 /* ; */",
        "SELECT 1 /* outer /* inner ; */ still comment ; */",
        "SELECT a$b FROM t",
        "SELECT $1",
        "SELECT 1 -- ; DELETE FROM t",
    })
    void oneStatement(String sql) {
        assertThat(PostgresStatements.shapeOf(sql)).isEqualTo(PostgresStatements.Shape.SINGLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1; DELETE FROM t",
        "SET TRANSACTION READ WRITE; DELETE FROM t",
        "SELECT $$'$$; DELETE FROM t; SELECT $$'$$",
        "SELECT E'\\''; DELETE FROM t; SELECT ''",
        "SELECT 'a' 'b'; COMMIT",
        "SELECT 1;;DROP TABLE t",
        "SELECT 1 /* x */; /* y */ DROP TABLE t",
        "SELECT 'E'';'; DELETE FROM t",
    })
    void stackedStatements(String sql) {
        assertThat(PostgresStatements.shapeOf(sql)).isEqualTo(PostgresStatements.Shape.STACKED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 'open", "SELECT \"open", "SELECT $$ open", "SELECT 1 /* open", "SELECT E'\\'"})
    void unterminatedText(String sql) {
        assertThat(PostgresStatements.shapeOf(sql)).isEqualTo(PostgresStatements.Shape.UNTERMINATED);
    }
}
