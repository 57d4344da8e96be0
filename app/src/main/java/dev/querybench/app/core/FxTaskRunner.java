package dev.querybench.app.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Runs work on the application's one bounded executor and delivers callbacks with
 * {@link Platform#runLater}. At most {@value #WORKERS} pieces of work run at once, each on a
 * virtual thread; more wait in a queue, so a burst of requests (a grid asking for pages while it
 * scrolls) cannot start threads without bound. The executor is shut down with {@link #close()}.
 *
 * <p>Progress is coalesced: however fast the work publishes, at most one delivery per job waits
 * in the FX queue, and it carries every update published until it runs. Thread-safe.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {

    private final ExecutorService workers;
    private final Executor uiThread;
    private final Set<TaskJob<?>> active = ConcurrentHashMap.newKeySet();

    /** Work that may run at once; the rest waits its turn. */
    public static final int WORKERS = 16;

    public FxTaskRunner() {
        this(boundedWorkers(), Platform::runLater);
    }

    /** {@value #WORKERS} virtual worker threads at most, retired after half a minute of idleness. */
    static ExecutorService boundedWorkers() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofVirtual().name("querybench-task-", 0).factory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    FxTaskRunner(ExecutorService workers, Executor uiThread) {
        this.workers = workers;
        this.uiThread = uiThread;
    }

    @Override
    public <T, P> Job submit(BackgroundWork<T, P> work, Consumer<List<P>> onProgress, Consumer<? super T> onSuccess,
            Consumer<Throwable> onFailure) {
        Batcher<P> batcher = new Batcher<>(onProgress);
        TaskJob<P> job = new TaskJob<>(batcher::add);
        if (workers.isShutdown()) {
            // The window is closing: late requests (a grid asking for a page) start nothing and hear nothing.
            job.cancel();
            job.markDone();
            return job;
        }
        active.add(job);
        workers.execute(() -> {
            T result = null;
            Throwable failure = null;
            try {
                result = work.run(job);
            } catch (Throwable t) {
                failure = t;
            } finally {
                job.markDone();
                active.remove(job);
            }
            T value = result;
            Throwable error = failure;
            deliver(() -> {
                batcher.drain();
                if (error == null) {
                    onSuccess.accept(value);
                } else {
                    onFailure.accept(error);
                }
            });
        });
        return job;
    }

    /** Cancels running work and waits a little for it to wind down, so stores record how runs ended. */
    @Override
    public void close() {
        active.forEach(TaskJob::cancel);
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(Runnable action) {
        try {
            uiThread.execute(action);
        } catch (IllegalStateException toolkitGone) {
            // The window has closed; nobody is left to tell.
        }
    }

    /** Collects published updates and hands them to the FX thread in one call. */
    private final class Batcher<P> {
        private final Consumer<List<P>> consumer;
        private final Queue<P> pending = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Batcher(Consumer<List<P>> consumer) {
            this.consumer = consumer;
        }

        void add(P update) {
            pending.add(update);
            if (scheduled.compareAndSet(false, true)) {
                deliver(this::drain);
            }
        }

        void drain() {
            scheduled.set(false);
            List<P> batch = new ArrayList<>();
            for (P update = pending.poll(); update != null; update = pending.poll()) {
                batch.add(update);
            }
            if (!batch.isEmpty()) {
                consumer.accept(batch);
            }
        }
    }
}
