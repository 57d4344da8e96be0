package dev.querybench.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.compare.SqlText.Kind;
import dev.querybench.engine.compare.SqlText.Token;
import dev.querybench.engine.db.QueryResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTextTest {

    private final SqlText text = new SqlText();

    @Test
    void tokensCoverTheTextAndKnowKeywordsStringsAndVariables() {
        String sql = "SELECT name, 'it''s' -- note\nFROM t WHERE x >= 1.5 AND {{question}}";
        List<Token> tokens = text.tokens(sql);
        StringBuilder joined = new StringBuilder();
        tokens.forEach(t -> joined.append(t.text()));
        assertThat(joined.toString()).isEqualTo(sql);
        assertThat(tokens).filteredOn(t -> t.kind() == Kind.KEYWORD).extracting(Token::text)
                .containsExactly("SELECT", "FROM", "WHERE", "AND");
        assertThat(tokens).filteredOn(t -> t.kind() == Kind.STRING).extracting(Token::text).containsExactly("'it''s'");
        assertThat(tokens).filteredOn(t -> t.kind() == Kind.COMMENT).extracting(Token::text).containsExactly("-- note");
        assertThat(tokens).filteredOn(t -> t.kind() == Kind.NUMBER).extracting(Token::text).containsExactly("1.5");
        assertThat(tokens).filteredOn(t -> t.kind() == Kind.VARIABLE).extracting(Token::text)
                .containsExactly("{{question}}");
    }

    @Test
    void formatPutsEachClauseOnItsOwnLine() {
        String formatted = text.format("select c.name, count(*) as n from customers c join orders o on o.customer_id ="
                + " c.id where o.total > 10 and o.status in ('a', 'b') and o.day between 1 and 5 group by c.name"
                + " order by n desc limit 5");
        assertThat(formatted).isEqualTo("""
                select c.name, count(*) as n
                from customers c
                join orders o on o.customer_id = c.id
                where o.total > 10
                  and o.status in ('a', 'b')
                  and o.day between 1 and 5
                group by c.name
                order by n desc
                limit 5""");
        assertThat(text.format("SELECT a FROM (SELECT a FROM t WHERE b = 1) AS s"))
                .isEqualTo("SELECT a\nFROM (SELECT a FROM t WHERE b = 1) AS s");
    }

    @Test
    void diffMarksOnlyTheTokensThatDiffer() {
        String gold = "SELECT COUNT(*) FROM orders WHERE channel = 'online'";
        String predicted = "select count(*) from orders where channel = 'store'";
        SqlText.Difference diff = text.diff(gold, predicted);
        assertThat(diff.onlyLeft()).extracting(r -> gold.substring(r.start(), r.end())).containsExactly("'online'");
        assertThat(diff.onlyRight()).extracting(r -> predicted.substring(r.start(), r.end())).containsExactly("'store'");
        assertThat(text.diff("SELECT 1", "select  1").same()).isTrue();
    }

    @Test
    void resultDiffComparesNormalisedValuesAsAMultiset() {
        QueryResult gold = new QueryResult(List.of("a", "b"),
                List.of(Arrays.asList(1, "x"), Arrays.asList(2, null), Arrays.asList(2, null)), false, Duration.ZERO);
        QueryResult predicted = new QueryResult(List.of("a", "b"),
                List.of(Arrays.asList(1.0, "x"), Arrays.asList(2, null), Arrays.asList(3, "z")), false, Duration.ZERO);
        ResultDiff.Comparison diff = new ResultDiff().compare(gold, null, predicted, null);
        assertThat(diff.gold().marked()).containsExactly(false, false, true);
        assertThat(diff.predicted().marked()).containsExactly(false, false, true);
        assertThat(diff.gold().rows().get(1)).containsExactly("2", null);
        assertThat(diff.predicted().rows().getFirst()).containsExactly("1", "x");
    }
}
