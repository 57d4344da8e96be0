package dev.querybench.engine.testsuite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Changes that cannot alter any result on data that keeps the schema's constraints, so a
 * neighbour made by one is an equivalent rewrite, not a wrong query: no database can tell it from
 * gold, and it is left out of what a suite must catch (the report counts it apart). Each rule is
 * sound on its own and deliberately narrow; a change no rule covers is treated as one that may
 * differ. Each method returns the reason, or an empty string.
 */
final class EquivalenceRules {

    private static final Set<String> AGGREGATES = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX", "GROUP_CONCAT",
            "TOTAL");

    private final SqliteSchema schema;
    private final Map<String, String> aliases;
    private final Map<Select, Boolean> setSemantics;
    private final Map<Select, Boolean> exists;

    EquivalenceRules(SqliteSchema schema, Map<String, String> aliases, Map<Select, Boolean> setSemantics,
            Map<Select, Boolean> exists) {
        this.schema = schema;
        this.aliases = aliases;
        this.setSemantics = setSemantics;
        this.exists = exists;
    }

    /** DISTINCT added or removed where rows are distinct anyway, or duplicates do not count. */
    String distinct(PlainSelect ps) {
        if (setSemantics.containsKey(ps) || exists.containsKey(ps)) {
            return "duplicates do not count in IN, EXISTS, UNION, INTERSECT and EXCEPT";
        }
        if (ps.getLimit() != null && ps.getLimit().getRowCount() instanceof net.sf.jsqlparser.expression.LongValue n
                && n.getValue() == 1 && ps.getLimit().getOffset() == null) {
            return "LIMIT 1 returns one row";
        }
        boolean aggregate = ps.getSelectItems().stream().anyMatch(i -> hasAggregate(i.getExpression()));
        if (ps.getGroupBy() == null && aggregate) {
            return "an aggregate without GROUP BY returns one row";
        }
        if (ps.getGroupBy() != null && ps.getGroupBy().getGroupByExpressionList() != null) {
            Set<String> shown = new java.util.HashSet<>();
            for (SelectItem<?> item : ps.getSelectItems()) {
                shown.add(norm(item.getExpression().toString()));
                if (item.getAlias() != null) {
                    shown.add(norm(item.getAlias().getName()));
                }
            }
            List<?> keys = ps.getGroupBy().getGroupByExpressionList();
            if (keys.stream().allMatch(k -> shown.contains(norm(k.toString())))) {
                return "every GROUP BY key is in the result, so rows are distinct";
            }
        }
        return "";
    }

    /** An inner join made LEFT where the rows it would add are rejected, or cannot exist. */
    String leftJoin(PlainSelect ps, Join join) {
        if (!(join.getFromItem() instanceof Table joined)) {
            return "";
        }
        String alias = joined.getAlias() != null ? joined.getAlias().getName() : joined.getName();
        for (Expression conjunct : conjuncts(ps.getWhere())) {
            boolean rejectsNull = conjunct instanceof ComparisonOperator || conjunct instanceof LikeExpression
                    || conjunct instanceof Between || conjunct instanceof InExpression
                    || conjunct instanceof IsNullExpression n && n.isNot();
            if (rejectsNull && columns(conjunct).stream().anyMatch(c -> qualifier(c).equalsIgnoreCase(alias))) {
                return "the WHERE rejects the rows a LEFT JOIN adds";
            }
        }
        boolean after = false;
        for (Join later : ps.getJoins()) {
            if (later == join) {
                after = true;
                continue;
            }
            if (after && !later.isLeft() && !later.isRight() && !later.isFull() && later.getOnExpression() != null) {
                for (Expression conjunct : conjuncts(later.getOnExpression())) {
                    if (conjunct instanceof ComparisonOperator
                            && columns(conjunct).stream().anyMatch(c -> qualifier(c).equalsIgnoreCase(alias))) {
                        return "a later inner join rejects the rows a LEFT JOIN adds";
                    }
                }
            }
        }
        if (join.getOnExpression() instanceof EqualsTo eq && eq.getLeftExpression() instanceof Column a
                && eq.getRightExpression() instanceof Column b) {
            Column parent = qualifier(a).equalsIgnoreCase(alias) ? a : qualifier(b).equalsIgnoreCase(alias) ? b : null;
            Column child = parent == a ? b : a;
            Optional<SqliteSchema.Table> parentTable = schema.table(unquote(joined.getName()));
            Optional<SqliteSchema.Table> childTable = table(child);
            if (parent != null && parentTable.isPresent() && childTable.isPresent()) {
                String childColumn = unquote(child.getColumnName());
                boolean notNull = childTable.get().column(childColumn).map(SqliteSchema.Column::notNull).orElse(false);
                for (SqliteSchema.ForeignKey fk : childTable.get().foreignKeys()) {
                    List<String> to = fk.referencedColumns().isEmpty() ? parentTable.get().primaryKey()
                            : fk.referencedColumns();
                    if (notNull && fk.columns().size() == 1 && fk.columns().getFirst().equalsIgnoreCase(childColumn)
                            && fk.referencedTable().equalsIgnoreCase(parentTable.get().name()) && to.size() == 1
                            && to.getFirst().equalsIgnoreCase(unquote(parent.getColumnName()))) {
                        return "every row has its parent by a NOT NULL foreign key";
                    }
                }
            }
        }
        return "";
    }

    /** A column swapped for another of its table where the change cannot show. */
    String column(Column c, SqliteSchema.Table table, SqliteSchema.Column from, SqliteSchema.Column to,
            TreeScan scan) {
        PlainSelect grouped = scan.groupBy.get(c);
        if (grouped != null && !table.primaryKey().isEmpty()) {
            String q = qualifier(c);
            Set<String> keyColumns = new java.util.HashSet<>();
            for (Object key : grouped.getGroupBy().getGroupByExpressionList()) {
                if (key instanceof Column k && k != c && qualifier(k).equalsIgnoreCase(q)) {
                    keyColumns.add(unquote(k.getColumnName()).toLowerCase(Locale.ROOT));
                }
            }
            if (table.primaryKey().stream().allMatch(pk -> keyColumns.contains(pk.toLowerCase(Locale.ROOT)))) {
                return "the GROUP BY holds the table's primary key, which decides its other columns";
            }
        }
        Function aggregate = scan.aggregateArgument.get(c);
        if (aggregate != null && "COUNT".equalsIgnoreCase(aggregate.getName()) && !aggregate.isDistinct()
                && from.notNull() && to.notNull() && !outerJoins()) {
            return "COUNT of a NOT NULL column counts every row";
        }
        if (scan.isNull.containsKey(c) && from.notNull() && to.notNull() && leftJoined(qualifier(c))) {
            return "after a LEFT JOIN every NOT NULL column of the joined table is NULL on the same rows";
        }
        return "";
    }

    private boolean outerJoins() {
        return hasOuterJoin();
    }

    private final List<String> leftJoinedAliases = new ArrayList<>();

    /** Notes the aliases of tables joined with LEFT JOIN in the query. */
    void leftJoinedAlias(String alias) {
        leftJoinedAliases.add(alias.toLowerCase(Locale.ROOT));
    }

    boolean hasOuterJoin() {
        return !leftJoinedAliases.isEmpty();
    }

    private boolean leftJoined(String alias) {
        return leftJoinedAliases.contains(alias.toLowerCase(Locale.ROOT));
    }

    private Optional<SqliteSchema.Table> table(Column c) {
        String q = qualifier(c);
        if (q.isEmpty()) {
            return Optional.empty();
        }
        String name = aliases.get(unquote(q).toLowerCase(Locale.ROOT));
        return name == null ? Optional.empty() : schema.table(unquote(name));
    }

    private static List<Expression> conjuncts(Expression e) {
        List<Expression> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        if (e instanceof AndExpression and) {
            out.addAll(conjuncts(and.getLeftExpression()));
            out.addAll(conjuncts(and.getRightExpression()));
        } else if (e instanceof Parenthesis p) {
            out.addAll(conjuncts(p.getExpression()));
        } else if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1
                && list.get(0) instanceof Expression inner) {
            out.addAll(conjuncts(inner));
        } else {
            out.add(e);
        }
        return out;
    }

    private static List<Column> columns(Expression e) {
        TreeScan scan = new TreeScan();
        e.accept(scan.visitor, null);
        return scan.columns;
    }

    private static boolean hasAggregate(Expression e) {
        TreeScan scan = new TreeScan();
        e.accept(scan.visitor, null);
        return scan.functions.stream().anyMatch(f -> f.getName() != null
                && AGGREGATES.contains(f.getName().toUpperCase(Locale.ROOT)));
    }

    private static String qualifier(Column c) {
        return c.getTable() == null || c.getTable().getName() == null ? "" : unquote(c.getTable().getName());
    }

    private static String unquote(String name) {
        if (name.length() >= 2 && (name.startsWith("\"") || name.startsWith("`") || name.startsWith("["))) {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }

    private static String norm(String s) {
        return s.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
