package dev.querybench.engine.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequireJavaTest {

    @Test
    void featureNumbersOfOldAndNewSpecificationVersions() {
        assertThat(RequireJava.feature("1.8")).isEqualTo(8);
        assertThat(RequireJava.feature("17")).isEqualTo(17);
        assertThat(RequireJava.feature("25")).isEqualTo(25);
        assertThat(RequireJava.feature("26-ea")).isEqualTo(26);
        assertThat(RequireJava.feature(null)).isZero();
        assertThat(RequireJava.feature("x")).isZero();
    }

    @Test
    void anOlderJavaGetsOneSentenceNamingItAndWhatToInstall() {
        assertThat(RequireJava.problem("25", "/opt/jdk-25")).isNull();
        assertThat(RequireJava.problem("26", "/opt/jdk-26")).isNull();

        assertThat(RequireJava.problem("17", "/usr/lib/jvm/java-17-openjdk-amd64")).isEqualTo(
                "QueryBench needs Java 25 or newer, but this is Java 17 (/usr/lib/jvm/java-17-openjdk-amd64): "
                        + "install a JDK 25 (for example Eclipse Temurin 25) and set JAVA_HOME to it.");
    }

    @Test
    void theLauncherScriptsSayTheSameSentence() throws IOException {
        Path launchers = Path.of("..", "installers", "launchers");
        String tail = ": install a JDK $REQUIRED (for example Eclipse Temurin 25) and set JAVA_HOME to it.";

        assertThat(Files.readString(launchers.resolve("launcher.sh")))
                .contains("QueryBench needs Java $REQUIRED or newer, but $where is Java ${version:-of unknown version}" + tail);
        assertThat(Files.readString(launchers.resolve("launcher.cmd")))
                .contains("QueryBench needs Java %REQUIRED% or newer, but !WHERE! is Java !VERSION!: install a JDK "
                        + "%REQUIRED% ^(for example Eclipse Temurin 25^) and set JAVA_HOME to it.");
        assertThat(RequireJava.sentence("17", "x")).endsWith(tail.replace("$REQUIRED", "25"));
    }

    @Test
    void theRealEntryPointComesFromTheManifestOfTheOneJarOnTheClassPath(@TempDir Path dir) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(RequireJava.MAIN_ATTRIBUTE, "dev.querybench.app.QueryBenchLauncher");
        Path jar = dir.resolve("querybench-app.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is all it needs
        }

        assertThat(RequireJava.mainClass(jar.toString())).isEqualTo("dev.querybench.app.QueryBenchLauncher");
        assertThat(RequireJava.mainClass(jar + java.io.File.pathSeparator + "other.jar")).isEqualTo(RequireJava.DEFAULT_MAIN);
        assertThat(RequireJava.mainClass(dir.resolve("missing.jar").toString())).isEqualTo(RequireJava.DEFAULT_MAIN);
        assertThat(RequireJava.mainClass("target/classes")).isEqualTo(RequireJava.DEFAULT_MAIN);
    }
}
