package dev.querybench.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;

class SetupFoldTest {

    private final SimpleObjectProperty<RunPhase> phase = new SimpleObjectProperty<>(RunPhase.IDLE);
    private final SimpleStringProperty runId = new SimpleStringProperty("");
    private final SimpleBooleanProperty pending = new SimpleBooleanProperty(false);

    @Test
    void theSetupIsOpenBeforeAnyRunAndFoldsWhenARunStarts() {
        SetupFold fold = new SetupFold(phase, runId, pending);
        assertThat(fold.openProperty().get()).isTrue();

        phase.set(RunPhase.PREPARING);
        assertThat(fold.openProperty().get()).isFalse();
        runId.set("r-1");
        phase.set(RunPhase.RUNNING);
        phase.set(RunPhase.FINISHED);
        assertThat(fold.openProperty().get()).isFalse();
    }

    @Test
    void theUserOpensAndFoldsItAndTheNextRunFoldsItAgain() {
        SetupFold fold = new SetupFold(phase, runId, pending);
        phase.set(RunPhase.PREPARING);
        phase.set(RunPhase.FINISHED);

        fold.toggle();
        assertThat(fold.openProperty().get()).isTrue();
        fold.toggle();
        assertThat(fold.openProperty().get()).isFalse();

        fold.toggle();
        phase.set(RunPhase.PREPARING);
        assertThat(fold.openProperty().get()).isFalse();
    }

    @Test
    void aFailedRunOpensTheSetupSoItCanBeFixed() {
        SetupFold fold = new SetupFold(phase, runId, pending);
        phase.set(RunPhase.PREPARING);
        phase.set(RunPhase.FAILED);
        assertThat(fold.openProperty().get()).isTrue();
    }

    @Test
    void aRestoredRunsResultsFoldTheSetupAsSoonAsTheyAreShown() {
        SetupFold fold = new SetupFold(phase, runId, pending);
        runId.set("r-restored");
        assertThat(fold.openProperty().get()).isFalse();

        runId.set("");
        SetupFold shownAlready = new SetupFold(phase, new SimpleStringProperty("r-2"), pending);
        assertThat(shownAlready.openProperty().get()).isFalse();
    }

    @Test
    void whileAStoredRunIsReadTheSetupStartsFoldedAndOpensOnlyIfNoneCouldBeShown() {
        pending.set(true);
        SetupFold shown = new SetupFold(phase, runId, pending);
        assertThat(shown.openProperty().get()).as("results are coming").isFalse();
        runId.set("r-stored");
        pending.set(false);
        assertThat(shown.openProperty().get()).isFalse();

        runId.set("");
        pending.set(true);
        SetupFold unreadable = new SetupFold(phase, runId, pending);
        pending.set(false);
        assertThat(unreadable.openProperty().get()).as("nothing to show: the setup is the screen").isTrue();

        pending.set(true);
        SetupFold started = new SetupFold(phase, runId, pending);
        phase.set(RunPhase.PREPARING);
        pending.set(false);
        assertThat(started.openProperty().get()).as("a run started meanwhile").isFalse();
    }
}
