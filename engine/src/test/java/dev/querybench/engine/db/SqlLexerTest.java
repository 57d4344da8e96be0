package dev.querybench.engine.db;

import dev.querybench.engine.db.trino.TrinoEngine;
import dev.querybench.engine.db.sqlite.SqliteEngine;
import dev.querybench.engine.db.postgres.PostgresEngine;
import dev.querybench.engine.db.mysql.MysqlEngine;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    private static List<String> words(Dialect dialect, String sql) {
        return new SqlLexer(dialect).lex(sql).tokens().stream().map(SqlToken::value).toList();
    }

    @Test
    void mysqlReadsDoubleDashAsACommentOnlyBeforeWhitespace() {
        assertThat(words(MysqlEngine.DIALECT, "SELECT 1 --1 INTO x")).containsExactly("SELECT", "1", "-", "-", "1", "INTO", "x");
        assertThat(words(MysqlEngine.DIALECT, "SELECT 1 -- c\n, 2 # c")).containsExactly("SELECT", "1", ",", "2");
        assertThat(words(PostgresEngine.DIALECT, "SELECT 1 --1 INTO x")).containsExactly("SELECT", "1");
    }

    @Test
    void postgresResolvesUnicodeEscapedNamesAndNestsComments() {
        assertThat(words(PostgresEngine.DIALECT, "SELECT U&\"pg\\005fread_file\"(1)")).containsExactly("SELECT",
                "pg_read_file", "(", "1", ")");
        assertThat(words(PostgresEngine.DIALECT, "SELECT U&\"a!0062\" UESCAPE '!' /* x /* y */ z */ , $t$ ; $t$"))
                .containsExactly("SELECT", "ab", ",", " ; ");
        assertThat(new SqlLexer(PostgresEngine.DIALECT).lex("SELECT $$ open").problem()).isPresent();
    }

    @Test
    void sqliteKnowsBracketsAndEndsAnUnclosedCommentAtTheEnd() {
        assertThat(words(SqliteEngine.DIALECT, "SELECT [a b] FROM `t` /* open")).containsExactly("SELECT", "a b", "FROM", "t");
        assertThat(new SqlLexer(SqliteEngine.DIALECT).lex("SELECT 1 /* open").problem()).isEmpty();
        assertThat(new SqlLexer(TrinoEngine.DIALECT).lex("SELECT 1 /* open").problem()).isPresent();
    }
}
