package dev.querybench.engine.evaluation;

import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelSpec;
import java.util.concurrent.Semaphore;

/**
 * A model asked under its provider's permit for the call alone: the permit is taken just before
 * each call (a repair's too) and given back as soon as the answer is back and stored in the
 * response cache, so rendering the prompt, reading the SQL out of the answer, trying it on the
 * database and scoring it never hold a slot another item's call could use. Used by one item at a
 * time; thread-safe as its model is.
 */
final class PermittedModel implements ModelAdapter {

    /** The wait for a permit was interrupted (the run is being cancelled). */
    static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted() {
            super("interrupted while waiting for the provider's permit", null, false, false);
        }
    }

    private final ModelAdapter model;
    private final Semaphore provider;
    private volatile long firstAsked;

    PermittedModel(ModelAdapter model, Semaphore provider) {
        this.model = model;
        this.provider = provider;
    }

    @Override
    public ModelSpec spec() {
        return model.spec();
    }

    @Override
    public Completion complete(String prompt) {
        acquire();
        try {
            return model.complete(prompt);
        } finally {
            provider.release();
        }
    }

    @Override
    public Completion complete(String prompt, int repeat) {
        acquire();
        try {
            return model.complete(prompt, repeat);
        } finally {
            provider.release();
        }
    }

    /** When the first call got its permit ({@link System#nanoTime()}), or {@code otherwise} before any call. */
    long firstAsked(long otherwise) {
        long first = firstAsked;
        return first == 0 ? otherwise : first;
    }

    private void acquire() {
        try {
            provider.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        }
        if (firstAsked == 0) {
            firstAsked = System.nanoTime();
        }
    }
}
