package dev.querybench.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.evaluation.sql.PythonValues;
import dev.querybench.engine.evaluation.sql.SpiderValuePlugs;
import dev.querybench.engine.evaluation.sql.SqlparseTokens;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text-level rules of the spider mode: Python's value text and equality, sqlparse's tokens, plug_value. */
class SpiderTextRulesTest {

    @Test
    void floatsPrintAsPythonsRepr() {
        assertThat(PythonValues.floatRepr(1.0)).isEqualTo("1.0");
        assertThat(PythonValues.floatRepr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(PythonValues.floatRepr(0.0001)).isEqualTo("0.0001");
        assertThat(PythonValues.floatRepr(0.00001)).isEqualTo("1e-05");
        assertThat(PythonValues.floatRepr(1e15)).isEqualTo("1000000000000000.0");
        assertThat(PythonValues.floatRepr(1e16)).isEqualTo("1e+16");
        assertThat(PythonValues.floatRepr(-1234.5)).isEqualTo("-1234.5");
        assertThat(PythonValues.floatRepr(1.5e300)).isEqualTo("1.5e+300");
        assertThat(PythonValues.floatRepr(-0.0)).isEqualTo("-0.0");
        assertThat(PythonValues.floatRepr(Double.NaN)).isEqualTo("nan");
        assertThat(PythonValues.floatRepr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void sortKeysAndEqualityFollowPython() {
        assertThat(PythonValues.sortKey(1L)).isEqualTo("1<class 'int'>");
        assertThat(PythonValues.sortKey(1.0)).isEqualTo("1.0<class 'float'>");
        assertThat(PythonValues.sortKey(null)).isEqualTo("None<class 'NoneType'>");
        assertThat(PythonValues.sortKey(new byte[] {'a', 0})).isEqualTo("b'a\\x00'<class 'bytes'>");
        assertThat(PythonValues.sortKey(new BigDecimal("1.50"))).isEqualTo("1.50<class 'decimal.Decimal'>");
        assertThat(PythonValues.key(1)).isEqualTo(PythonValues.key(1.0)).isEqualTo(PythonValues.key(new BigDecimal("1.00")));
        assertThat(PythonValues.key(0.1)).isNotEqualTo(PythonValues.key(new BigDecimal("0.1")));
        assertThat(PythonValues.key("1")).isNotEqualTo(PythonValues.key(1));
        assertThat(PythonValues.key(Double.NaN)).isNotEqualTo(PythonValues.key(Double.NaN));
        assertThat(PythonValues.compareCodePoints("\uFFFF", "\uD83D\uDE00")).isNegative();
    }

    private static List<String> texts(String sql) {
        return SqlparseTokens.tokens(sql).stream().map(SqlparseTokens.Token::text).toList();
    }

    @Test
    void tokensKeepSqlparsesBoundaries() {
        assertThat(texts("SELECT a-5, 3-2 FROM t")).containsExactly("SELECT", " ", "a", "-5", ",", " ", "3", "-2", " ",
                "FROM", " ", "t");
        assertThat(texts("x='it''s distinct' AND \"distinct\" >= 1.5e3 -- distinct\n"))
                .containsExactly("x", "=", "'it''s distinct'", " ", "AND", " ", "\"distinct\"", " ", ">=", " ", "1.5e3",
                        " ", "-- distinct\n");
        assertThat(SqlparseTokens.tokens("SELECT 5abc, .5, `n m`, [c d]").stream().map(SqlparseTokens.Token::kind)
                .filter(k -> k != SqlparseTokens.Kind.WHITESPACE && k != SqlparseTokens.Kind.PUNCTUATION))
                .containsExactly(SqlparseTokens.Kind.WORD, SqlparseTokens.Kind.WORD, SqlparseTokens.Kind.FLOAT,
                        SqlparseTokens.Kind.NAME, SqlparseTokens.Kind.NAME);
        assertThat(String.join("", texts("SELECT 1; SELECT 2"))).isEqualTo("SELECT 1; SELECT 2");
        assertThat(SqlparseTokens.firstStatement("SELECT 1; SELECT 2")).hasSize(4);
    }

    @Test
    void plugValueTriesGoldsValuesInEverySlot() {
        SpiderValuePlugs plugs = new SpiderValuePlugs();
        List<String> candidates = plugs.candidates("SELECT name FROM t WHERE age > 30 AND city = 'Paris'",
                "SELECT name FROM T1 WHERE T1.age > 1 AND city = 'x'");
        assertThat(candidates).contains("select name from t1 where t1 . age > 30 and city = 'Paris'")
                .hasSize(4);
        assertThat(plugs.candidates("SELECT 1", "SELECT name FROM t")).containsExactly("select name from t");
        assertThat(plugs.candidates("SELECT name FROM t", "SELECT name FROM t WHERE a = 1")).isEmpty();
    }
}
