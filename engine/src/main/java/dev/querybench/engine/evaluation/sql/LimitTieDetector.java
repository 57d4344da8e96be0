package dev.querybench.engine.evaluation.sql;

import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.SafeExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Detects gold queries whose {@code ORDER BY … LIMIT n} cuts through a tie: the last kept row
 * and the first dropped row have the same sort key, so another correct query may keep a
 * different row (test-suite-sql-eval#25, mini_dev#49). Runs a probe that selects the sort keys
 * with {@code LIMIT n + 1}. Each gold query is probed once, from the tree order detection parsed
 * ({@link ParsedQueries}): the probe is printed from that tree changed in place, which is then put
 * back as it was. Thread-safe.
 */
public final class LimitTieDetector {

    private final SafeExecutor executor;
    private final QueryLimits limits;
    private final ValueNormalizer normalizer = new ValueNormalizer();
    private final ConcurrentMap<String, Boolean> cache = new ConcurrentHashMap<>();
    private final ParsedQueries parsed;

    public LimitTieDetector(SafeExecutor executor, QueryLimits limits) {
        this(executor, limits, new ParsedQueries());
    }

    /** @param parsed the gold trees, shared with order detection */
    public LimitTieDetector(SafeExecutor executor, QueryLimits limits, ParsedQueries parsed) {
        this.executor = executor;
        this.limits = limits;
        this.parsed = parsed;
    }

    public boolean isAmbiguous(String goldSql) {
        return cache.computeIfAbsent(goldSql, sql -> probe(sql).map(this::tiesAtTheCut).orElse(false));
    }

    /** The probe query and n, when gold's outermost query is a plain SELECT with ORDER BY and LIMIT n. */
    Optional<Probe> probe(String goldSql) {
        String lower = goldSql.toLowerCase(java.util.Locale.ROOT);
        if (!lower.contains("limit") || !lower.contains("order")) {
            return Optional.empty();
        }
        return parsed.read(goldSql, statement -> statement instanceof PlainSelect select ? probe(select) : null);
    }

    /** The probe printed from the select changed in place, which is then restored (the tree is shared). */
    private static Probe probe(PlainSelect select) {
        Limit limit = select.getLimit();
        List<OrderByElement> order = select.getOrderByElements();
        if (limit == null || order == null || order.isEmpty() || !(limit.getRowCount() instanceof LongValue count)
                || select.getFetch() != null) {
            return null;
        }
        long n = count.getValue();
        List<SelectItem<?>> items = select.getSelectItems();
        List<Expression> originals = new ArrayList<>();
        List<SelectItem<?>> keys = new ArrayList<>();
        try {
            for (OrderByElement element : order) {
                Expression key = resolve(element.getExpression(), items);
                keys.add(SelectItem.from(key));
                originals.add(element.getExpression());
                element.setExpression(key);
            }
            select.setSelectItems(keys);
            limit.setRowCount(new LongValue(n + 1));
            return new Probe(select.toString(), n);
        } finally {
            for (int i = 0; i < originals.size(); i++) {
                order.get(i).setExpression(originals.get(i));
            }
            select.setSelectItems(items);
            limit.setRowCount(count);
        }
    }

    /** A positional or alias reference in ORDER BY stands for a select-list expression. */
    private static Expression resolve(Expression expression, List<SelectItem<?>> items) {
        if (expression instanceof LongValue position) {
            int index = (int) position.getValue() - 1;
            if (index >= 0 && index < items.size()) {
                return items.get(index).getExpression();
            }
        }
        if (expression instanceof Column column && column.getTable() == null) {
            for (SelectItem<?> item : items) {
                if (item.getAlias() != null && item.getAlias().getName().equalsIgnoreCase(column.getColumnName())) {
                    return item.getExpression();
                }
            }
        }
        return expression;
    }

    private boolean tiesAtTheCut(Probe probe) {
        QueryResult rows;
        try {
            rows = executor.execute(probe.sql(), limits);
        } catch (QueryExecutionException e) {
            return false;
        }
        if (probe.n() < 1 || rows.rowCount() <= probe.n()) {
            return false;
        }
        List<Object> kept = rows.rows().get((int) probe.n() - 1);
        List<Object> dropped = rows.rows().get((int) probe.n());
        for (int i = 0; i < kept.size(); i++) {
            if (!java.util.Objects.equals(normalizer.normalize(kept.get(i)), normalizer.normalize(dropped.get(i)))) {
                return false;
            }
        }
        return true;
    }

    /** The sort-key probe and the gold query's row limit. */
    record Probe(String sql, long n) {}
}
