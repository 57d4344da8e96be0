package dev.querybench.engine.evaluation.sql;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Which result columns hold the sort keys of a query's outermost ORDER BY, so an ordered
 * comparison can let rows with equal keys come in any order (docs/evaluation.md, "ordered
 * results"). A key is found when it is a position ({@code ORDER BY 2}), an alias of the select
 * list, a column the select list shows, or an expression written as in the select list. Stateless
 * and thread-safe.
 */
public final class OrderKeys {

    private OrderKeys() {}

    /** The result column of each sort key, in ORDER BY order; empty when any key is not in the result. */
    public static Optional<int[]> of(Statement statement) {
        if (!(statement instanceof Select select)) {
            return Optional.empty();
        }
        while (select instanceof ParenthesedSelect p && p.getSelect() != null
                && (p.getOrderByElements() == null || p.getOrderByElements().isEmpty())) {
            select = p.getSelect();
        }
        List<OrderByElement> order = select.getOrderByElements();
        if (order == null || order.isEmpty() || !(select instanceof PlainSelect plain)) {
            return Optional.empty();
        }
        List<SelectItem<?>> items = plain.getSelectItems();
        int[] keys = new int[order.size()];
        for (int k = 0; k < keys.length; k++) {
            int index = column(order.get(k).getExpression(), items);
            if (index < 0) {
                return Optional.empty();
            }
            keys[k] = index;
        }
        return Optional.of(keys);
    }

    private static int column(Expression key, List<SelectItem<?>> items) {
        if (key instanceof LongValue position) {
            long p = position.getValue();
            return p >= 1 && p <= items.size() && !isStar(items) ? (int) p - 1 : -1;
        }
        if (isStar(items)) {
            return -1;
        }
        String text = key.toString().toLowerCase(Locale.ROOT);
        for (int i = 0; i < items.size(); i++) {
            SelectItem<?> item = items.get(i);
            if (item.getAlias() != null && key instanceof Column c && c.getTable() == null
                    && item.getAlias().getName().replace("\"", "").equalsIgnoreCase(c.getColumnName()
                            .replace("\"", ""))) {
                return i;
            }
        }
        for (int i = 0; i < items.size(); i++) {
            Expression shown = items.get(i).getExpression();
            if (shown.toString().toLowerCase(Locale.ROOT).equals(text)) {
                return i;
            }
        }
        if (key instanceof Column c) {
            int found = -1;
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).getExpression() instanceof Column shown
                        && shown.getColumnName().equalsIgnoreCase(c.getColumnName())) {
                    if (found >= 0) {
                        return -1;
                    }
                    found = i;
                }
            }
            return found;
        }
        return -1;
    }

    private static boolean isStar(List<SelectItem<?>> items) {
        return items.stream().anyMatch(i -> i.getExpression() instanceof net.sf.jsqlparser.statement.select.AllColumns);
    }
}
