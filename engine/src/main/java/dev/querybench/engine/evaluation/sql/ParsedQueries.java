package dev.querybench.engine.evaluation.sql;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;

/**
 * Gold queries parsed once each and shared by every question of the run that asks about them:
 * order detection, the ORDER BY key columns and LIMIT-tie detection all read the same tree.
 * Parsing here runs on the caller's thread (JSqlParser's {@code parse(String)} starts a thread
 * per call to enforce its timeout). The trees are read, never changed. Thread-safe.
 */
public final class ParsedQueries {

    /** More distinct queries than this are parsed each time instead of kept. */
    private static final int MAX_KEPT = 50_000;

    private final ConcurrentMap<String, Optional<Statement>> parsed = new ConcurrentHashMap<>();

    /** The statement, or empty when JSqlParser cannot read it. Do not change the tree. */
    public Optional<Statement> of(String sql) {
        Optional<Statement> known = parsed.get(sql);
        if (known != null) {
            return known;
        }
        Optional<Statement> statement = parse(sql);
        if (parsed.size() < MAX_KEPT) {
            parsed.putIfAbsent(sql, statement);
        }
        return statement;
    }

    /** Parses one statement on this thread. */
    public static Optional<Statement> parse(String sql) {
        // as JSqlParser's own parse: simple grammar first, complex parsing only when that fails
        for (boolean complex : new boolean[] {false, true}) {
            try {
                CCJSqlParser parser = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(complex);
                return Optional.ofNullable(parser.Statement());
            } catch (Exception | StackOverflowError e) {
                // not readable this way; a stack overflow on odd text means the same here
            }
        }
        return Optional.empty();
    }
}
