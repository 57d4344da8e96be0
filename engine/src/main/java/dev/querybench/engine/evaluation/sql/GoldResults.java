package dev.querybench.engine.evaluation.sql;

import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.SafeExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Executes each gold query once and shares the result with every item that needs it (all
 * variants and models of a question). Thread-safe: concurrent callers for the same query wait
 * for the one execution.
 */
public final class GoldResults {

    /** A gold query's result, or the error it raised. */
    public record GoldOutcome(QueryResult result, QueryExecutionException error) {
        public boolean failed() {
            return error != null;
        }
    }

    private final SafeExecutor executor;
    private final QueryLimits limits;
    private final ConcurrentMap<String, CompletableFuture<GoldOutcome>> cache = new ConcurrentHashMap<>();

    public GoldResults(SafeExecutor executor, QueryLimits limits) {
        this.executor = executor;
        this.limits = limits;
    }

    public GoldOutcome get(String goldSql) {
        CompletableFuture<GoldOutcome> mine = new CompletableFuture<>();
        CompletableFuture<GoldOutcome> existing = cache.putIfAbsent(goldSql, mine);
        if (existing != null) {
            return existing.join();
        }
        GoldOutcome outcome;
        try {
            outcome = new GoldOutcome(executor.execute(goldSql, limits), null);
        } catch (QueryExecutionException e) {
            outcome = new GoldOutcome(null, e);
        } catch (RuntimeException e) {
            cache.remove(goldSql, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        mine.complete(outcome);
        return outcome;
    }

    /** How many distinct gold queries have been executed so far. */
    public int executedCount() {
        return cache.size();
    }
}
