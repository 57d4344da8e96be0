package dev.querybench.engine.db;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * The advisory layer of safe execution: refuses, with the rule that refused, text that is plainly
 * not one read-only query. The database enforces; this layer advises. Stateless and thread-safe.
 *
 * <p>The text is read by a {@link SqlLexer} true to the engine's dialect, so statement boundaries,
 * comments, quoted names and strings are where the engine sees them: more than one statement, a
 * MySQL executable comment, a statement that does not start as a query, a data-changing or
 * row-locking clause, or a call of a function that acts beyond reading (files, other sessions,
 * settings, locks, replication, SQL inside a string) is refused. Quoted and Unicode-escaped names
 * count as the names they spell. When the text holds a word that could make it write or lock
 * ({@code INTO}, {@code FOR}, {@code UPDATE} …), JSqlParser then parses it; when it accepts it, the
 * tree must be a query with no {@code SELECT … INTO} and no data-changing {@code WITH}. Other
 * queries are not parsed: the tree could not refuse them, and the parse is most of this layer's cost. When JSqlParser
 * cannot parse what the dialect may well accept ({@code ==}, {@code GLOB}, {@code NOTNULL},
 * {@code [names]} on SQLite …), the text goes to the engine's read-only, least-privilege session,
 * which decides: this layer never gives a syntax verdict the engine would not give, except for an
 * unclosed quote or comment, which every engine refuses too.
 */
public final class StatementGuard {

    /** Functions that read or write files, act on other sessions, change settings, take locks, or run SQL text. */
    private static final Set<String> FORBIDDEN_FUNCTIONS = Set.of(
            // PostgreSQL
            "set_config", "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "lowrite", "loread",
            "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile", "nextval", "setval",
            "txid_current", "pg_current_xact_id", "pg_notify", "pg_logical_emit_message", "pg_create_restore_point",
            "pg_switch_wal", "pg_promote", "pg_import_system_collations", "pg_log_backend_memory_contexts",
            "pg_export_snapshot", "pg_sequence_last_value",
            // MySQL / MariaDB
            "load_file", "get_lock", "release_lock", "release_all_locks", "is_used_lock", "sys_exec", "sys_eval",
            "master_pos_wait", "source_pos_wait", "master_gtid_wait", "wait_for_executed_gtid_set",
            "wait_until_sql_thread_after_gtids",
            // SQLite
            "load_extension", "readfile", "writefile", "edit", "fts3_tokenizer",
            // Trino table functions that run SQL text on a connected database
            "query", "raw_query");

    /** Name beginnings of whole families of such functions. */
    private static final List<String> FORBIDDEN_PREFIXES = List.of("lo_", "pg_file", "pg_ls_", "pg_read_", "dblink",
            "pg_advisory", "pg_try_advisory", "pg_stat_reset", "pg_create_", "pg_drop_", "pg_copy_", "pg_replication",
            "pg_logical", "pg_backup", "pg_start_backup", "pg_stop_backup", "pg_wal_replay", "query_to_xml",
            "cursor_to_xml", "pg_cancel", "pg_terminate", "pg_signal");

    private static final Set<String> QUERY_STARTS = Set.of("select", "with", "values");

    /** Words that start a statement other than a query in one of the dialects (refused, not a syntax error). */
    private static final Set<String> STATEMENT_STARTS = Set.of("insert", "update", "delete", "merge", "upsert",
            "replace", "create", "alter", "drop", "truncate", "rename", "comment", "grant", "revoke", "deny", "set",
            "reset", "commit", "rollback", "begin", "start", "end", "abort", "savepoint", "release", "lock", "unlock",
            "pragma", "attach", "detach", "vacuum", "reindex", "analyze", "analyse", "call", "exec", "execute", "do",
            "copy", "load", "install", "uninstall", "use", "prepare", "deallocate", "refresh", "flush", "kill",
            "shutdown", "handler", "xa", "checkpoint", "cluster", "listen", "unlisten", "notify", "discard", "import",
            "export", "backup", "restore", "show", "describe", "desc", "explain", "table", "fetch", "move", "close",
            "declare", "security", "purge", "change", "optimize", "repair", "check", "checksum", "cache", "help",
            "binlog", "signal", "resignal", "get", "clone", "restart", "stop", "summarize", "from");

    /** For checks made before the engine is known: the loosest quoting any engine reads. */
    private static final Dialect PERMISSIVE = new Dialect("any engine", "none", 0, List.of("any"), false,
            SqlSyntax.of(SqlSyntax.Feature.BACKTICK_NAMES, SqlSyntax.Feature.BRACKET_NAMES,
                    SqlSyntax.Feature.UNCLOSED_COMMENTS_END_TEXT, SqlSyntax.Feature.NAMED_PARAMETERS));

    private final Dialect dialect;
    private final SqlLexer lexer;
    /** Parses on the caller's thread (JSqlParser's own call starts a thread per statement). */
    private final SqlParsing parsing = new SqlParsing();

    public StatementGuard(Dialect dialect) {
        this.dialect = dialect;
        this.lexer = new SqlLexer(dialect);
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Checks one untrusted statement.
     *
     * @return the statement without trailing semicolons and trailing comments
     * @throws QueryExecutionException with {@link QueryFailure#REFUSED} naming the rule, or
     *     {@link QueryFailure#SYNTAX} when a quote or comment is not closed
     */
    public String check(String sql) {
        Lexical lexical = lexicalCheck(sql);
        if (lexical.treeMatters()) {
            parsed(lexical.text()).ifPresent(StatementGuard::checkTree);
        }
        return lexical.text();
    }

    /**
     * What the lexer found: the statement as {@link #check} returns it, and whether the parse tree could still
     * refuse it. The tree only adds verdicts about writing, locking and data-changing clauses, each of which needs
     * one of {@link #TREE_WORDS} as an unquoted word; a query without any of them (most queries) is not parsed.
     */
    private record Lexical(String text, boolean treeMatters) {}

    /** The unquoted words without which no tree check can refuse a statement the lexer let through. */
    private static final Set<String> TREE_WORDS = Set.of("insert", "update", "delete", "merge", "truncate",
            "replace", "upsert", "into", "for", "share", "lock", "returning", "copy", "call", "execute", "do", "set");

    /** The checks the lexer can make. */
    private Lexical lexicalCheck(String sql) {
        if (sql == null || sql.isBlank()) {
            throw refused("the statement is empty");
        }
        SqlLexer.Lexed lexed = lexer.lex(sql);
        if (lexed.problem().isPresent()) {
            throw new QueryExecutionException(QueryFailure.SYNTAX, "syntax error: " + lexed.problem().get(), null);
        }
        List<SqlToken> tokens = lexed.tokens();
        int last = tokens.size() - 1;
        while (last >= 0 && tokens.get(last).kind() == SqlToken.Kind.SEMICOLON) {
            last--;
        }
        if (last < 0) {
            throw refused("the statement is empty");
        }
        tokens = tokens.subList(0, last + 1);
        for (SqlToken token : tokens) {
            if (token.kind() == SqlToken.Kind.SEMICOLON) {
                throw refused("it holds more than one statement; exactly one is allowed");
            }
            if (token.kind() == SqlToken.Kind.EXECUTABLE_COMMENT) {
                throw refused("it contains a MySQL executable comment (/*! … */), which the server runs as SQL");
            }
        }
        checkClauses(tokens);
        checkFunctions(tokens);
        SqlToken first = tokens.getFirst();
        if (!first.isSymbol("(") && !(first.kind() == SqlToken.Kind.WORD
                && QUERY_STARTS.contains(first.lowerName()))) {
            if (first.kind() == SqlToken.Kind.WORD && !STATEMENT_STARTS.contains(first.lowerName())) {
                // no engine starts a statement with this word: it would answer with a syntax error too
                throw new QueryExecutionException(QueryFailure.SYNTAX, "syntax error at or near \"" + first.value()
                        + "\": no statement starts with it", null);
            }
            throw refused("only SELECT queries may run, and this is "
                    + (first.kind() == SqlToken.Kind.WORD ? "a " + first.value().toUpperCase(Locale.ROOT) + " statement"
                            : "not a query"));
        }
        boolean treeMatters = tokens.stream()
                .anyMatch(t -> t.kind() == SqlToken.Kind.WORD && TREE_WORDS.contains(t.lowerName()));
        return new Lexical(sql.substring(0, tokens.getLast().end()), treeMatters);
    }

    /**
     * Why {@code sql} is not a single read query, judged by the lexer alone (no parse: quick
     * enough to check every gold query of a dataset each time it loads), or empty when it may be
     * one or does not lex (the database will say). Lexed with the most permissive quoting (as SQLite
     * reads it: backtick and bracket names, an unclosed comment ends the text).
     */
    public static java.util.Optional<String> lexicalRefusal(String sql) {
        try {
            new StatementGuard(PERMISSIVE).lexicalCheck(sql);
            return java.util.Optional.empty();
        } catch (QueryExecutionException e) {
            return e.failure() == QueryFailure.REFUSED ? java.util.Optional.of(e.getMessage())
                    : java.util.Optional.empty();
        }
    }

    /** Data-changing, file-writing and row-locking clauses, found on unquoted words only. */
    private static void checkClauses(List<SqlToken> tokens) {
        for (int k = 0; k < tokens.size(); k++) {
            SqlToken t = tokens.get(k);
            if (t.kind() != SqlToken.Kind.WORD) {
                continue;
            }
            SqlToken next = k + 1 < tokens.size() ? tokens.get(k + 1) : null;
            SqlToken previous = k > 0 ? tokens.get(k - 1) : null;
            String word = t.lowerName();
            switch (word) {
                case "into" -> {
                    if (previous != null && (previous.isWord("insert") || previous.isWord("merge")
                            || previous.isWord("replace"))) {
                        throw refused("it contains a data-changing clause (" + previous.value().toUpperCase(Locale.ROOT)
                                + " INTO)");
                    }
                    String where = next != null && (next.isWord("outfile") || next.isWord("dumpfile"))
                            ? "INTO " + next.value().toUpperCase(Locale.ROOT) : "SELECT … INTO";
                    throw refused("it writes its result somewhere (" + where + ")");
                }
                case "insert", "delete", "merge", "truncate" -> {
                    if (next == null || !next.isSymbol("(")) {
                        String clause = word.toUpperCase(Locale.ROOT) + (next != null && (next.isWord("from")
                                || next.isWord("into")) ? " " + next.value().toUpperCase(Locale.ROOT) : "");
                        throw refused("it contains a data-changing clause (" + clause + ")");
                    }
                }
                case "update" -> {
                    if (previous != null && (previous.isWord("for") || previous.isWord("key"))) {
                        throw refused("it locks rows (FOR UPDATE / FOR SHARE)");
                    }
                    if (next == null || !next.isSymbol("(")) {
                        throw refused("it contains a data-changing clause (UPDATE)");
                    }
                }
                case "share" -> {
                    if (previous != null && (previous.isWord("for") || previous.isWord("key") || previous.isWord("in"))) {
                        throw refused("it locks rows (FOR UPDATE / FOR SHARE)");
                    }
                }
                default -> { }
            }
        }
    }

    private static void checkFunctions(List<SqlToken> tokens) {
        for (int k = 0; k + 1 < tokens.size(); k++) {
            SqlToken t = tokens.get(k);
            if (!t.isName() || !tokens.get(k + 1).isSymbol("(")) {
                continue;
            }
            String name = t.lowerName();
            if (FORBIDDEN_FUNCTIONS.contains(name) || FORBIDDEN_PREFIXES.stream().anyMatch(name::startsWith)) {
                throw refused("it calls " + name + "(), which acts beyond reading the data (files, settings, locks,"
                        + " other sessions or SQL text)");
            }
        }
    }

    /** The parse tree, or empty when JSqlParser cannot parse the text (the engine then decides). */
    private Optional<Statement> parsed(String sql) {
        Statements statements;
        try {
            statements = parsing.statements(sql);
        } catch (JSQLParserException e) {
            if (Thread.currentThread().isInterrupted()) {
                // a cancelled caller gets no statement to run (and stays interrupted)
                throw QueryExecutionException.cancelled(e);
            }
            return Optional.empty();
        }
        if (statements == null || statements.isEmpty()) {
            return Optional.empty();
        }
        if (statements.size() > 1) {
            throw refused("it holds " + statements.size() + " statements; exactly one is allowed");
        }
        return Optional.of(statements.getFirst());
    }

    private static void checkTree(Statement statement) {
        if (!(statement instanceof Select select)) {
            throw refused("only SELECT queries may run, and this is a "
                    + statement.getClass().getSimpleName().toUpperCase(Locale.ROOT) + " statement");
        }
        checkSelect(select);
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

    private static QueryExecutionException refused(String why) {
        return new QueryExecutionException(QueryFailure.REFUSED, "refused: " + why, null);
    }
}
