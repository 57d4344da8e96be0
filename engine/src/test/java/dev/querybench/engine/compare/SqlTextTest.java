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

    @Test
    void aResultCutAtTheRowCapLeavesBothSidesUnmarkedForTheGridsButMarkedForTheReport() {
        QueryResult gold = new QueryResult(List.of("a", "b"),
                List.of(Arrays.asList(1, "x"), Arrays.asList(2L, null), Arrays.asList((short) -3, 4.50)), true,
                Duration.ZERO);
        QueryResult predicted = new QueryResult(List.of("a", "b"),
                List.of(Arrays.asList(1.0, "x"), Arrays.asList((byte) 9, "y")), false, Duration.ZERO);
        ResultDiff.Comparison marked = new ResultDiff().compare(gold, null, predicted, null);
        ResultDiff.Comparison grids = new ResultDiff().compare(gold, null, predicted, null, false);
        assertThat(marked.gold().marked()).containsExactly(false, true, true);
        assertThat(marked.predicted().marked()).containsExactly(false, true);
        assertThat(grids.gold().marked()).containsExactly(false, false, false);
        assertThat(grids.predicted().marked()).containsExactly(false, false);
        assertThat(grids.gold().markedCount()).isZero();
        // the same text either way, integers printed as the decimal path prints them
        assertThat(grids.gold().rows()).isEqualTo(marked.gold().rows()).hasSize(3);
        assertThat(grids.gold().rows().get(2)).containsExactly("-3", "4.5");
        assertThat(grids.predicted().rows()).isEqualTo(marked.predicted().rows());
        assertThat(grids.predicted().rows().get(1)).containsExactly("9", "y");
        assertThat(grids.gold().truncated()).isTrue();
        // neither cut: the grids' comparison marks as before
        QueryResult whole = new QueryResult(gold.columns(), gold.rows(), false, Duration.ZERO);
        assertThat(new ResultDiff().compare(whole, null, predicted, null, false).gold().marked())
                .containsExactly(false, true, true);
        assertThat(new ResultDiff().compare(null, "no such table", predicted, null, false).gold().error())
                .isEqualTo("no such table");
    }

    @Test
    void integersDisplayAsTheirDecimalsDo() {
        dev.querybench.engine.evaluation.sql.ValueNormalizer normalizer =
                new dev.querybench.engine.evaluation.sql.ValueNormalizer();
        for (Object value : List.<Object>of(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE,
                10L, -100L, (short) -32768, (byte) 127)) {
            java.math.BigDecimal decimal = new java.math.BigDecimal(value.toString());
            assertThat(normalizer.display(value)).isEqualTo(normalizer.display(decimal)).isEqualTo(value.toString());
        }
    }
}
