package dev.querybench.engine.testsuite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
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
        List<Select> selects = new ArrayList<>();
        collectSelects(root, selects);
        Map<String, String> aliases = aliases(selects);
        TreeScan scan = new TreeScan();
        selects.forEach(scan::select);
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
        NeighbourChanges changes = new NeighbourChanges(root, scan, rules);
        for (Select select : selects) {
            if (select instanceof PlainSelect ps) {
                changes.plain(ps);
            }
            changes.orderAndLimit(select);
        }
        changes.functions();
        changes.literals();
        changes.columns(aliases, schema);
        return changes.neighbours();
    }

    /** The literals gold compares columns with (=, <>, <, >, LIKE, IN, BETWEEN), for seeding data. */
    public List<Constant> constants(String gold) {
        Optional<Select> parsed = parse(gold);
        if (parsed.isEmpty()) {
            return List.of();
        }
        List<Select> selects = new ArrayList<>();
        collectSelects(parsed.get(), selects);
        TreeScan scan = new TreeScan();
        selects.forEach(scan::select);
        List<Constant> out = new ArrayList<>();
        for (Expression predicate : scan.predicates) {
            TreeScan inner = new TreeScan();
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
                TreeScan scan = new TreeScan();
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

    static Optional<SqliteSchema.Table> tableOf(Column c, Map<String, String> aliases, SqliteSchema schema) {
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
}
