package dev.querybench.engine.evaluation.sql;

import java.util.Locale;

/**
 * The query rewrites Spider's official test-suite evaluator applies before executing, reproduced
 * so users can match published numbers: {@code > =}, {@code < =} and {@code ! =} repaired, and
 * every DISTINCT token removed (also inside {@code COUNT(DISTINCT …)}) unless distinct is kept.
 * Stateless and thread-safe.
 */
public final class SpiderRewrite {

    private final boolean keepDistinct;

    public SpiderRewrite(boolean keepDistinct) {
        this.keepDistinct = keepDistinct;
    }

    public String apply(String sql) {
        String repaired = sql.replace("> =", ">=").replace("< =", "<=").replace("! =", "!=");
        return keepDistinct ? repaired : removeDistinct(repaired);
    }

    /** Spider decides order-sensitivity by searching gold's text, subqueries included. */
    public boolean orderMatters(String goldSql) {
        return goldSql.toLowerCase(Locale.ROOT).contains("order by");
    }

    private static String removeDistinct(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = sql.indexOf(c, i + 1);
                end = end < 0 ? sql.length() - 1 : end;
                out.append(sql, i, end + 1);
                i = end + 1;
            } else if (Character.isLetter(c) && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
                int end = i;
                while (end < sql.length() && isWordChar(sql.charAt(end))) {
                    end++;
                }
                String word = sql.substring(i, end);
                if (!word.equalsIgnoreCase("distinct")) {
                    out.append(word);
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
