package dev.querybench.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    private static List<String> words(Dialect dialect, String sql) {
        return new SqlLexer(dialect).lex(sql).tokens().stream().map(SqlToken::value).toList();
    }

    @Test
    void mysqlReadsDoubleDashAsACommentOnlyBeforeWhitespace() {
        assertThat(words(Dialect.MYSQL, "SELECT 1 --1 INTO x")).containsExactly("SELECT", "1", "-", "-", "1", "INTO", "x");
        assertThat(words(Dialect.MYSQL, "SELECT 1 -- c\n, 2 # c")).containsExactly("SELECT", "1", ",", "2");
        assertThat(words(Dialect.POSTGRESQL, "SELECT 1 --1 INTO x")).containsExactly("SELECT", "1");
    }

    @Test
    void postgresResolvesUnicodeEscapedNamesAndNestsComments() {
        assertThat(words(Dialect.POSTGRESQL, "SELECT U&\"pg\\005fread_file\"(1)")).containsExactly("SELECT",
                "pg_read_file", "(", "1", ")");
        assertThat(words(Dialect.POSTGRESQL, "SELECT U&\"a!0062\" UESCAPE '!' /* x /* y */ z */ , $t$ ; $t$"))
                .containsExactly("SELECT", "ab", ",", " ; ");
        assertThat(new SqlLexer(Dialect.POSTGRESQL).lex("SELECT $$ open").problem()).isPresent();
    }

    @Test
    void sqliteKnowsBracketsAndEndsAnUnclosedCommentAtTheEnd() {
        assertThat(words(Dialect.SQLITE, "SELECT [a b] FROM `t` /* open")).containsExactly("SELECT", "a b", "FROM", "t");
        assertThat(new SqlLexer(Dialect.SQLITE).lex("SELECT 1 /* open").problem()).isEmpty();
        assertThat(new SqlLexer(Dialect.TRINO).lex("SELECT 1 /* open").problem()).isPresent();
    }
}
