package dev.querybench.engine.testsuite;

import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.QueryResult;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.sqlite.SqliteBackend;
import dev.querybench.engine.db.sqlite.SqliteEngine;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.sql.MatchMode;
import dev.querybench.engine.evaluation.sql.ResultComparator;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Runs gold and its neighbours, only through the {@link SafeExecutor} and with the settings'
 * limits: on the real database first (which neighbours fail, differ, or pass there), then on each
 * candidate (which neighbours it kills: a result that differs from gold's as strict matching would
 * judge it, or a failure where gold runs). Not thread-safe.
 */
final class NeighbourRuns {

    private final NeighbourGenerator generator = new NeighbourGenerator();
    private final ResultComparator comparator = new ResultComparator();
    private final QueryLimits limits;

    NeighbourRuns(QueryLimits limits) {
        this.limits = limits;
    }

    /** Gold of each case on {@code real}; its neighbours (at most {@code maxNeighbours}) sorted by what they do there. */
    void onOriginal(Path real, List<QuestionCase> cases, SqliteSchema schema, int maxNeighbours,
            java.util.function.IntConsumer questionsDone) {
        try (SqliteBackend backend = new SqliteBackend(real, 1)) {
            onOriginal(backend, cases, schema, maxNeighbours, questionsDone);
        }
    }

    /** As {@link #onOriginal(Path, List, SqliteSchema, int, java.util.function.IntConsumer)} on any backend. */
    void onOriginal(DatabaseBackend backend, List<QuestionCase> cases, SqliteSchema schema, int maxNeighbours,
            java.util.function.IntConsumer questionsDone) {
        onOriginal(backend, cases, schema, maxNeighbours, questionsDone, 1);
    }

    /**
     * As above, with the questions shared out among {@code workers} threads (each question's gold and
     * neighbours on one of them, in order; the backend needs as many connections): every case ends
     * filled as by one thread, so the outcome does not depend on the count. {@code questionsDone}
     * is told in question order, on the caller's thread; when it throws, the other questions stop.
     */
    void onOriginal(DatabaseBackend backend, List<QuestionCase> cases, SqliteSchema schema, int maxNeighbours,
            java.util.function.IntConsumer questionsDone, int workers) {
        SafeExecutor executor = new SafeExecutor(backend);
        if (workers <= 1) {
            for (int i = 0; i < cases.size(); i++) {
                questionsDone.accept(i);
                onOriginal(executor, cases.get(i), schema, maxNeighbours);
            }
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers,
                Thread.ofPlatform().daemon().name("querybench-neighbours-", 1).factory());
        try {
            List<java.util.concurrent.Future<?>> done = cases.stream().<java.util.concurrent.Future<?>>map(c ->
                    pool.submit(() -> onOriginal(executor, c, schema, maxNeighbours))).toList();
            for (int i = 0; i < done.size(); i++) {
                questionsDone.accept(i);
                await(done.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(java.util.concurrent.Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void onOriginal(SafeExecutor executor, QuestionCase c, SqliteSchema schema, int maxNeighbours) {
        Optional<QueryResult> gold = run(executor, c.gold);
        if (gold.isEmpty()) {
            c.problem = "gold fails on the database";
            return;
        }
        List<NeighbourGenerator.Neighbour> all;
        try {
            all = generator.neighbours(c.gold, schema);
        } catch (IllegalStateException e) {
            all = List.of();
        }
        if (all.isEmpty()) {
            c.problem = "gold has no neighbours (it does not parse as one SELECT, or its tree cannot be changed)";
        }
        sort(executor, c, gold.get(), all, maxNeighbours);
    }

    private void sort(SafeExecutor executor, QuestionCase c, QueryResult gold, List<NeighbourGenerator.Neighbour> all,
            int maxNeighbours) {
        for (NeighbourGenerator.Neighbour n : all) {
            if (c.neighbours.size() == maxNeighbours) {
                break;
            }
            if (n.equivalent()) {
                c.equivalent++;
                continue;
            }
            Optional<QueryResult> result = run(executor, n.sql());
            if (result.isEmpty()) {
                continue;
            }
            int index = c.neighbours.size();
            c.neighbours.add(n);
            if (same(c, gold, result.get())) {
                c.passOnOriginal.set(index);
            } else {
                c.caughtByOriginal++;
            }
        }
    }

    /** The neighbours of each case that {@code candidate} kills. */
    BitSet[] kills(Path candidate, List<QuestionCase> cases) {
        try (SqliteBackend backend = new SqliteBackend(candidate, 1)) {
            return kills(backend, cases);
        }
    }

    /**
     * The neighbours of each case that the database behind {@code backend} kills, of those that pass
     * on the real database (the others are caught there already, and no count or choice of the suite
     * reads their kills): gold and about one neighbour in eight run, not all of them.
     */
    BitSet[] kills(DatabaseBackend backend, List<QuestionCase> cases) {
        BitSet[] killed = QuestionCase.newSets(cases.size());
        SafeExecutor executor = new SafeExecutor(backend);
        for (int i = 0; i < cases.size(); i++) {
            QuestionCase c = cases.get(i);
            if (c.passOnOriginal.isEmpty()) {
                continue;
            }
            Optional<QueryResult> gold = run(executor, c.gold);
            if (gold.isEmpty()) {
                continue;
            }
            for (int n = c.passOnOriginal.nextSetBit(0); n >= 0; n = c.passOnOriginal.nextSetBit(n + 1)) {
                Optional<QueryResult> result = run(executor, c.neighbours.get(n).sql());
                if (result.isEmpty() || !same(c, gold.get(), result.get())) {
                    killed[i].set(n);
                }
            }
        }
        return killed;
    }

    /** The constants of every case's gold, for the value pools. */
    List<NeighbourGenerator.Constant> constants(QuestionCase c) {
        return generator.constants(c.gold);
    }

    /** The first SQLite gold of the question. */
    static String gold(dev.querybench.engine.dataset.Question q) {
        return gold(q, SqliteEngine.DIALECT);
    }

    /** The first gold of the question written for {@code dialect} (the dataset's gold when it has none). */
    static String gold(dev.querybench.engine.dataset.Question q, Dialect dialect) {
        return q.goldFor(dialect).getFirst();
    }

    private boolean same(QuestionCase c, QueryResult gold, QueryResult other) {
        boolean match = comparator.compare(gold, other, c.ordered, MatchMode.STRICT, c.orderKeys).outcome() == Outcome.PASS;
        if (gold.truncated() || other.truncated()) {
            return gold.truncated() == other.truncated() && gold.rowCount() == other.rowCount() && match;
        }
        return match;
    }

    private Optional<QueryResult> run(SafeExecutor executor, String sql) {
        try {
            return Optional.of(executor.execute(sql, limits));
        } catch (QueryBenchException e) {
            return Optional.empty();
        }
    }
}
