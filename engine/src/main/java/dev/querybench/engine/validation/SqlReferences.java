package dev.querybench.engine.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.TablesNamesFinder;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;
import net.sf.jsqlparser.util.deparser.SelectDeParser;
import net.sf.jsqlparser.util.deparser.StatementDeParser;

/**
 * The tables and columns one query reads, found with JSqlParser: tables through
 * {@link TablesNamesFinder} (CTE names excluded), columns by walking every expression. A column
 * qualified by a table or its alias belongs to that table; an unqualified one to any of the
 * query's tables. Names defined by the query itself (CTEs, derived tables, select aliases) are
 * not requirements. Names are lower-cased. Immutable.
 *
 * @param tables real tables the query reads
 * @param columns required columns, each with the tables it may belong to
 */
record SqlReferences(Set<String> tables, List<ColumnReference> columns) {

    /**
     * A column the query needs.
     *
     * @param column column name
     * @param candidates tables of which at least one must have it
     */
    record ColumnReference(String column, Set<String> candidates) {}

    /** @throws IllegalArgumentException when the SQL does not parse */
    static SqlReferences of(String sql) {
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(sql);
        } catch (JSQLParserException e) {
            throw new IllegalArgumentException("cannot parse: " + String.valueOf(e.getMessage()).lines().findFirst()
                    .orElse(""), e);
        }
        Walker walker = new Walker();
        StringBuilder sink = new StringBuilder();
        walker.expressions.setBuilder(sink);
        walker.expressions.setSelectVisitor(walker.selects);
        statement.accept(new StatementDeParser(walker.expressions, walker.selects, sink));

        Set<String> tables = new LinkedHashSet<>();
        for (String t : new TablesNamesFinder<Void>().getTables(statement)) {
            String name = unqualified(t);
            if (!walker.virtualNames.contains(name)) {
                tables.add(name);
            }
        }
        Map<String, String> byQualifier = new HashMap<>();
        for (Table t : walker.tableRefs) {
            String name = unqualified(t.getName());
            if (tables.contains(name)) {
                byQualifier.put(name, name);
                if (t.getAlias() != null) {
                    byQualifier.put(lower(t.getAlias().getName()), name);
                }
            }
        }
        List<ColumnReference> columns = new ArrayList<>();
        for (Column c : walker.columnRefs) {
            String column = lower(c.getColumnName());
            if (column.equals("true") || column.equals("false") || column.startsWith("'")) {
                continue;
            }
            Table qualifier = c.getTable();
            if (qualifier != null && qualifier.getName() != null) {
                String table = byQualifier.get(lower(qualifier.getName()));
                if (table != null) {
                    columns.add(new ColumnReference(column, Set.of(table)));
                }
            } else if (!walker.definedNames.contains(column) && !tables.isEmpty()) {
                columns.add(new ColumnReference(column, Set.copyOf(tables)));
            }
        }
        return new SqlReferences(tables, List.copyOf(new LinkedHashSet<>(columns)));
    }

    private static String unqualified(String name) {
        String n = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
        return lower(n.replace("\"", "").replace("`", ""));
    }

    private static String lower(String s) {
        return s.replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT);
    }

    /** Collects references while JSqlParser's deparser visits the whole statement. */
    private static final class Walker {
        final List<Column> columnRefs = new ArrayList<>();
        final List<Table> tableRefs = new ArrayList<>();
        final Set<String> virtualNames = new HashSet<>();
        final Set<String> definedNames = new HashSet<>();

        final ExpressionDeParser expressions = new ExpressionDeParser() {
            @Override
            public <S> StringBuilder visit(Column column, S context) {
                columnRefs.add(column);
                return super.visit(column, context);
            }
        };

        final SelectDeParser selects = new SelectDeParser(expressions, new StringBuilder()) {
            @Override
            public <S> StringBuilder visit(Table table, S context) {
                tableRefs.add(table);
                return super.visit(table, context);
            }

            @Override
            public <S> StringBuilder visit(WithItem<?> item, S context) {
                Alias alias = item.getAlias();
                if (alias != null) {
                    virtualNames.add(lower(alias.getName()));
                    definedNames.add(lower(alias.getName()));
                    if (alias.getAliasColumns() != null) {
                        alias.getAliasColumns().forEach(c -> definedNames.add(lower(c.name)));
                    }
                }
                if (item.getWithItemList() != null) {
                    item.getWithItemList().forEach(c -> definedNames.add(lower(c.toString())));
                }
                return super.visit(item, context);
            }

            @Override
            public <S> StringBuilder visit(ParenthesedSelect select, S context) {
                if (select.getAlias() != null) {
                    virtualNames.add(lower(select.getAlias().getName()));
                }
                return super.visit(select, context);
            }

            @Override
            public <S> StringBuilder visit(SelectItem<?> item, S context) {
                if (item.getAlias() != null) {
                    definedNames.add(lower(item.getAlias().getName()));
                }
                return super.visit(item, context);
            }
        };
    }
}
