package dev.querybench.app.runs;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableObjectValue;
import javafx.beans.value.ObservableStringValue;

/**
 * Whether the run screen shows its setup card or a one-line summary of it, so the results table
 * gets the room once there are results: the setup folds away when a run starts and when a run's
 * results are shown (a finished or restored run, folded already while a start reads the stored
 * one), opens again when a run fails (its setup is what needs fixing) and whenever the user asks.
 * Call on the FX thread.
 */
public final class SetupFold {

    private final BooleanProperty open = new SimpleBooleanProperty(this, "open", true);

    /**
     * @param phase the run screen's phase
     * @param runId the id of the run whose results are shown, empty for none
     * @param latestPending true while a stored run is read to be shown: the setup starts folded, as
     *     it will be once the run is shown, and opens if it cannot be
     */
    public SetupFold(ObservableObjectValue<RunPhase> phase, ObservableStringValue runId,
            ObservableBooleanValue latestPending) {
        open.set(!phase.get().isActive() && blank(runId.get()) && !latestPending.get());
        latestPending.addListener((obs, was, is) -> {
            if (!is && !phase.get().isActive() && blank(runId.get())) {
                open.set(true);
            }
        });
        phase.addListener((obs, was, is) -> {
            if (is == RunPhase.PREPARING) {
                open.set(false);
            } else if (is == RunPhase.FAILED) {
                open.set(true);
            }
        });
        runId.addListener((obs, was, is) -> {
            if (!blank(is) && !phase.get().equals(RunPhase.FAILED)) {
                open.set(false);
            }
        });
    }

    /** True while the whole setup card is shown; false for the one-line summary. */
    public BooleanProperty openProperty() {
        return open;
    }

    /** Opens a folded setup, folds an open one. */
    public void toggle() {
        open.set(!open.get());
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
