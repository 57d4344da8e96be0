package dev.querybench.engine.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing the sample: every file arrives under its own name with nothing left beside it, a user's
 * edit is kept, and a part file left under this process id (a process id the system reused) is
 * overwritten and moved in, not kept or mistaken for the file.
 */
class SampleWorkspaceTest {

    @Test
    void writesEveryFileWholeAndKeepsAUsersEdits(@TempDir Path home) throws IOException {
        Path folder = home.resolve("sample-workspace");
        new SampleWorkspace().materialize(folder);
        List<Path> written = files(folder);
        assertThat(written).anyMatch(file -> file.endsWith("querybench.yaml"));
        assertThat(written).noneMatch(file -> file.getFileName().toString().contains(".part-"));
        assertThat(Files.readString(folder.resolve("querybench.yaml"))).isNotBlank();

        Files.writeString(folder.resolve("querybench.yaml"), "# mine\n", java.nio.file.StandardOpenOption.APPEND);
        String edited = Files.readString(folder.resolve("querybench.yaml"));
        Files.delete(written.stream().filter(file -> !file.endsWith("querybench.yaml")).findFirst().orElseThrow());
        new SampleWorkspace().materialize(folder);
        assertThat(Files.readString(folder.resolve("querybench.yaml"))).isEqualTo(edited);
        assertThat(files(folder)).containsExactlyInAnyOrderElementsOf(written);
    }

    @Test
    void aPartFileLeftUnderThisProcessIdIsOverwrittenAndMovedIn(@TempDir Path home) throws IOException {
        Path folder = home.resolve("sample-workspace");
        Files.createDirectories(folder);
        Path stale = folder.resolve("querybench.yaml.part-" + ProcessHandle.current().pid());
        Files.writeString(stale, "cut off mid-cop");
        new SampleWorkspace().materialize(folder);
        assertThat(Files.readString(folder.resolve("querybench.yaml"))).doesNotContain("cut off");
        assertThat(stale).doesNotExist();
    }

    @Test
    void partFilesOfProcessesThatEndedAreRemovedAndARunningOnesAreNot(@TempDir Path home) throws IOException {
        long ended = 999_999_999L;
        org.junit.jupiter.api.Assumptions.assumeTrue(ProcessHandle.of(ended).isEmpty(), "process 999999999 is not running");
        long running = ProcessHandle.current().parent().orElseThrow().pid();
        Path folder = home.resolve("sample-workspace");
        Files.createDirectories(folder);
        Path left = folder.resolve("querybench.yaml.part-" + ended);
        Path another = folder.resolve("querybench.yaml.part-" + running);
        Files.writeString(left, "cut off by a kill");
        Files.writeString(another, "still being written by another start");

        new SampleWorkspace().materialize(folder);

        assertThat(left).doesNotExist();
        assertThat(another).hasContent("still being written by another start");
        assertThat(Files.readString(folder.resolve("querybench.yaml"))).doesNotContain("cut off");
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
