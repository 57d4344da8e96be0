package dev.querybench.engine.db;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * The parsing layer of safe execution: accepts exactly one read-only query and refuses
 * everything else with the rule that refused it. Stateless and thread-safe.
 *
 * <p>This is one layer of several; the database session is read-only as well, so a statement
 * the parser misjudges still cannot change data.
 */
public final class StatementGuard {

    /** Parses on the caller's thread (JSqlParser's own call starts a thread per statement). */
    private final SqlParsing parsing = new SqlParsing();

    /** Functions that read or write files, change settings, or act on other sessions. */
    private static final List<String> FORBIDDEN_FUNCTIONS = List.of(
            "set_config", "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "lo_import",
            "lo_export", "lo_from_bytea", "lo_put", "lo_unlink", "lo_create", "lo_open", "lowrite", "dblink",
            "dblink_exec", "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile",
            "pg_advisory_lock", "pg_advisory_xact_lock", "nextval", "setval", "txid_current", "load_file",
            "sys_exec", "sys_eval", "load_extension", "readfile", "writefile", "edit", "fts3_tokenizer",
            "pg_notify", "pg_logical_emit_message", "pg_create_restore_point", "pg_switch_wal", "pg_promote",
            "pg_reload_conf", "get_lock", "release_lock", "release_all_locks", "query", "raw_query");

    private static final Pattern FUNCTION_CALL = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
    private static final Pattern OTHER_STATEMENT = Pattern.compile("\\s*(insert|update|delete|merge|upsert|replace"
            + "|create|alter|drop|truncate|rename|comment|grant|revoke|set|reset|commit|rollback|begin|start|end"
            + "|savepoint|release|lock|unlock|pragma|attach|detach|vacuum|reindex|analyze|call|exec|execute|do|copy"
            + "|load|install|use|prepare|deallocate|refresh|flush|kill|shutdown|handler|xa|checkpoint|cluster"
            + "|listen|notify|discard|import|export|backup|restore)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern WRITE_CLAUSE = Pattern.compile(
            "\\b(insert\\s+into|delete\\s+from|merge\\s+into|into\\s+(outfile|dumpfile)|update\\s+\\S+\\s+set)\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * Checks one untrusted statement.
     *
     * @return the statement as given, without a trailing semicolon
     * @throws QueryExecutionException with {@link QueryFailure#REFUSED} naming the rule, or
     *     {@link QueryFailure#SYNTAX} when it does not parse
     */
    public String check(String sql) {
        if (sql == null || sql.isBlank()) {
            throw refused("the statement is empty");
        }
        String trimmed = stripTrailingSemicolons(sql.strip());
        String scannable = scannable(trimmed);
        if (scannable.contains(";")) {
            throw refused("it holds more than one statement; exactly one is allowed");
        }
        checkFunctions(scannable);
        Matcher write = WRITE_CLAUSE.matcher(scannable);
        if (write.find()) {
            throw refused("it contains a data-changing clause (" + write.group(1).toUpperCase(Locale.ROOT) + ")");
        }
        Statement statement = parseSingle(trimmed);
        if (!(statement instanceof Select select)) {
            throw refused("only SELECT queries may run, and this is " + kindOf(statement));
        }
        checkSelect(select);
        return trimmed;
    }

    private Statement parseSingle(String sql) {
        Statements statements;
        try {
            statements = parsing.statements(sql);
        } catch (JSQLParserException e) {
            Matcher kind = OTHER_STATEMENT.matcher(scannable(sql));
            if (kind.lookingAt()) {
                throw refused("only SELECT queries may run, and this is a "
                        + kind.group(1).toUpperCase(Locale.ROOT) + " statement");
            }
            throw new QueryExecutionException(QueryFailure.SYNTAX,
                    "the SQL could not be parsed: " + firstLine(e.getMessage()), e);
        }
        if (statements == null || statements.isEmpty()) {
            throw refused("the statement is empty");
        }
        if (statements.size() > 1) {
            throw refused("it holds " + statements.size() + " statements; exactly one is allowed");
        }
        return statements.getFirst();
    }

    private static void checkSelect(Select select) {
        if (select.getForMode() != null || select.getForUpdateTable() != null) {
            throw refused("it locks rows (FOR UPDATE / FOR SHARE)");
        }
        if (select.getWithItemsList() != null) {
            for (WithItem<?> item : select.getWithItemsList()) {
                Object body = item.getParenthesedStatement();
                if (body instanceof Select inner) {
                    checkSelect(inner);
                } else if (body != null) {
                    throw refused("a WITH clause changes data");
                }
            }
        }
        switch (select) {
            case PlainSelect plain -> {
                if (plain.getIntoTables() != null || plain.getIntoTempTable() != null
                        || plain.getMySqlSelectIntoClause() != null) {
                    throw refused("it writes its result somewhere (SELECT … INTO)");
                }
            }
            case SetOperationList set -> set.getSelects().forEach(StatementGuard::checkSelect);
            case ParenthesedSelect parenthesed -> checkSelect(parenthesed.getSelect());
            default -> { }
        }
    }

    private static void checkFunctions(String scannable) {
        Matcher m = FUNCTION_CALL.matcher(scannable);
        while (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (FORBIDDEN_FUNCTIONS.contains(name) || name.startsWith("lo_") || name.startsWith("pg_file")
                    || name.startsWith("dblink")) {
                throw refused("it calls " + name + "(), which reads or writes files or settings");
            }
        }
    }

    /**
     * Blanks string literals and unquotes identifiers, so scans see code, not data.
     *
     * @throws QueryExecutionException when the text holds a MySQL executable comment
     */
    static String scannable(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = closing(sql, i, '\'');
                out.append("''");
                i = end + 1;
            } else if (c == '"' || c == '`') {
                int end = closing(sql, i, c);
                out.append(sql, i + 1, Math.min(end, sql.length()));
                i = end + 1;
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                if (sql.startsWith("/*!", i) || sql.regionMatches(true, i, "/*M!", 0, 4)) {
                    // MySQL and MariaDB run the text of these comments as SQL; the parser would skip it
                    throw refused("it contains a MySQL executable comment (/*! … */), which the server runs as SQL");
                }
                int end = sql.indexOf("*/", i + 2);
                out.append(' ');
                i = end < 0 ? sql.length() : end + 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int closing(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return sql.length();
    }

    private static String stripTrailingSemicolons(String sql) {
        String s = sql;
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s;
    }

    private static String kindOf(Statement statement) {
        String simple = statement.getClass().getSimpleName();
        return "a " + simple.toUpperCase(Locale.ROOT) + " statement";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown parser error";
        }
        String line = message.lines().findFirst().orElse(message)
                .replace("net.sf.jsqlparser.parser.ParseException: ", "")
                .replace(", in lexical state DEFAULT.", "");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static QueryExecutionException refused(String why) {
        return new QueryExecutionException(QueryFailure.REFUSED, "refused: " + why, null);
    }
}
