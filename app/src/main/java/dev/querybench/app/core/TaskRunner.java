package dev.querybench.app.core;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs slow work away from the FX thread and hands its outcome back on it.
 *
 * <p>Every callback runs on the thread that owns the UI state: the FX thread for
 * {@link FxTaskRunner}, the caller's thread (serialised) for {@link ImmediateTaskRunner}.
 * Progress updates published by the work arrive in batches, in publishing order, and all of
 * them are delivered before the success or failure callback.
 */
public interface TaskRunner {

    /**
     * Starts {@code work}.
     *
     * @param onProgress receives the updates the work published since the previous batch
     * @param onSuccess receives the work's result, also when the work was cancelled and returned normally
     * @param onFailure receives what the work threw
     * @return a handle to cancel the work
     */
    <T, P> Job submit(BackgroundWork<T, P> work, Consumer<List<P>> onProgress, Consumer<? super T> onSuccess,
            Consumer<Throwable> onFailure);

    /** Starts work that reports no progress. */
    default <T> Job submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        return this.<T, Void>submit(context -> work.call(), updates -> { }, onSuccess, onFailure);
    }

    /** Work that runs in the background; it must not touch UI state. */
    @FunctionalInterface
    interface BackgroundWork<T, P> {
        T run(Context<P> context) throws Exception;
    }

    /** What the running work sees of its job. Thread-safe. */
    interface Context<P> {

        /** Queues an update for the progress callback; cheap, callable from any thread. */
        void publish(P update);

        boolean isCancelled();

        /** Runs {@code action} when the job is cancelled (at once if it already is). */
        void onCancel(Runnable action);
    }

    /** A started piece of work. Thread-safe. */
    interface Job {

        /** Asks the work to stop; callbacks still arrive when it does. */
        void cancel();

        boolean isCancelled();

        boolean isDone();
    }
}
