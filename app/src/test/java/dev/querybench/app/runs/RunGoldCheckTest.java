package dev.querybench.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.testing.RecordingDialogs;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.validation.GoldSchemaCheck;
import dev.querybench.engine.validation.PassedGoldChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbench's Run checks the gold against the schema as {@code querybench run} does: the pass
 * is remembered in the workspace's state folder, the next run over the same gold and schema skips
 * the check, and an edited gold (the workspace opened again) is checked again and refused with the
 * dataset's line. Over the sample's real SQLite database and the local OpenAI stub.
 */
class RunGoldCheckTest {

    private static final String STUB_MODEL = "openai:gpt-4o-mini";

    @TempDir
    Path home;

    @Test
    void aSecondRunSkipsTheGoldCheckThatPassedAndAnEditedGoldIsCheckedAgain() throws Exception {
        Path folder = home.resolve("sample-workspace");
        try (SampleFixture sample = new SampleFixture(folder)) {
            Path remembered = sample.workspace.stateFolder().resolve(PassedGoldChecks.FILE);
            assertThat(remembered).doesNotExist();
            RunViewModel vm = viewModel(sample, sample.workspace, sample.session);

            vm.startRun();

            assertThat(vm.phaseProperty().get()).as(vm.statusTextProperty().get()).isEqualTo(RunPhase.FINISHED);
            assertThat(remembered).as("the pass is remembered, as querybench run remembers it").isRegularFile();
            String fingerprint = Files.readString(remembered).strip();
            assertThat(fingerprint).isEqualTo(new GoldSchemaCheck().fingerprint(sample.workspace, sample.session.schema()));

            // a check that runs again rewrites the file; a skipped one leaves it as it is
            FileTime longAgo = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
            Files.setLastModifiedTime(remembered, longAgo);
            vm.startRun();
            assertThat(vm.phaseProperty().get()).isEqualTo(RunPhase.FINISHED);
            assertThat(Files.getLastModifiedTime(remembered)).as("the second run skipped the check").isEqualTo(longAgo);
            assertThat(new GoldSchemaCheck().requireBeforeRun(sample.session)).as("the CLI's check sees the same pass")
                    .isFalse();

            Path dataset = folder.resolve("dataset.yaml");
            Files.writeString(dataset, Files.readString(dataset).replace("gold: SELECT COUNT(*) FROM customers\n",
                    "gold: SELECT COUNT(*) FROM clients\n"));
            Workspace edited = new WorkspaceLoader().load(folder);
            int calls = sample.stub.calls();
            try (WorkspaceSession reopened = WorkspaceSession.open(edited, sample.secrets, Clock.systemUTC())) {
                RunViewModel again = viewModel(sample, edited, reopened);

                again.startRun();

                assertThat(again.phaseProperty().get()).isEqualTo(RunPhase.FAILED);
                assertThat(again.error().messageProperty().get()).contains("dataset.yaml")
                        .contains("the gold SQL of question q001 reads table 'clients', which the database does not have");
                assertThat(sample.stub.calls()).as("no model is asked").isEqualTo(calls);
                assertThat(Files.readString(remembered).strip()).as("a failure is not remembered").isEqualTo(fingerprint);
            }
        }
    }

    private static RunViewModel viewModel(SampleFixture sample, Workspace workspace, WorkspaceSession session) {
        return new RunViewModel(workspace, session, ModelChoice.of(workspace, sample.secrets, STUB_MODEL,
                sample.stub.baseUrl()), new ImmediateTaskRunner(), new RecordingDialogs());
    }
}
