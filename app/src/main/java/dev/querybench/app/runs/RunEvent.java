package dev.querybench.app.runs;

import dev.querybench.engine.evaluation.RunProgress;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;

/** What a running evaluation reports to the run screen, batched on its way to the FX thread. */
sealed interface RunEvent {

    /** A run began; {@code privilegedWarning} is the stored opt-in warning, or empty. */
    record Started(RunRecord run, String privilegedWarning) implements RunEvent {}

    record ItemDone(ItemResult item, RunProgress progress) implements RunEvent {}

    /** Items a resumed run already had: counted like finished ones, so every count covers the whole run. */
    record Restored(java.util.List<ItemResult> items) implements RunEvent {}
}
