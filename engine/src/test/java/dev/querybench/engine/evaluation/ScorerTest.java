package dev.querybench.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.evaluation.base.EvaluationStrategy;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.evaluation.sql.MatchMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The score's worker threads: how many, and how they stop. */
class ScorerTest {

    private final AtomicInteger judged = new AtomicInteger();
    private final List<Thread> made = new CopyOnWriteArrayList<>();

    private static Dataset dataset(int size, int databases) {
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            questions.add(new Question("q" + i, "question " + i, List.of("SELECT 1"), null, null, null,
                    "db" + (i % databases), Map.of()));
        }
        return new Dataset("d", null, questions);
    }

    /** Passes every item after {@code millis}, swallowing an interrupt as some drivers do. */
    private EvaluationStrategy slow(long millis) {
        return new EvaluationStrategy() {
            @Override
            public String id() {
                return "execution-strict";
            }

            @Override
            public Verdict evaluate(Question question, String predictedSql) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException swallowed) {
                    // the interrupt status is cleared: only the score's own stop can end the worker
                }
                judged.incrementAndGet();
                return Verdict.pass(id(), Set.of(), "ok");
            }
        };
    }

    private ThreadFactory counting(int failAt) {
        ThreadFactory platform = Thread.ofPlatform().daemon(true).factory();
        return task -> {
            if (made.size() + 1 == failAt) {
                throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
            }
            Thread t = platform.newThread(task);
            made.add(t);
            return t;
        };
    }

    @Test
    void anAbsurdParallelismStartsAtMostTheCapOfWorkers() {
        Scorer scorer = new Scorer(id -> slow(0), 1_000_000, Clock.systemUTC(), counting(0));

        RunResults results = scorer.score(dataset(1_000, 7), Map.of(), "p", MatchMode.STRICT);

        assertThat(made).hasSize(Scorer.MAX_PARALLELISM);
        assertThat(results.items()).hasSize(1_000);
        assertThat(results.items().getFirst().key().questionId()).isEqualTo("q0");
        assertThat(judged.get()).isEqualTo(1_000);
    }

    @Test
    void workersAlreadyStartedStopAndAreWaitedForWhenTheNextCannotStart() {
        Scorer scorer = new Scorer(id -> slow(2), 4, Clock.systemUTC(), counting(3));

        assertThatThrownBy(() -> scorer.score(dataset(2_000, 2), Map.of(), "p", MatchMode.STRICT))
                .isInstanceOf(OutOfMemoryError.class);

        assertThat(made).hasSize(2).noneMatch(Thread::isAlive);
        assertThat(judged.get()).isLessThan(2_000);
    }

    @Test
    void anInterruptStopsTheWorkersBeforeTheirNextItemAndFailsTheScore() throws Exception {
        Scorer scorer = new Scorer(id -> slow(2), 2, Clock.systemUTC(), counting(0));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread scoring = Thread.ofPlatform().start(() -> {
            try {
                scorer.score(dataset(2_000, 1), Map.of(), "p", MatchMode.STRICT);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (judged.get() < 10 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }

        scoring.interrupt();
        assertThat(scoring.join(java.time.Duration.ofSeconds(10))).isTrue();

        assertThat(outcome.get()).isInstanceOf(IllegalStateException.class).hasMessage("scoring was interrupted");
        assertThat(made).noneMatch(Thread::isAlive);
        assertThat(judged.get()).isBetween(10, 1_000);
    }
}
