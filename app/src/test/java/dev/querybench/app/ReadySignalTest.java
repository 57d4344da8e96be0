package dev.querybench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadySignalTest {

    @TempDir
    Path dir;

    @Test
    void nothingIsAskedForWithoutPropertyOrEnvironment() {
        assertThat(ReadySignal.target(name -> null, Map.of())).isEmpty();
        assertThat(ReadySignal.target(name -> " ", Map.of(ReadySignal.ENVIRONMENT, ""))).isEmpty();
    }

    @Test
    void theEnvironmentNamesTheFileAndThePropertyWins() {
        assertThat(ReadySignal.target(name -> null, Map.of(ReadySignal.ENVIRONMENT, "/tmp/qb/ready")))
                .contains(Path.of("/tmp/qb/ready"));
        assertThat(ReadySignal.target(name -> name.equals(ReadySignal.PROPERTY) ? "/run/a" : null,
                Map.of(ReadySignal.ENVIRONMENT, "/run/b"))).contains(Path.of("/run/a"));
    }

    @Test
    void theFileSaysWhichWindowAndHowLongTheStartTook() throws Exception {
        Path file = dir.resolve("signals/ready.txt");

        ReadySignal.write(file, "Ridgeline sample — QueryBench", Instant.parse("2026-01-05T10:00:00Z"),
                Instant.parse("2026-01-05T10:00:02.345Z"));

        assertThat(Files.readAllLines(file)).contains(
                "window=Ridgeline sample — QueryBench",
                "pid=" + ProcessHandle.current().pid(),
                "processStart=2026-01-05T10:00:00Z",
                "ready=2026-01-05T10:00:02.345Z",
                "startupMillis=2345");
        assertThat(dir.resolve("signals")).isDirectoryNotContaining("glob:**.partial");
    }

    @Test
    void anUnknownProcessStartIsSaid() throws Exception {
        Path file = dir.resolve("ready");

        ReadySignal.write(file, null, null, Instant.parse("2026-01-05T10:00:00Z"));

        assertThat(Files.readAllLines(file)).contains("window=", "processStart=unknown", "startupMillis=-1");
    }

    @Test
    void anUnwritableFileIsReported() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> ReadySignal.write(blocker.resolve("ready"), "t", null, Instant.now()))
                .isInstanceOf(UncheckedIOException.class);
    }
}
