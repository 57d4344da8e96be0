package dev.querybench.app.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.testing.RecordingDialogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a report with real processes standing in for xdg-open: one that succeeds, one that fails, none. */
class DesktopOpenerTest {

    @TempDir
    Path folder;

    private final RecordingDialogs dialogs = new RecordingDialogs();

    @Test
    void aReportThatCannotBeOpenedShowsItsPathWithTheFix() throws Exception {
        Path report = Files.writeString(folder.resolve("report.html"), "<html></html>");
        Path failing = Files.writeString(folder.resolve("xdg-open"), "#!/bin/sh\necho 'no method available' >&2\nexit 3\n");
        failing.toFile().setExecutable(true);

        new DesktopOpener(List.of(failing.toString()), uri -> { }, new ImmediateTaskRunner(), dialogs)
                .accept(report.toUri());

        assertThat(dialogs.paths()).singleElement().satisfies(shown -> {
            assertThat(shown.title()).isEqualTo("The file could not be opened");
            assertThat(shown.message()).contains(report.toString(), "no program is registered", "exited with 3",
                    "no method available");
            assertThat(shown.remedy()).contains("default browser");
            assertThat(shown.details()).isEqualTo(report.toString());
        });
    }

    @Test
    void aMissingOpenerIsNamedAndAWorkingOneSaysNothing() throws Exception {
        Path report = Files.writeString(folder.resolve("report.html"), "<html></html>");
        new DesktopOpener(List.of(folder.resolve("no-such-opener").toString()), uri -> { }, new ImmediateTaskRunner(),
                dialogs).accept(report.toUri());
        assertThat(dialogs.paths()).singleElement().extracting(RecordingDialogs.Shown::message).asString()
                .contains("is not installed");

        new DesktopOpener(List.of("true"), uri -> { }, new ImmediateTaskRunner(), dialogs).accept(report.toUri());
        assertThat(dialogs.paths()).hasSize(1);
    }
}
