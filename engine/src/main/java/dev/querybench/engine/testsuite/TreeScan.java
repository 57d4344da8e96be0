package dev.querybench.engine.testsuite;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;

/** The changeable nodes of a query: functions, literals, columns and predicates, in tree order. */
final class TreeScan {
    /** The binary expressions that count as predicates: the six comparisons and LIKE. */
    private static final List<Class<? extends BinaryExpression>> COMPARISONS = List.of(EqualsTo.class,
            NotEqualsTo.class, GreaterThan.class, GreaterThanEquals.class, MinorThan.class, MinorThanEquals.class,
            LikeExpression.class);

    final List<Function> functions = new ArrayList<>();
    final List<LongValue> longs = new ArrayList<>();
    final List<DoubleValue> doubles = new ArrayList<>();
    final List<StringValue> strings = new ArrayList<>();
    final List<Column> columns = new ArrayList<>();
    final List<Expression> predicates = new ArrayList<>();
    final List<Select> nested = new ArrayList<>();
    /** Selects whose duplicates do not matter: IN and EXISTS subqueries, members of UNION/INTERSECT/EXCEPT. */
    final Map<Select, Boolean> setSemantics = new IdentityHashMap<>();
    /** Selects under EXISTS, whose select list does not matter. */
    final Map<Select, Boolean> exists = new IdentityHashMap<>();
    /** Literals in the select list of an EXISTS subquery. */
    final Map<Object, Boolean> inExistsList = new IdentityHashMap<>();
    /** Columns in a GROUP BY, with their select. */
    final Map<Column, PlainSelect> groupBy = new IdentityHashMap<>();
    /** Columns tested with IS NULL (not IS NOT NULL). */
    final Map<Column, Boolean> isNull = new IdentityHashMap<>();
    /** Columns as the only argument of an aggregate, with the aggregate's name. */
    final Map<Column, Function> aggregateArgument = new IdentityHashMap<>();
    private final Map<Object, Boolean> seen = new IdentityHashMap<>();
    private boolean inGroupBy;
    private PlainSelect current;

    final ExpressionVisitorAdapter<Void> visitor = new Visitor();

    /** Records each changeable node it meets; one method per kind of node. */
    private final class Visitor extends ExpressionVisitorAdapter<Void> {
        @Override
        public <S> Void visit(Function function, S context) {
            if (seen.put(function, true) == null) {
                functions.add(function);
            }
            if (function.getParameters() != null && function.getParameters().size() == 1
                    && function.getParameters().get(0) instanceof Column c) {
                aggregateArgument.put(c, function);
            }
            return super.visit(function, context);
        }

        @Override
        public <S> Void visit(ExistsExpression e, S context) {
            if (e.getRightExpression() instanceof Select select) {
                markSet(select);
                unwrap(select).ifPresent(inner -> exists.put(inner, true));
            }
            return super.visit(e, context);
        }

        @Override
        public <S> Void visit(LongValue value, S context) {
            if (seen.put(value, true) == null) {
                longs.add(value);
            }
            return null;
        }

        @Override
        public <S> Void visit(DoubleValue value, S context) {
            if (seen.put(value, true) == null) {
                doubles.add(value);
            }
            return null;
        }

        @Override
        public <S> Void visit(StringValue value, S context) {
            if (seen.put(value, true) == null) {
                strings.add(value);
            }
            return null;
        }

        @Override
        public <S> Void visit(Column column, S context) {
            if (seen.put(column, true) == null) {
                columns.add(column);
            }
            if (inGroupBy && current != null) {
                groupBy.put(column, current);
            }
            return null;
        }

        @Override
        public <S> Void visit(ParenthesedSelect select, S context) {
            nested.add(select);
            return null;
        }

        @Override
        public <S> Void visit(Select select, S context) {
            nested.add(select);
            return null;
        }

        /** Comparisons and LIKE: the binary expressions that are predicates a mutation can flip. */
        @Override
        protected <S> Void visitBinaryExpression(BinaryExpression e, S context) {
            if (COMPARISONS.stream().anyMatch(kind -> kind.isInstance(e))) {
                predicates.add(e);
            }
            return super.visitBinaryExpression(e, context);
        }

        @Override
        public <S> Void visit(IsNullExpression e, S context) {
            if (!e.isNot() && e.getLeftExpression() instanceof Column c) {
                isNull.put(c, true);
            }
            return super.visit(e, context);
        }

        @Override
        public <S> Void visit(InExpression e, S context) {
            predicates.add(e);
            if (e.getRightExpression() instanceof Select select) {
                markSet(select);
            }
            return super.visit(e, context);
        }

        @Override
        public <S> Void visit(Between e, S context) {
            predicates.add(e);
            return super.visit(e, context);
        }
    }

    void markSet(Select select) {
        setSemantics.put(select, true);
        unwrap(select).ifPresent(inner -> setSemantics.put(inner, true));
        if (unwrap(select).orElse(select) instanceof SetOperationList list && list.getOperations().stream()
                .noneMatch(op -> op.toString().toUpperCase(Locale.ROOT).contains("ALL"))) {
            list.getSelects().forEach(this::markSet);
        }
    }

    static Optional<Select> unwrap(Select select) {
        Select s = select;
        while (s instanceof ParenthesedSelect p && p.getSelect() != null) {
            s = p.getSelect();
        }
        return Optional.of(s);
    }

    void select(Select select) {
        if (select instanceof SetOperationList list && list.getOperations().stream()
                .noneMatch(op -> op.toString().toUpperCase(Locale.ROOT).contains("ALL"))) {
            list.getSelects().forEach(this::markSet);
        }
        if (select instanceof PlainSelect ps) {
            current = ps;
            if (exists.containsKey(ps)) {
                for (SelectItem<?> item : ps.getSelectItems()) {
                    if (item.getExpression() instanceof LongValue || item.getExpression() instanceof StringValue) {
                        inExistsList.put(item.getExpression(), true);
                    }
                }
            }
            plain(ps, true);
        }
        if (select.getOrderByElements() != null) {
            select.getOrderByElements().forEach(o -> accept(o.getExpression()));
        }
    }

    void plain(PlainSelect ps, boolean withOrder) {
        for (SelectItem<?> item : ps.getSelectItems()) {
            accept(item.getExpression());
        }
        accept(ps.getWhere());
        accept(ps.getHaving());
        if (ps.getJoins() != null) {
            for (Join j : ps.getJoins()) {
                if (j.getOnExpressions() != null) {
                    j.getOnExpressions().forEach(this::accept);
                }
            }
        }
        if (ps.getGroupBy() != null && ps.getGroupBy().getGroupByExpressionList() != null) {
            ExpressionList<?> list = ps.getGroupBy().getGroupByExpressionList();
            inGroupBy = true;
            list.forEach(this::accept);
            inGroupBy = false;
        }
    }

    private void accept(Expression e) {
        if (e != null) {
            e.accept(visitor, null);
        }
    }
}
