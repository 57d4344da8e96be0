package dev.querybench.engine.testsuite;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
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
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;

/**
 * Neighbours of a gold query: the query with one thing changed on its parsed tree — a comparison
 * operator, a constant, a column, an aggregate, a join, DISTINCT, the ORDER direction, the LIMIT,
 * a filter dropped or AND/OR swapped (Zhong, Yu and Klein 2020). Each change is made on the tree,
 * printed and undone, so every neighbour differs from gold in exactly one place. Neighbours are
 * untrusted SQL like any prediction and run only through the safe executor. Gold that does not
 * parse as a SELECT has no neighbours. Stateless; thread-safe.
 */
public final class NeighbourGenerator {

    /**
     * A neighbour query and what was changed, for the report.
     *
     * @param equivalence why the change cannot alter any result on data that keeps the schema's
     *     constraints (a rule below), or empty when it may
     */
    public record Neighbour(String sql, String change, String equivalence) {
        public boolean equivalent() {
            return !equivalence.isEmpty();
        }
    }

    /** A literal of gold compared with a column: seeds random databases with the values gold asks about. */
    public record Constant(String column, Object value) {}

    /** The neighbours of {@code gold}, in a stable order, without duplicates and without gold itself. */
    public List<Neighbour> neighbours(String gold, SqliteSchema schema) {
        Optional<Select> parsed = parse(gold);
        if (parsed.isEmpty()) {
            return List.of();
        }
        Select root = parsed.get();
        String base = root.toString();
        Map<String, Neighbour> out = new LinkedHashMap<>();
        String[] why = {""};
        Consumer<String> print = what -> {
            String sql = root.toString();
            if (!sql.equals(base)) {
                out.putIfAbsent(sql, new Neighbour(sql, what, why[0]));
            }
            why[0] = "";
        };
        List<Select> selects = new ArrayList<>();
        collectSelects(root, selects);
        Map<String, String> aliases = aliases(selects);
        Scan scan = new Scan();
        for (Select select : selects) {
            scan.select(select);
        }
        EquivalenceRules rules = new EquivalenceRules(schema, aliases, scan.setSemantics, scan.exists);
        for (Select select : selects) {
            if (select instanceof PlainSelect ps && ps.getJoins() != null) {
                for (Join join : ps.getJoins()) {
                    if ((join.isLeft() || join.isRight() || join.isFull()) && join.getFromItem() instanceof Table t) {
                        rules.leftJoinedAlias(t.getAlias() != null ? t.getAlias().getName() : t.getName());
                    }
                }
            }
        }
        for (Select select : selects) {
            if (select instanceof PlainSelect ps) {
                var distinct = ps.getDistinct();
                ps.setDistinct(distinct == null ? new net.sf.jsqlparser.statement.select.Distinct() : null);
                why[0] = rules.distinct(ps);
                print.accept(distinct == null ? "DISTINCT added" : "DISTINCT removed");
                ps.setDistinct(distinct);
                if (ps.getJoins() != null) {
                    for (Join join : ps.getJoins()) {
                        if (!join.isLeft() && !join.isRight() && !join.isFull() && !join.isSimple() && !join.isCross()
                                && !join.isNatural() && join.getOnExpression() != null) {
                            boolean inner = join.isInner();
                            why[0] = rules.leftJoin(ps, join);
                            join.setInner(false);
                            join.setLeft(true);
                            print.accept("JOIN made LEFT JOIN");
                            join.setLeft(false);
                            join.setInner(inner);
                        }
                        if (join.getOnExpression() != null) {
                            conditions(new Slot(join::getOnExpression,
                                    x -> join.setOnExpressions(new ArrayList<>(List.of(x)))), print, "join condition");
                        }
                    }
                }
                if (ps.getWhere() != null) {
                    conditions(new Slot(ps::getWhere, ps::setWhere), print, "WHERE");
                }
                if (ps.getHaving() != null) {
                    conditions(new Slot(ps::getHaving, ps::setHaving), print, "HAVING");
                }
            }
            if (select.getOrderByElements() != null) {
                for (OrderByElement e : select.getOrderByElements()) {
                    boolean asc = e.isAsc();
                    boolean present = e.isAscDescPresent();
                    e.setAsc(!asc);
                    e.setAscDescPresent(true);
                    print.accept("ORDER BY " + e.getExpression() + (asc ? " ASC → DESC" : " DESC → ASC"));
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
                        print.accept("LIMIT " + value + " → " + other);
                    }
                }
                n.setValue(value);
                select.setLimit(null);
                print.accept("LIMIT removed");
                select.setLimit(limit);
            }
        }
        for (Function f : scan.functions) {
            String name = f.getName() == null ? "" : f.getName().toUpperCase(Locale.ROOT);
            List<String> others = switch (name) {
                case "MAX" -> List.of("MIN");
                case "MIN" -> List.of("MAX");
                case "SUM" -> List.of("AVG", "MAX");
                case "AVG" -> List.of("SUM", "MIN");
                case "COUNT" -> List.of();
                default -> List.of();
            };
            String original = f.getName();
            for (String other : others) {
                f.setName(other);
                print.accept(name + " → " + other);
            }
            f.setName(original);
            if ((name.equals("COUNT") || name.equals("SUM") || name.equals("AVG")) && !f.isAllColumns()
                    && f.getParameters() != null && !f.getParameters().isEmpty()
                    && !(f.getParameters().get(0) instanceof net.sf.jsqlparser.statement.select.AllColumns)) {
                boolean distinct = f.isDistinct();
                f.setDistinct(!distinct);
                print.accept(name + (distinct ? " DISTINCT removed" : " DISTINCT added"));
                f.setDistinct(distinct);
            }
        }
        for (LongValue v : scan.longs) {
            String text = v.getStringValue();
            long value = v.getValue();
            for (long other : new long[] {value + 1, value - 1}) {
                v.setValue(other);
                why[0] = scan.inExistsList.containsKey(v) ? "EXISTS ignores its select list" : "";
                print.accept("constant " + value + " → " + other);
            }
            v.setStringValue(text);
        }
        for (DoubleValue v : scan.doubles) {
            double value = v.getValue();
            for (double other : new double[] {value + 1, value - 1, value * 1.5}) {
                v.setValue(other);
                print.accept("constant " + value + " → " + other);
            }
            v.setValue(value);
        }
        for (StringValue v : scan.strings) {
            String value = v.getValue();
            for (String other : nearStrings(value)) {
                v.setValue(other);
                print.accept("constant '" + value + "' → '" + other + "'");
            }
            v.setValue(value);
        }
        for (Column c : scan.columns) {
            Optional<SqliteSchema.Table> table = tableOf(c, aliases, schema);
            if (table.isEmpty()) {
                continue;
            }
            Optional<SqliteSchema.Column> current = table.get().column(c.getColumnName());
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
                    why[0] = rules.column(c, table.get(), current.get(), other, scan);
                    c.setColumnName(quoteIfNeeded(other.name()));
                    print.accept("column " + name + " → " + other.name());
                    made++;
                }
            }
            c.setColumnName(name);
        }
        if (!root.toString().equals(base)) {
            throw new IllegalStateException("a neighbour change was not undone: " + root + " vs " + base);
        }
        return List.copyOf(out.values());
    }

    /** The literals gold compares columns with (=, <>, <, >, LIKE, IN, BETWEEN), for seeding data. */
    public List<Constant> constants(String gold) {
        Optional<Select> parsed = parse(gold);
        if (parsed.isEmpty()) {
            return List.of();
        }
        List<Select> selects = new ArrayList<>();
        collectSelects(parsed.get(), selects);
        Scan scan = new Scan();
        selects.forEach(scan::select);
        List<Constant> out = new ArrayList<>();
        for (Expression predicate : scan.predicates) {
            Scan inner = new Scan();
            predicate.accept(inner.visitor, null);
            for (Column c : inner.columns) {
                for (LongValue v : inner.longs) {
                    out.add(new Constant(c.getColumnName(), v.getValue()));
                }
                for (DoubleValue v : inner.doubles) {
                    out.add(new Constant(c.getColumnName(), v.getValue()));
                }
                for (StringValue v : inner.strings) {
                    out.add(new Constant(c.getColumnName(), v.getValue()));
                }
            }
        }
        return out;
    }

    /** Other values for a string constant: the day before and after for a date, else one letter off. */
    static List<String> nearStrings(String value) {
        if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                java.time.LocalDate day = java.time.LocalDate.parse(value);
                return List.of(day.plusDays(1).toString(), day.minusDays(1).toString());
            } catch (java.time.format.DateTimeParseException e) {
                // not a real date: change it like any string
            }
        }
        if (value.isEmpty()) {
            return List.of("x");
        }
        char last = value.charAt(value.length() - 1);
        return List.of(value.substring(0, value.length() - 1) + (char) (last == 'z' ? 'y' : last + 1));
    }

    private static Optional<Select> parse(String sql) {
        try {
            Statement statement = CCJSqlParserUtil.parse(sql.strip().replaceAll(";\\s*$", ""));
            return statement instanceof Select s ? Optional.of(s) : Optional.empty();
        } catch (JSQLParserException | RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /** A place in the tree that holds a condition: read it, or put another in its stead. */
    private record Slot(Supplier<Expression> get, Consumer<Expression> set) {}

    /** Changes each predicate of a condition tree in turn: operators, negation, dropped filters, AND/OR. */
    private void conditions(Slot slot, Consumer<String> print, String where) {
        Expression e = slot.get().get();
        if (e instanceof AndExpression || e instanceof OrExpression) {
            BinaryExpression b = (BinaryExpression) e;
            Expression left = b.getLeftExpression();
            Expression right = b.getRightExpression();
            BinaryExpression swapped = e instanceof AndExpression ? new OrExpression(left, right)
                    : new AndExpression(left, right);
            slot.set().accept(swapped);
            print.accept(where + ": " + (e instanceof AndExpression ? "AND → OR" : "OR → AND"));
            slot.set().accept(left);
            print.accept(where + ": dropped " + right);
            slot.set().accept(right);
            print.accept(where + ": dropped " + left);
            slot.set().accept(e);
            conditions(new Slot(b::getLeftExpression, b::setLeftExpression), print, where);
            conditions(new Slot(b::getRightExpression, b::setRightExpression), print, where);
        } else if (e instanceof Parenthesis p) {
            conditions(new Slot(p::getExpression, p::setExpression), print, where);
        } else if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            @SuppressWarnings("unchecked")
            List<Expression> raw = (List<Expression>) list;
            conditions(new Slot(() -> raw.get(0), x -> raw.set(0, x)), print, where);
        } else if (e instanceof NotExpression n) {
            slot.set().accept(n.getExpression());
            print.accept(where + ": NOT removed");
            slot.set().accept(e);
            conditions(new Slot(n::getExpression, n::setExpression), print, where);
        } else if (e instanceof ComparisonOperator c) {
            for (ComparisonOperator other : comparisons(c.getLeftExpression(), c.getRightExpression())) {
                if (!other.getClass().equals(c.getClass())) {
                    slot.set().accept(other);
                    print.accept(where + ": " + c.getStringExpression() + " → " + other.getStringExpression());
                }
            }
            slot.set().accept(e);
        } else if (e instanceof IsNullExpression n) {
            n.setNot(!n.isNot());
            print.accept(where + ": IS NULL negated");
            n.setNot(!n.isNot());
        } else if (e instanceof InExpression in) {
            in.setNot(!in.isNot());
            print.accept(where + ": IN negated");
            in.setNot(!in.isNot());
        } else if (e instanceof LikeExpression like) {
            like.setNot(!like.isNot());
            print.accept(where + ": LIKE negated");
            like.setNot(!like.isNot());
        } else if (e instanceof Between between) {
            between.setNot(!between.isNot());
            print.accept(where + ": BETWEEN negated");
            between.setNot(!between.isNot());
        }
    }

    private static List<ComparisonOperator> comparisons(Expression left, Expression right) {
        List<ComparisonOperator> all = new ArrayList<>();
        all.add(new EqualsTo(left, right));
        NotEqualsTo ne = new NotEqualsTo(left, right);
        all.add(ne);
        all.add(new GreaterThan(left, right));
        all.add(new GreaterThanEquals(left, right));
        all.add(new MinorThan(left, right));
        all.add(new MinorThanEquals(left, right));
        return all;
    }

    private static void collectSelects(Select select, List<Select> out) {
        out.add(select);
        switch (select) {
            case ParenthesedSelect p -> collectSelects(p.getSelect(), out);
            case SetOperationList list -> list.getSelects().forEach(s -> collectSelects(s, out));
            case PlainSelect ps -> {
                fromSelects(ps.getFromItem(), out);
                if (ps.getJoins() != null) {
                    ps.getJoins().forEach(j -> fromSelects(j.getFromItem(), out));
                }
                Scan scan = new Scan();
                scan.plain(ps, false);
                scan.nested.forEach(s -> collectSelects(s, out));
            }
            default -> { }
        }
        if (select.getWithItemsList() != null) {
            select.getWithItemsList().forEach(w -> {
                if (w.getSelect() != null) {
                    collectSelects(w.getSelect(), out);
                }
            });
        }
    }

    private static void fromSelects(FromItem item, List<Select> out) {
        if (item instanceof Select s) {
            collectSelects(s, out);
        } else if (item instanceof ParenthesedFromItem p) {
            fromSelects(p.getFromItem(), out);
            if (p.getJoins() != null) {
                p.getJoins().forEach(j -> fromSelects(j.getFromItem(), out));
            }
        }
    }

    /** Alias or name (lower case) → table name, over every FROM of the query. */
    private static Map<String, String> aliases(List<Select> selects) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Select s : selects) {
            if (s instanceof PlainSelect ps) {
                List<FromItem> items = new ArrayList<>();
                items.add(ps.getFromItem());
                if (ps.getJoins() != null) {
                    ps.getJoins().forEach(j -> items.add(j.getFromItem()));
                }
                for (FromItem item : items) {
                    if (item instanceof Table t) {
                        map.putIfAbsent(t.getName().toLowerCase(Locale.ROOT), t.getName());
                        if (t.getAlias() != null) {
                            map.put(t.getAlias().getName().toLowerCase(Locale.ROOT), t.getName());
                        }
                    }
                }
            }
        }
        return map;
    }

    private static Optional<SqliteSchema.Table> tableOf(Column c, Map<String, String> aliases, SqliteSchema schema) {
        String qualifier = c.getTable() == null ? null : c.getTable().getName();
        if (qualifier != null) {
            String table = aliases.get(unquote(qualifier).toLowerCase(Locale.ROOT));
            return table == null ? Optional.empty() : schema.table(unquote(table));
        }
        for (String table : aliases.values()) {
            Optional<SqliteSchema.Table> t = schema.table(unquote(table));
            if (t.isPresent() && t.get().column(unquote(c.getColumnName())).isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    private static String unquote(String name) {
        if (name.length() >= 2 && (name.startsWith("\"") || name.startsWith("`") || name.startsWith("["))) {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }

    private static String quoteIfNeeded(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The changeable nodes of a query: functions, literals, columns and predicates, in tree order. */
    static final class Scan {
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

        final ExpressionVisitorAdapter<Void> visitor = new ExpressionVisitorAdapter<>() {
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
            public <S> Void visit(net.sf.jsqlparser.expression.operators.relational.ExistsExpression e, S context) {
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

            @Override
            public <S> Void visit(EqualsTo e, S context) {
                predicates.add(e);
                return super.visit(e, context);
            }

            @Override
            public <S> Void visit(NotEqualsTo e, S context) {
                predicates.add(e);
                return super.visit(e, context);
            }

            @Override
            public <S> Void visit(GreaterThan e, S context) {
                predicates.add(e);
                return super.visit(e, context);
            }

            @Override
            public <S> Void visit(GreaterThanEquals e, S context) {
                predicates.add(e);
                return super.visit(e, context);
            }

            @Override
            public <S> Void visit(MinorThan e, S context) {
                predicates.add(e);
                return super.visit(e, context);
            }

            @Override
            public <S> Void visit(MinorThanEquals e, S context) {
                predicates.add(e);
                return super.visit(e, context);
            }

            @Override
            public <S> Void visit(LikeExpression e, S context) {
                predicates.add(e);
                return super.visit(e, context);
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
        };

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
}
