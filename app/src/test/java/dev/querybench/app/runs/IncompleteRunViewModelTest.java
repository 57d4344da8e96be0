package dev.querybench.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.testing.RecordingDialogs;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.Fault;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run screen tells the truth about a run whose provider left items unanswered: the status says
 * "Incomplete: answered n of N items", the banner gives the cause and the fix, Resume is offered and
 * finishes the run. Real engine, sample workspace, local OpenAI stub failing with HTTP 503.
 */
class IncompleteRunViewModelTest {

    private static final String STUB_MODEL = "openai:gpt-4o-mini";
    private static final int QUESTIONS = 54;

    @TempDir
    Path home;

    private OpenAiStub stub;
    private WorkspaceSession session;
    private final RecordingDialogs dialogs = new RecordingDialogs();

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
        stub.close();
    }

    /** The sample workspace with quick retries and a short patience, so a failing provider gives up fast. */
    private RunViewModel viewModel(OpenAiStub provider) throws IOException {
        return viewModel(provider, false);
    }

    /** @param failSecond the provider always fails the second question (rules before the gold answers win) */
    private RunViewModel viewModel(OpenAiStub provider, boolean failSecond) throws IOException {
        stub = provider;
        Path root = new SampleWorkspace().materialize(home.resolve("sample-workspace"));
        Files.writeString(root.resolve("querybench.yaml"), """

                resilience: {retry: {maxAttempts: 2, initialBackoffMillis: 5, maxBackoffMillis: 20},
                             circuitBreaker: {minimumCalls: 1000, window: 1000}, patienceSeconds: 2}
                """, StandardOpenOption.APPEND);
        Workspace workspace = new WorkspaceLoader().load(root);
        if (failSecond) {
            stub.fail(SampleScript.key(workspace.dataset().questions().get(1)), Fault.status(503));
        }
        SampleScript.answerGold(stub, workspace.dataset().questions());
        SecretResolver secrets = new SecretResolver(Map.of());
        session = WorkspaceSession.open(workspace, secrets, Clock.systemUTC());
        List<ModelChoice> models = ModelChoice.of(workspace, secrets, STUB_MODEL, stub.baseUrl());
        RunViewModel vm = new RunViewModel(workspace, session, models, new ImmediateTaskRunner(), dialogs);
        vm.setup().variants().forEach(v -> v.setSelected(v.name().equals("ddl-basic")));
        return vm;
    }

    @Test
    void aRunWithUnansweredItemsSaysIncompleteWithTheCauseAndResumeFinishesIt() throws IOException {
        RunViewModel vm = viewModel(OpenAiStub.start().failNext(100_000, Fault.status(503)));

        vm.startRun();

        String runId = vm.runIdProperty().get();
        assertThat(vm.phaseProperty().get()).isEqualTo(RunPhase.INCOMPLETE);
        assertThat(vm.statusTextProperty().get()).isEqualTo("Incomplete: answered 0 of " + QUESTIONS
                + " items; Resume finishes it");
        assertThat(vm.error().shownProperty().get()).isTrue();
        assertThat(vm.error().messageProperty().get()).startsWith(QUESTIONS + " items were not answered: ")
                .contains("503").contains("left out of accuracy");
        assertThat(vm.error().remedyProperty().get()).endsWith("Resume asks only the unanswered items and keeps the"
                + " answered ones (or run `querybench run --resume " + runId + "`).");
        assertThat(vm.progress().progressProperty().get()).isZero();
        assertThat(vm.progress().progressTextProperty().get()).startsWith("0/" + QUESTIONS).endsWith(" · incomplete");
        assertThat(vm.results().rows()).isEmpty();
        assertThat(vm.resume().canResumeProperty().get()).isTrue();
        assertThat(vm.resume().resumeTextProperty().get()).startsWith("Resume run " + runId + " (incomplete");
        assertThat(session.runStore().items(runId)).as("unanswered items are not stored").isEmpty();

        stub.failNext(0, Fault.status(503));
        int before = stub.calls();
        vm.resumeRun();

        assertThat(vm.phaseProperty().get()).isEqualTo(RunPhase.FINISHED);
        assertThat(vm.runIdProperty().get()).isEqualTo(runId);
        assertThat(vm.statusTextProperty().get()).startsWith("Finished run " + runId);
        assertThat(vm.error().shownProperty().get()).isFalse();
        assertThat(stub.calls() - before).isEqualTo(QUESTIONS);
        assertThat(vm.progress().doneItemsProperty().get()).isEqualTo(QUESTIONS);
        assertThat(vm.progress().passedItemsProperty().get()).isEqualTo(QUESTIONS);
        assertThat(vm.resume().canResumeProperty().get()).isFalse();
    }

    @Test
    void oneQuestionNeverAnsweredLeavesTheOthersCountedAndTheCardSaysAnsweredNOfN() throws IOException {
        RunViewModel vm = viewModel(OpenAiStub.start(), true);

        vm.startRun();

        assertThat(vm.phaseProperty().get()).isEqualTo(RunPhase.INCOMPLETE);
        assertThat(vm.statusTextProperty().get()).isEqualTo("Incomplete: answered 53 of 54 items; Resume finishes it");
        assertThat(vm.error().remedyProperty().get()).contains("Resume asks only the unanswered item and keeps");
        assertThat(vm.error().messageProperty().get()).startsWith("1 item was not answered: ");
        assertThat(vm.progress().doneItemsProperty().get()).isEqualTo(53);
        assertThat(vm.progress().passedItemsProperty().get()).isEqualTo(53);
        assertThat(vm.progress().cards()).singleElement().satisfies(card -> {
            assertThat(card.accuracyText()).isEqualTo("100.0%");
            assertThat(card.detailText()).startsWith("answered 53 of 54 items · p50 ");
        });
        assertThat(vm.resume().canResumeProperty().get()).isTrue();
    }
}
