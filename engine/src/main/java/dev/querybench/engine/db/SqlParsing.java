package dev.querybench.engine.db;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.feature.Feature;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;

/**
 * JSqlParser's parsing as {@code CCJSqlParserUtil.parse}/{@code parseStatements} do it — the simple
 * grammar first, complex parsing only when that fails and the text is not nested too deeply, the
 * parse stopped at JSqlParser's time-out — but on the caller's thread. JSqlParser's own methods
 * start a new thread for every call to enforce the time-out, which costs about ten times the parse
 * itself (BENCHMARKS.md, scoring); here one watchdog thread, started on first use and ended when
 * idle, stops an overlong parse through the parser's {@code interrupted} flag. As with JSqlParser's
 * call, a caller whose thread is interrupted gets an exception, not a statement. Thread-safe.
 */
public final class SqlParsing {

    private final ScheduledThreadPoolExecutor watchdog;

    public SqlParsing() {
        watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "querybench-sql-parse-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.setRemoveOnCancelPolicy(true);
        watchdog.setKeepAliveTime(5, TimeUnit.SECONDS);
        watchdog.allowCoreThreadTimeOut(true);
    }

    /** One statement, as {@code CCJSqlParserUtil.parse(sql)}. */
    public Statement statement(String sql) throws JSQLParserException {
        return parse(sql, false).get(0);
    }

    /** Every statement of the text, as {@code CCJSqlParserUtil.parseStatements(sql)}. */
    public Statements statements(String sql) throws JSQLParserException {
        return parse(sql, true);
    }

    private Statements parse(String sql, boolean many) throws JSQLParserException {
        if (sql == null || sql.isEmpty()) {
            if (many) {
                return new Statements();
            }
            throw new JSQLParserException("the statement is empty");
        }
        CCJSqlParser first = CCJSqlParserUtil.newParser(sql);
        boolean complexAllowed = first.getAsBoolean(Feature.allowComplexParsing);
        int allowedDepth = first.getAsInt(Feature.allowedNestingDepth);
        try {
            return run(first.withAllowComplexParsing(false), many);
        } catch (JSQLParserException e) {
            if (e.getMessage() != null && e.getMessage().contains("Time out occurred")) {
                throw e;
            }
            if (!complexAllowed || (allowedDepth >= 0 && nestingDepth(sql) > allowedDepth)) {
                throw e;
            }
            return run(CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(true), many);
        }
    }

    private Statements run(CCJSqlParser parser, boolean many) throws JSQLParserException {
        // as when JSqlParser's own call waits for its parser thread: an interrupted caller gets no statement
        // (a cancelled run's item must not go on to pass), and stays interrupted
        if (Thread.currentThread().isInterrupted()) {
            throw new JSQLParserException("interrupted before parsing");
        }
        long timeout = parser.getAsLong(Feature.timeOut);
        ScheduledFuture<?> stop = watchdog.schedule(() -> parser.interrupted = true, timeout, TimeUnit.MILLISECONDS);
        try {
            Statements parsed;
            if (many) {
                parsed = parser.Statements();
            } else {
                parsed = new Statements();
                parsed.add(parser.Statement());
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new JSQLParserException("interrupted while parsing");
            }
            return parsed;
        } catch (ParseException e) {
            throw parser.interrupted ? new JSQLParserException("Time out occurred.", e) : new JSQLParserException(e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new JSQLParserException(parser.interrupted ? "Time out occurred." : e.getMessage(), e);
        } finally {
            stop.cancel(false);
        }
    }

    /** The deepest nesting of parentheses in the text. */
    private static int nestingDepth(String sql) {
        int depth = 0;
        int max = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '(') {
                max = Math.max(max, ++depth);
            } else if (c == ')') {
                depth--;
            }
        }
        return max;
    }
}
