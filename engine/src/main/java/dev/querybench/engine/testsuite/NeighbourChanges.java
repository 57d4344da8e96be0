package dev.querybench.engine.testsuite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.Distinct;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * The changes {@link NeighbourGenerator} makes on one parsed gold query, kind by kind: each is
 * made on the tree, printed as a neighbour (with the rule that makes it equivalent, if one does)
 * and undone. One instance per gold query; not thread-safe.
 */
final class NeighbourChanges {

    /** A place in the tree that holds a condition: read it, or put another in its stead. */
    private record Slot(Supplier<Expression> get, Consumer<Expression> set) {}

    private final Select root;
    private final String base;
    private final TreeScan scan;
    private final EquivalenceRules rules;
    private final Map<String, NeighbourGenerator.Neighbour> out = new LinkedHashMap<>();
    private String why = "";

    NeighbourChanges(Select root, TreeScan scan, EquivalenceRules rules) {
        this.root = root;
        this.base = root.toString();
        this.scan = scan;
        this.rules = rules;
    }

    /** The neighbours printed so far, in order; checks that every change was undone. */
    List<NeighbourGenerator.Neighbour> neighbours() {
        if (!root.toString().equals(base)) {
            throw new IllegalStateException("a neighbour change was not undone: " + root + " vs " + base);
        }
        return List.copyOf(out.values());
    }

    private void print(String what) {
        String sql = root.toString();
        if (!sql.equals(base)) {
            out.putIfAbsent(sql, new NeighbourGenerator.Neighbour(sql, what, why));
        }
        why = "";
    }

    /** DISTINCT, joins and the conditions of WHERE, ON and HAVING of one SELECT. */
    void plain(PlainSelect ps) {
        Distinct distinct = ps.getDistinct();
        ps.setDistinct(distinct == null ? new Distinct() : null);
        why = rules.distinct(ps);
        print(distinct == null ? "DISTINCT added" : "DISTINCT removed");
        ps.setDistinct(distinct);
        if (ps.getJoins() != null) {
            for (Join join : ps.getJoins()) {
                join(ps, join);
            }
        }
        if (ps.getWhere() != null) {
            conditions(new Slot(ps::getWhere, ps::setWhere), "WHERE");
        }
        if (ps.getHaving() != null) {
            conditions(new Slot(ps::getHaving, ps::setHaving), "HAVING");
        }
    }

    private void join(PlainSelect ps, Join join) {
        if (!join.isLeft() && !join.isRight() && !join.isFull() && !join.isSimple() && !join.isCross()
                && !join.isNatural() && join.getOnExpression() != null) {
            boolean inner = join.isInner();
            why = rules.leftJoin(ps, join);
            join.setInner(false);
            join.setLeft(true);
            print("JOIN made LEFT JOIN");
            join.setLeft(false);
            join.setInner(inner);
        }
        if (join.getOnExpression() != null) {
            conditions(new Slot(join::getOnExpression, x -> join.setOnExpressions(new ArrayList<>(List.of(x)))),
                    "join condition");
        }
    }

    /** Each ORDER BY direction flipped; LIMIT n made n±1 or removed. */
    void orderAndLimit(Select select) {
        if (select.getOrderByElements() != null) {
            for (OrderByElement e : select.getOrderByElements()) {
                boolean asc = e.isAsc();
                boolean present = e.isAscDescPresent();
                e.setAsc(!asc);
                e.setAscDescPresent(true);
                print("ORDER BY " + e.getExpression() + (asc ? " ASC → DESC" : " DESC → ASC"));
                e.setAsc(asc);
                e.setAscDescPresent(present);
            }
        }
        Limit limit = select.getLimit();
        if (limit != null && limit.getRowCount() instanceof LongValue n && limit.getOffset() == null) {
            long value = n.getValue();
            for (long other : new long[] {value + 1, value - 1}) {
                if (other >= 1) {
                    n.setValue(other);
                    print("LIMIT " + value + " → " + other);
                }
            }
            n.setValue(value);
            select.setLimit(null);
            print("LIMIT removed");
            select.setLimit(limit);
        }
    }

    /** MAX↔MIN, SUM→AVG/MAX, AVG→SUM/MIN; DISTINCT inside COUNT, SUM and AVG added or removed. */
    void functions() {
        for (Function f : scan.functions) {
            String name = f.getName() == null ? "" : f.getName().toUpperCase(Locale.ROOT);
            List<String> others = switch (name) {
                case "MAX" -> List.of("MIN");
                case "MIN" -> List.of("MAX");
                case "SUM" -> List.of("AVG", "MAX");
                case "AVG" -> List.of("SUM", "MIN");
                default -> List.of();
            };
            String original = f.getName();
            for (String other : others) {
                f.setName(other);
                print(name + " → " + other);
            }
            f.setName(original);
            if ((name.equals("COUNT") || name.equals("SUM") || name.equals("AVG")) && !f.isAllColumns()
                    && f.getParameters() != null && !f.getParameters().isEmpty()
                    && !(f.getParameters().get(0) instanceof AllColumns)) {
                boolean distinct = f.isDistinct();
                f.setDistinct(!distinct);
                print(name + (distinct ? " DISTINCT removed" : " DISTINCT added"));
                f.setDistinct(distinct);
            }
        }
    }

    /** Numbers ±1 (decimals also ×1.5), strings one letter off, dates a day either way. */
    void literals() {
        for (LongValue v : scan.longs) {
            String text = v.getStringValue();
            long value = v.getValue();
            for (long other : new long[] {value + 1, value - 1}) {
                v.setValue(other);
                why = scan.inExistsList.containsKey(v) ? "EXISTS ignores its select list" : "";
                print("constant " + value + " → " + other);
            }
            v.setStringValue(text);
        }
        for (DoubleValue v : scan.doubles) {
            double value = v.getValue();
            for (double other : new double[] {value + 1, value - 1, value * 1.5}) {
                v.setValue(other);
                print("constant " + value + " → " + other);
            }
            v.setValue(value);
        }
        for (StringValue v : scan.strings) {
            String value = v.getValue();
            for (String other : NeighbourGenerator.nearStrings(value)) {
                v.setValue(other);
                print("constant '" + value + "' → '" + other + "'");
            }
            v.setValue(value);
        }
    }

    /** Each column swapped for up to three others of its table with the same kind of values. */
    void columns(Map<String, String> aliases, SqliteSchema schema) {
        for (Column c : scan.columns) {
            Optional<SqliteSchema.Table> table = NeighbourGenerator.tableOf(c, aliases, schema);
            Optional<SqliteSchema.Column> current = table.flatMap(t -> t.column(c.getColumnName()));
            if (current.isEmpty()) {
                continue;
            }
            String name = c.getColumnName();
            int made = 0;
            for (SqliteSchema.Column other : table.get().columns()) {
                if (made == 3) {
                    break;
                }
                if (!other.name().equalsIgnoreCase(name) && other.kind() == current.get().kind()) {
                    why = rules.column(c, table.get(), current.get(), other, scan);
                    c.setColumnName(quoteIfNeeded(other.name()));
                    print("column " + name + " → " + other.name());
                    made++;
                }
            }
            c.setColumnName(name);
        }
    }

    /** Changes each predicate of a condition tree in turn: operators, negation, dropped filters, AND/OR. */
    private void conditions(Slot slot, String where) {
        Expression e = slot.get().get();
        if (e instanceof AndExpression || e instanceof OrExpression) {
            connective(slot, (BinaryExpression) e, where);
        } else if (e instanceof Parenthesis p) {
            conditions(new Slot(p::getExpression, p::setExpression), where);
        } else if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            @SuppressWarnings("unchecked")
            List<Expression> raw = (List<Expression>) list;
            conditions(new Slot(() -> raw.get(0), x -> raw.set(0, x)), where);
        } else if (e instanceof NotExpression n) {
            slot.set().accept(n.getExpression());
            print(where + ": NOT removed");
            slot.set().accept(e);
            conditions(new Slot(n::getExpression, n::setExpression), where);
        } else if (e instanceof ComparisonOperator c) {
            for (ComparisonOperator other : comparisons(c.getLeftExpression(), c.getRightExpression())) {
                if (!other.getClass().equals(c.getClass())) {
                    slot.set().accept(other);
                    print(where + ": " + c.getStringExpression() + " → " + other.getStringExpression());
                }
            }
            slot.set().accept(e);
        } else {
            negations(e, where);
        }
    }

    private void connective(Slot slot, BinaryExpression e, String where) {
        Expression left = e.getLeftExpression();
        Expression right = e.getRightExpression();
        boolean and = e instanceof AndExpression;
        slot.set().accept(and ? new OrExpression(left, right) : new AndExpression(left, right));
        print(where + ": " + (and ? "AND → OR" : "OR → AND"));
        slot.set().accept(left);
        print(where + ": dropped " + right);
        slot.set().accept(right);
        print(where + ": dropped " + left);
        slot.set().accept(e);
        conditions(new Slot(e::getLeftExpression, e::setLeftExpression), where);
        conditions(new Slot(e::getRightExpression, e::setRightExpression), where);
    }

    private void negations(Expression e, String where) {
        if (e instanceof IsNullExpression n) {
            n.setNot(!n.isNot());
            print(where + ": IS NULL negated");
            n.setNot(!n.isNot());
        } else if (e instanceof InExpression in) {
            in.setNot(!in.isNot());
            print(where + ": IN negated");
            in.setNot(!in.isNot());
        } else if (e instanceof LikeExpression like) {
            like.setNot(!like.isNot());
            print(where + ": LIKE negated");
            like.setNot(!like.isNot());
        } else if (e instanceof Between between) {
            between.setNot(!between.isNot());
            print(where + ": BETWEEN negated");
            between.setNot(!between.isNot());
        }
    }

    private static List<ComparisonOperator> comparisons(Expression left, Expression right) {
        return List.of(new EqualsTo(left, right), new NotEqualsTo(left, right), new GreaterThan(left, right),
                new GreaterThanEquals(left, right), new MinorThan(left, right), new MinorThanEquals(left, right));
    }

    private static String quoteIfNeeded(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
