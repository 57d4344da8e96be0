package dev.querybench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.testing.RecordingDialogs;
import dev.querybench.engine.errors.QueryBenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What main() starts before JavaFX: the command line's workspace, opened on a thread of its own,
 * which the window's context is then built on; a workspace that cannot be opened fails the join
 * with its own message; a wrong command line starts nothing and says what is wrong.
 */
class EarlyStartTest {

    @TempDir
    Path home;

    @Test
    void opensTheSampleUnderTheHomeAndTheContextIsBuiltOnIt() {
        EarlyStart early = EarlyStart.begin(List.of(), Map.of("QUERYBENCH_HOME", home.toString()), home);

        assertThat(early).isNotNull();
        assertThat(early.home()).isEqualTo(home);
        assertThat(early.settings().sample()).isTrue();
        AppContext.Opened opened = early.join();
        try (AppContext context = AppContext.of(opened, new ImmediateTaskRunner(), new RecordingDialogs(), null)) {
            assertThat(context.workspace()).isSameAs(opened.workspace());
            assertThat(context.mainViewModel().windowTitle()).contains("Ridgeline sample");
        }
        assertThat(opened.workspace().root()).isEqualTo(home.resolve("sample-workspace"));
        assertThat(Files.isRegularFile(home.resolve("sample-workspace").resolve("querybench.yaml"))).isTrue();
    }

    @Test
    void aWorkspaceThatCannotBeOpenedFailsTheJoinWithItsOwnMessage() {
        Path missing = home.resolve("no-such-workspace");
        EarlyStart early = EarlyStart.begin(List.of("--workspace", missing.toString()),
                Map.of("QUERYBENCH_HOME", home.toString()), home);

        assertThat(early).isNotNull();
        assertThatThrownBy(early::join).isInstanceOf(QueryBenchException.class)
                .hasMessageContaining("no-such-workspace");
    }

    @Test
    void aWrongCommandLineStartsNothingAndSaysWhatIsWrong() {
        assertThatThrownBy(() -> EarlyStart.begin(List.of("--no-such-option", "x"), Map.of("QUERYBENCH_HOME",
                home.toString()), home)).isInstanceOf(QueryBenchException.class)
                .hasMessageContaining("unknown option --no-such-option");
        assertThat(home).as("nothing written: no open was started").isEmptyDirectory();
    }
}
