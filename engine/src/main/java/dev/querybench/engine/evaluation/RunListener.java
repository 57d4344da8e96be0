package dev.querybench.engine.evaluation;

import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;

/**
 * Receives a run's events. Called from worker threads, possibly at once: implementations must be
 * thread-safe and quick (hand work to another thread if it is slow).
 */
public interface RunListener {

    RunListener NONE = new RunListener() { };

    /** The run began; {@code restored} items were already finished by an earlier attempt. */
    default void started(RunRecord run, int restored) { }

    default void itemFinished(ItemResult item, RunProgress progress) { }

    default void finished(RunResults results) { }
}
