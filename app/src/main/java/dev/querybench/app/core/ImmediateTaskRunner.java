package dev.querybench.app.core;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs work on the calling thread and returns when it is done; for view-model tests, which
 * then need no UI toolkit. Progress published from other threads (engine workers) is delivered
 * on those threads, one update at a time under a lock, so progress callbacks never overlap. The
 * success or failure callback runs once the work has returned, outside that lock: it may itself
 * submit work (a run started after a pre-flight check) whose workers publish progress.
 */
public final class ImmediateTaskRunner implements TaskRunner {

    private final Object callbackLock = new Object();

    @Override
    public <T, P> Job submit(BackgroundWork<T, P> work, Consumer<List<P>> onProgress, Consumer<? super T> onSuccess,
            Consumer<Throwable> onFailure) {
        TaskJob<P> job = new TaskJob<>(update -> {
            synchronized (callbackLock) {
                onProgress.accept(List.of(update));
            }
        });
        T result;
        try {
            result = work.run(job);
        } catch (Exception e) {
            job.markDone();
            onFailure.accept(e);
            return job;
        }
        job.markDone();
        onSuccess.accept(result);
        return job;
    }
}
