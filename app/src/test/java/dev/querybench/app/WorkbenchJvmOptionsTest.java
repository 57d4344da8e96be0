package dev.querybench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The workbench's JVM options (docs/workbench.md, "Memory") are written in four places: the build
 * launchers for Linux/macOS and Windows, the app image's jpackage options and app/pom.xml, whose
 * property the tests' JVM (and so every benchmark) runs with. They must be the same everywhere.
 */
class WorkbenchJvmOptionsTest {

    private static final Path INSTALLERS = Path.of("..", "installers");

    @Test
    void theLaunchersTheAppImageAndTheTestsJvmRunTheWorkbenchWithTheSameOptions() throws IOException {
        String options = pomOptions();
        assertThat(options).contains("-XX:GCTimeRatio=", "-XX:MaxHeapFreeRatio=", "-XX:G1PeriodicGCInterval=",
                "-Djdk.reflect.useNativeAccessorOnly=true");
        assertThat(Files.readString(INSTALLERS.resolve("launchers/launcher.sh")))
                .contains("set -- " + options + " ${QUERYBENCH_JAVA_OPTIONS:-} --module-path");
        assertThat(Files.readString(INSTALLERS.resolve("launchers/launcher.cmd")))
                .contains("set \"ARGS=" + options + " %QUERYBENCH_JAVA_OPTIONS% --module-path");
        List<String> imageOptions = Files.readAllLines(INSTALLERS.resolve("jpackage/common.args")).stream()
                .filter(line -> line.startsWith("--java-options "))
                .map(line -> line.substring("--java-options ".length()).trim())
                .toList();
        List<String> each = Arrays.asList(options.split(" "));
        assertThat(imageOptions).containsExactlyElementsOf(each);
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).containsAll(each);
    }

    private static String pomOptions() throws IOException {
        Matcher property = Pattern.compile("<querybench.app.jvm.options>([^<]+)</querybench.app.jvm.options>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(property.find()).as("app/pom.xml has querybench.app.jvm.options").isTrue();
        return property.group(1).trim();
    }
}
