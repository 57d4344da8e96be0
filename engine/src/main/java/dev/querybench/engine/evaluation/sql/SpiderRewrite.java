package dev.querybench.engine.evaluation.sql;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rewrites the official Spider test-suite evaluator applies to queries before it runs them,
 * reproduced so verdicts match it (each listed with its source in docs/evaluation.md, "spider"):
 *
 * <ul>
 *   <li>predictions only: every "value" becomes "1" ({@link #prediction});
 *   <li>both: {@code > =}, {@code < =} and {@code ! =} repaired; unless distinct is kept, every
 *       token spelled "distinct" removed, of the first statement only ({@link #apply});
 *   <li>both, when run: {@code YEAR(CURDATE())} becomes 2020 ({@link #forExecution}).
 * </ul>
 *
 * Order sensitivity is decided from gold's rewritten text: it contains "order by". Stateless and
 * thread-safe.
 */
public final class SpiderRewrite {

    private static final Pattern CURRENT_YEAR = Pattern.compile("YEAR\\s*\\(\\s*CURDATE\\s*\\(\\s*\\)\\s*\\)\\s*",
            Pattern.CASE_INSENSITIVE);

    private final boolean keepDistinct;

    public SpiderRewrite(boolean keepDistinct) {
        this.keepDistinct = keepDistinct;
    }

    public boolean keepDistinct() {
        return keepDistinct;
    }

    /** What {@code evaluation.py} does to each predicted line before anything else: "value" → "1", case-sensitively. */
    public String prediction(String sql) {
        return sql.replace("value", "1");
    }

    /** The comparison operators repaired and, unless kept, DISTINCT removed; for gold and predictions alike. */
    public String apply(String sql) {
        String repaired = sql.replace("> =", ">=").replace("< =", "<=").replace("! =", "!=");
        return keepDistinct ? repaired : removeDistinct(repaired);
    }

    /** The text run on the database: {@code YEAR(CURDATE())} replaced by 2020. */
    public String forExecution(String sql) {
        return CURRENT_YEAR.matcher(sql).replaceAll("2020");
    }

    /** Spider decides order-sensitivity by searching gold's text, subqueries included. */
    public boolean orderMatters(String goldSql) {
        return goldSql.toLowerCase(Locale.ROOT).contains("order by");
    }

    /** The first statement's tokens without those spelled "distinct" (inside literals and quoted names they stay). */
    static String removeDistinct(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        for (SqlparseTokens.Token t : SqlparseTokens.firstStatement(sql)) {
            if (!t.text().equalsIgnoreCase("distinct")) {
                out.append(t.text());
            }
        }
        return out.toString();
    }
}
