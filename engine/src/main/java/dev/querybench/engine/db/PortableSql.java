package dev.querybench.engine.db;

import dev.querybench.engine.db.DatabaseDefinition.Insert;
import dev.querybench.engine.db.DatabaseDefinition.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;

/**
 * Reads portable SQL (the subset dataset databases are written in) and writes it for each
 * dialect: DDL without keys for Trino, DATETIME for MySQL's TIMESTAMP, typed literals where Trino
 * does not convert strings to dates. Stateless.
 */
public final class PortableSql {

    private static final Set<String> TYPES = Set.of("INTEGER", "INT", "BIGINT", "SMALLINT", "VARCHAR", "CHAR",
            "DECIMAL", "NUMERIC", "DATE", "TIMESTAMP", "DOUBLE", "REAL", "BOOLEAN");
    private static final Pattern INSERT_HEAD = Pattern.compile(
            "(?is)^\\s*INSERT\\s+INTO\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(([^)]*)\\)\\s*VALUES\\s*");

    private PortableSql() {}

    public static TableDefinition parseCreateTable(String sql) {
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(sql);
        } catch (JSQLParserException e) {
            throw new IllegalArgumentException("not a CREATE TABLE statement: " + firstLine(sql), e);
        }
        if (!(statement instanceof CreateTable create)) {
            throw new IllegalArgumentException("the schema script may hold only CREATE TABLE statements, not: "
                    + firstLine(sql));
        }
        String table = create.getTable().getName();
        List<ColumnDefinition> columns = create.getColumnDefinitions();
        List<DatabaseDefinition.ColumnDefinition> parsed = new ArrayList<>();
        List<String> primaryKey = new ArrayList<>();
        for (ColumnDefinition column : columns) {
            String type = column.getColDataType().toString().toUpperCase(Locale.ROOT).replace(" ", "");
            String base = type.contains("(") ? type.substring(0, type.indexOf('(')) : type;
            if (!TYPES.contains(base)) {
                throw new IllegalArgumentException(table + "." + column.getColumnName() + ": type " + type
                        + " is not portable; use INTEGER, VARCHAR(n), DECIMAL(p,s), DATE or TIMESTAMP");
            }
            String specs = column.getColumnSpecs() == null ? ""
                    : String.join(" ", column.getColumnSpecs()).toUpperCase(Locale.ROOT);
            if (specs.contains("PRIMARY KEY")) {
                primaryKey.add(column.getColumnName());
            }
            parsed.add(new DatabaseDefinition.ColumnDefinition(column.getColumnName(),
                    type, specs.contains("NOT NULL") || specs.contains("PRIMARY KEY")));
        }
        List<SchemaSnapshot.ForeignKey> foreignKeys = new ArrayList<>();
        if (create.getIndexes() != null) {
            for (Index index : create.getIndexes()) {
                if (index instanceof ForeignKeyIndex fk) {
                    foreignKeys.add(new SchemaSnapshot.ForeignKey(fk.getColumnsNames(), fk.getTable().getName(),
                            fk.getReferencedColumnNames()));
                } else if ("PRIMARY KEY".equalsIgnoreCase(index.getType())) {
                    primaryKey.addAll(index.getColumnsNames());
                }
            }
        }
        return new TableDefinition(table, parsed, primaryKey, foreignKeys);
    }

    public static Insert parseInsert(String sql) {
        Matcher head = INSERT_HEAD.matcher(sql);
        if (!head.find()) {
            throw new IllegalArgumentException("the data script may hold only INSERT INTO t (columns) VALUES …"
                    + " statements, not: " + firstLine(sql));
        }
        List<String> columns = new ArrayList<>();
        for (String c : head.group(2).split(",")) {
            columns.add(c.strip());
        }
        List<List<String>> rows = new ArrayList<>();
        int i = head.end();
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == ',') {
                i++;
            } else if (c == '(') {
                List<String> row = new ArrayList<>();
                i = readTuple(sql, i + 1, row);
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException("INSERT INTO " + head.group(1) + ": a row has " + row.size()
                            + " values for " + columns.size() + " columns");
                }
                rows.add(row);
            } else {
                throw new IllegalArgumentException("INSERT INTO " + head.group(1) + ": unexpected '" + c + "'");
            }
        }
        return new Insert(head.group(1), columns, rows);
    }

    private static int readTuple(String sql, int start, List<String> row) {
        int i = start;
        StringBuilder value = new StringBuilder();
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                while (end < sql.length()) {
                    if (sql.charAt(end) == '\'') {
                        if (end + 1 < sql.length() && sql.charAt(end + 1) == '\'') {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                value.append(sql, i, Math.min(end + 1, sql.length()));
                i = end + 1;
            } else if (c == ',' || c == ')') {
                row.add(value.toString().strip());
                value.setLength(0);
                i++;
                if (c == ')') {
                    return i;
                }
            } else {
                value.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("an INSERT row is not closed");
    }

    /** The CREATE TABLE statement for a dialect. */
    public static String createTable(TableDefinition table, Dialect dialect) {
        StringJoiner lines = new StringJoiner(",\n  ", "CREATE TABLE " + table.name() + " (\n  ", "\n)");
        for (var column : table.columns()) {
            lines.add(column.name() + " " + typeFor(column.type(), dialect) + (column.notNull() ? " NOT NULL" : ""));
        }
        if (dialect.engine().declaresKeys()) {
            if (!table.primaryKey().isEmpty()) {
                lines.add("PRIMARY KEY (" + String.join(", ", table.primaryKey()) + ")");
            }
            for (SchemaSnapshot.ForeignKey fk : table.foreignKeys()) {
                lines.add("FOREIGN KEY (" + String.join(", ", fk.columns()) + ") REFERENCES " + fk.referencedTable()
                        + " (" + String.join(", ", fk.referencedColumns()) + ")");
            }
        }
        return lines.toString();
    }

    /** The INSERT statement for a dialect; literals are cast to the column types where it needs that (Trino). */
    public static String insert(Insert insert, TableDefinition table, Dialect dialect) {
        List<String> castTo = new ArrayList<>();
        boolean casts = dialect.engine().castsLiterals();
        for (String column : insert.columns()) {
            String type = table.column(column).map(DatabaseDefinition.ColumnDefinition::type).orElse("");
            castTo.add(casts && needsCast(type) ? typeFor(type, dialect) : null);
        }
        StringJoiner rows = new StringJoiner(",\n");
        for (List<String> row : insert.rows()) {
            StringJoiner values = new StringJoiner(", ", "(", ")");
            for (int i = 0; i < row.size(); i++) {
                String literal = row.get(i);
                String cast = castTo.get(i);
                values.add(cast == null || "NULL".equalsIgnoreCase(literal) ? literal
                        : "CAST(" + literal + " AS " + cast + ")");
            }
            rows.add(values.toString());
        }
        return "INSERT INTO " + insert.table() + " (" + String.join(", ", insert.columns()) + ") VALUES\n" + rows;
    }

    private static boolean needsCast(String type) {
        return type.startsWith("DATE") || type.startsWith("TIMESTAMP") || type.startsWith("DECIMAL")
                || type.startsWith("NUMERIC");
    }

    private static String typeFor(String portable, Dialect dialect) {
        return dialect.engine().columnType(portable);
    }

    private static String firstLine(String sql) {
        String line = sql.strip().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
