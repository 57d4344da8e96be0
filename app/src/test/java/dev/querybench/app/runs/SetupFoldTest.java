package dev.querybench.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;

class SetupFoldTest {

    private final SimpleObjectProperty<RunPhase> phase = new SimpleObjectProperty<>(RunPhase.IDLE);
    private final SimpleStringProperty runId = new SimpleStringProperty("");

    @Test
    void theSetupIsOpenBeforeAnyRunAndFoldsWhenARunStarts() {
        SetupFold fold = new SetupFold(phase, runId);
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
        SetupFold fold = new SetupFold(phase, runId);
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
        SetupFold fold = new SetupFold(phase, runId);
        phase.set(RunPhase.PREPARING);
        phase.set(RunPhase.FAILED);
        assertThat(fold.openProperty().get()).isTrue();
    }

    @Test
    void aRestoredRunsResultsFoldTheSetupAsSoonAsTheyAreShown() {
        SetupFold fold = new SetupFold(phase, runId);
        runId.set("r-restored");
        assertThat(fold.openProperty().get()).isFalse();

        runId.set("");
        SetupFold shownAlready = new SetupFold(phase, new SimpleStringProperty("r-2"));
        assertThat(shownAlready.openProperty().get()).isFalse();
    }
}
