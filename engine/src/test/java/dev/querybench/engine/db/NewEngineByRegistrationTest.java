package dev.querybench.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.db.litetwin.LiteTwinEngine;
import dev.querybench.engine.db.litetwin.LiteTwinProbe;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/architecture.md promises that a database engine is one new package plus one registration.
 * The test engine {@code db.litetwin} (test sources) is that package; this test writes the one
 * registration, a services file, onto the class path of a child JVM and checks that the engine is
 * found by name and URL, loads a dataset database, and that its queries go through the lexer with
 * its own syntax, the statement guard, the safe executor and the error translation, with no main
 * class changed for it.
 */
class NewEngineByRegistrationTest {

    @TempDir
    Path dir;

    @Test
    void anEngineInItsOwnPackageWorksOnceItsServicesLineIsOnTheClassPath() throws Exception {
        assertThat(Dialect.fromName("litetwin")).as("without the services line the engine is unknown").isEmpty();
        Path registration = dir.resolve("registration");
        Path services = registration.resolve("META-INF/services/" + DatabaseEngine.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, LiteTwinEngine.class.getName() + "\n");
        Path file = dir.resolve("music.twin");

        Map<String, String> found = probe(registration, file);

        assertThat(found.get("registered")).isEqualTo("sqlite,postgresql,mysql,trino,litetwin");
        assertThat(found.get("url")).isEqualTo("litetwin " + file + " server=false");
        assertThat(found.get("load")).isEqualTo("CREATED");
        assertThat(found.get("backend")).isEqualTo("LiteTwin true");
        assertThat(found.get("rows")).isEqualTo("ok [[Ada], [Bo]]");
        assertThat(found.get("stacked")).startsWith("REFUSED").contains("more than one statement");
        assertThat(found.get("write")).startsWith("REFUSED");
        assertThat(found.get("unknown")).startsWith("SCHEMA");
        assertThat(found.get("tables")).isEqualTo("1");
        assertThat(found.get("brackets.twin")).as("the twin's lexer reads [ as a symbol, so ; splits statements")
                .startsWith("REFUSED").contains("more than one statement");
        assertThat(found.get("brackets.sqlite")).as("SQLite's lexer reads [a;b] as one quoted name").startsWith("ok");
    }

    private static Map<String, String> probe(Path registration, Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path") + File.pathSeparator + registration;
        Process process = new ProcessBuilder(java, "-cp", classPath, LiteTwinProbe.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, String> found = new LinkedHashMap<>();
        output.lines().filter(l -> l.contains("=")).forEach(l -> found.putIfAbsent(l.substring(0, l.indexOf('=')),
                l.substring(l.indexOf('=') + 1)));
        return found;
    }
}
