package dev.querybench.engine.evaluation.sql;

import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Decides whether a query's result order is meaningful: only an ORDER BY on the outermost query
 * counts (Spider's substring check also fires on subqueries). Stateless and thread-safe.
 */
public final class OrderDetector {

    private final dev.querybench.engine.db.SqlParsing parsing = new dev.querybench.engine.db.SqlParsing();

    public boolean isOrdered(String sql) {
        return ParsedQueries.parse(parsing, sql).map(OrderDetector::isOrdered).orElseGet(() -> textuallyOrdered(sql));
    }

    /** Whether a parsed statement's outermost query orders its rows. */
    public static boolean isOrdered(Statement statement) {
        return statement instanceof Select select && outermostOrders(select);
    }

    private static boolean outermostOrders(Select select) {
        if (select.getOrderByElements() != null && !select.getOrderByElements().isEmpty()) {
            return true;
        }
        return select instanceof ParenthesedSelect p && p.getSelect() != null && outermostOrders(p.getSelect());
    }

    /** When the parser cannot read gold, look for ORDER BY outside parentheses. */
    public static boolean textuallyOrdered(String sql) {
        String lower = sql.toLowerCase(java.util.Locale.ROOT);
        int depth = 0;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && lower.startsWith("order", i) && lower.substring(i + 5).stripLeading().startsWith("by")) {
                return true;
            }
        }
        return false;
    }
}
