package dev.querybench.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.testing.RecordingDialogs;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.engine.validation.ModelEndpointValidator;
import dev.querybench.engine.validation.RunPreflight;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pre-flight on the run screen, against real HTTP: the stub answers, the sample's Ollama profile
 * points at a port nobody listens on here. Nothing is spent on a run that cannot reach its endpoint.
 */
class PreflightGateTest {

    private static final String STUB_MODEL = "openai:gpt-4o-mini";

    @TempDir
    Path home;

    private SampleFixture sample;
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private RunViewModel vm;

    @BeforeEach
    void open() {
        sample = new SampleFixture(home.resolve("sample-workspace"));
        List<ModelChoice> models = ModelChoice.of(sample.workspace, sample.secrets, STUB_MODEL, sample.stub.baseUrl());
        vm = new RunViewModel(sample.workspace, sample.session, models, new ImmediateTaskRunner(), dialogs);
        vm.setPreflight(new RunPreflight(new ModelEndpointValidator(Duration.ofSeconds(2)), sample.secrets));
        vm.setup().variants().getLast().setSelected(false);
        vm.setup().compareModels().stream().filter(m -> m.choice().id().equals("ollama-qwen-coder")).findFirst().orElseThrow()
                .setSelected(true);
    }

    @AfterEach
    void close() {
        sample.close();
    }

    @Test
    void anEndpointThatIsDownIsNamedWithItsFixAndTheOthersRunWhenTheUserSaysSo() {
        dialogs.answer(true);

        vm.startRun();

        assertThat(dialogs.questions()).singleElement().asString()
                .contains("1 model of this run cannot be used", "ollama-qwen-coder", "fix:")
                .doesNotContain("gpt-4o-mini:");
        assertThat(vm.phaseProperty().get()).isEqualTo(RunPhase.FINISHED);
        assertThat(vm.progress().totalItemsProperty().get()).as("only the model that answers").isEqualTo(54);
        assertThat(vm.progress().errorItemsProperty().get()).isZero();
    }

    @Test
    void cancellingStopsBeforeAnyModelIsAskedAndSaysWhy() {
        dialogs.answer(false);
        int before = sample.stub.calls();

        vm.startRun();

        assertThat(vm.phaseProperty().get()).isEqualTo(RunPhase.FAILED);
        assertThat(vm.error().messageProperty().get()).contains("Nothing was run", "ollama-qwen-coder");
        assertThat(vm.error().remedyProperty().get()).isNotBlank();
        assertThat(sample.stub.calls()).as("no tokens spent").isEqualTo(before);
        assertThat(vm.progress().totalItemsProperty().get()).isZero();
    }
}
