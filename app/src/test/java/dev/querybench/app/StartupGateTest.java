package dev.querybench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class StartupGateTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> linuxProperties = new HashMap<>(Map.of("os.name", "Linux"));
    private final UnaryOperator<String> linux = linuxProperties::get;

    private int answer(Map<String, String> environment, String... args) {
        return StartupGate.answerBeforeLaunch(List.of(args), environment, linux,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheOptionsAndEndsWithoutAWindowEvenWithoutADisplay() {
        assertThat(answer(Map.of(), "--help")).isEqualTo(0);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("Usage: querybench-app")
                .contains("--workspace=DIR|sample", "--model=provider:model", "--base-url=URL", "QUERYBENCH_HOME");
        assertThat(err.size()).isZero();
    }

    @Test
    void versionPrintsOneLine() {
        assertThat(answer(Map.of("DISPLAY", ":0"), "-V")).isEqualTo(0);

        assertThat(out.toString(StandardCharsets.UTF_8)).matches("QueryBench \\S.*\\R");
    }

    @Test
    void withoutADisplayOneLineNamesTheFix() {
        assertThat(answer(Map.of("DISPLAY", " "), "--workspace", "sample")).isEqualTo(StartupGate.NO_DISPLAY);

        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(message.lines()).hasSize(1);
        assertThat(message).contains("neither DISPLAY nor WAYLAND_DISPLAY is set", "desktop session", "'querybench'");
        assertThat(out.size()).isZero();
    }

    @Test
    void aDisplayOrAnotherPlatformLetsTheWindowStart() {
        assertThat(answer(Map.of("DISPLAY", ":0"))).isEqualTo(-1);
        assertThat(answer(Map.of("WAYLAND_DISPLAY", "wayland-0"))).isEqualTo(-1);
        linuxProperties.put("glass.platform", "headless");
        assertThat(answer(Map.of())).isEqualTo(-1);
        assertThat(StartupGate.missingDisplay(Map.of(), Map.of("os.name", "Windows 11")::get)).isNull();
        assertThat(StartupGate.missingDisplay(Map.of(), Map.of("os.name", "Mac OS X")::get)).isNull();
    }

    @Test
    void javaFxsDisplayFailureIsRecognisedAndWordedInOneLine() {
        RuntimeException wrapped = new RuntimeException(new UnsupportedOperationException("Unable to open DISPLAY"));

        assertThat(StartupGate.isDisplayFailure(wrapped)).isTrue();
        assertThat(StartupGate.isDisplayFailure(new UnsupportedOperationException("other"))).isFalse();
        assertThat(StartupGate.unreachableDisplay(Map.of("DISPLAY", ":77")))
                .contains("the display ':77' cannot be opened").doesNotContain("\n");
    }

    @Test
    void theHelpModelHasEveryOptionLaunchOptionsReads() {
        List<String> names = new CommandLine(new AppCommandLine()).getCommandSpec().options().stream()
                .flatMap(o -> List.of(o.names()).stream()).toList();

        assertThat(names).contains("-w", "--workspace", "--model", "--base-url", "--help", "--version");
        for (OptionSpec option : new CommandLine(new AppCommandLine()).getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            for (String name : option.names()) {
                // LaunchOptions refuses unknown options, so each name it accepts parses without an error.
                LaunchOptions.parse(List.of(name, "x"), Map.of(), java.nio.file.Path.of("/home/ana"));
            }
        }
    }
}
