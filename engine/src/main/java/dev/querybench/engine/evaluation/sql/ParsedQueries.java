package dev.querybench.engine.evaluation.sql;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import dev.querybench.engine.db.SqlParsing;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.statement.Statement;

/**
 * Gold queries parsed once each and shared by every question of the run that asks about them:
 * order detection, the ORDER BY key columns and LIMIT-tie detection all read the same tree
 * (the statement guard parses only text that could write or lock, see docs/safe-execution.md).
 * Parsing here runs on the caller's thread (JSqlParser's {@code parse(String)} starts a thread
 * per call to enforce its timeout). A tree is used only inside {@link #read}, under its own lock,
 * so the tie detector may change it to print its probe and put it back. Thread-safe.
 */
public final class ParsedQueries {

    /** More distinct queries than this are parsed each time instead of kept. */
    private static final int MAX_KEPT = 50_000;

    private final ConcurrentMap<String, Optional<Statement>> parsed = new ConcurrentHashMap<>();
    private final SqlParsing parsing = new SqlParsing();

    /**
     * Applies {@code work} to the statement of {@code sql} while holding the tree's lock; empty
     * when JSqlParser cannot read the text. The work must leave the tree as it found it.
     */
    public <T> Optional<T> read(String sql, java.util.function.Function<Statement, T> work) {
        Optional<Statement> statement = of(sql);
        if (statement.isEmpty()) {
            return Optional.empty();
        }
        Statement tree = statement.get();
        synchronized (tree) {
            return Optional.ofNullable(work.apply(tree));
        }
    }

    private Optional<Statement> of(String sql) {
        Optional<Statement> known = parsed.get(sql);
        if (known != null) {
            return known;
        }
        Optional<Statement> statement = parse(parsing, sql);
        if (parsed.size() < MAX_KEPT) {
            parsed.putIfAbsent(sql, statement);
        }
        return statement;
    }

    /** Parses one statement on this thread, empty when JSqlParser cannot read it. */
    public static Optional<Statement> parse(SqlParsing parsing, String sql) {
        try {
            return Optional.ofNullable(parsing.statement(sql));
        } catch (JSQLParserException e) {
            return Optional.empty();
        }
    }
}
