package dev.querybench.app.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The FX runner's delivery rules, with the FX thread replaced by a queue the test drains. */
class FxTaskRunnerTest {

    /** Stands in for Platform.runLater: collects runnables until the test runs them. */
    private static final class UiQueue implements Executor {
        final ConcurrentLinkedQueue<Runnable> queued = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable command) {
            queued.add(command);
        }

        void runAll() {
            for (Runnable r = queued.poll(); r != null; r = queued.poll()) {
                r.run();
            }
        }
    }

    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final UiQueue ui = new UiQueue();
    private final FxTaskRunner runner = new FxTaskRunner(workers, ui);

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void progressIsCoalescedAndDeliveredBeforeTheResult() throws Exception {
        List<List<Integer>> batches = new ArrayList<>();
        List<String> order = new ArrayList<>();

        TaskRunner.Job job = runner.<String, Integer>submit(context -> {
            IntStream.rangeClosed(1, 500).forEach(context::publish);
            return "done";
        }, batch -> {
            batches.add(batch);
            order.add("progress");
        }, result -> order.add("success:" + result), failure -> order.add("failure"));
        awaitDone(job);

        assertThat(order).isEmpty();
        ui.runAll();

        assertThat(batches).hasSize(1);
        assertThat(batches.getFirst()).containsExactlyElementsOf(IntStream.rangeClosed(1, 500).boxed().toList());
        assertThat(order).containsExactly("progress", "success:done");
    }

    @Test
    void failuresArriveOnTheUiQueue() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");

        TaskRunner.Job job = runner.submit(() -> {
            throw boom;
        }, result -> { }, failures::add);
        awaitDone(job);
        assertThat(failures).isEmpty();
        ui.runAll();

        assertThat(failures).containsExactly(boom);
    }

    @Test
    void cancelRunsTheWorksCancelActionsAndStillReportsTheOutcome() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stop = new CountDownLatch(1);
        List<Object> results = new ArrayList<>();

        TaskRunner.Job job = runner.<String, Void>submit(context -> {
            context.onCancel(stop::countDown);
            started.countDown();
            boolean stopped = stop.await(10, TimeUnit.SECONDS);
            return stopped && context.isCancelled() ? "stopped" : "ran out";
        }, batch -> { }, results::add, results::add);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        job.cancel();
        awaitDone(job);
        ui.runAll();

        assertThat(job.isCancelled()).isTrue();
        assertThat(results).containsExactly("stopped");
    }

    @Test
    void aCancelActionRegisteredAfterCancellingRunsAtOnce() {
        TaskJob<Void> job = new TaskJob<>(update -> { });
        job.cancel();
        List<String> ran = new ArrayList<>();

        job.onCancel(() -> ran.add("action"));

        assertThat(ran).containsExactly("action");
    }

    private void awaitDone(TaskRunner.Job job) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // The outcome is queued right after the job is marked done; wait for both.
        while ((!job.isDone() || ui.queued.isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(20);
        assertThat(job.isDone()).isTrue();
    }
}
