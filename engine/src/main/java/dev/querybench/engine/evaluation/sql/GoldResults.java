package dev.querybench.engine.evaluation.sql;

import dev.querybench.engine.db.QueryExecutionException;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.StreamedRows;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Executes each gold query once and shares the result with every item that needs it (all
 * variants and models of a question); likewise the digest of a gold result beyond the row cap.
 * Thread-safe: concurrent callers for the same query wait for the one execution.
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
    private final ConcurrentMap<String, CompletableFuture<ResultDigest>> digests = new ConcurrentHashMap<>();

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

    /**
     * A gold query's result as a digest of per-row hashes, streamed once up to {@code maxRows}
     * rows and shared like results are; for results beyond the row cap.
     *
     * @throws QueryExecutionException when the query fails (not cached: the caller decides)
     */
    public ResultDigest digest(String goldSql, long maxRows, RowHasher hasher) {
        CompletableFuture<ResultDigest> mine = new CompletableFuture<>();
        CompletableFuture<ResultDigest> existing = digests.putIfAbsent(goldSql, mine);
        if (existing != null) {
            try {
                return existing.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            ResultDigest.Builder builder = ResultDigest.builder(hasher, false);
            StreamedRows read = executor.stream(goldSql, limits, maxRows, builder);
            ResultDigest digest = builder.build(read.truncated());
            mine.complete(digest);
            return digest;
        } catch (RuntimeException e) {
            digests.remove(goldSql, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** How many distinct gold queries have been executed so far. */
    public int executedCount() {
        return cache.size();
    }
}
