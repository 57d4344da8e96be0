package dev.querybench.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.errors.Redactor;
import dev.querybench.engine.errors.UrlCredentials;
import dev.querybench.engine.model.cache.SqliteResponseCache;
import dev.querybench.engine.run.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What QueryBench writes that may hold prompts, answers or connection details is private to the user. */
class PrivateFilesTest {

    @TempDir
    Path dir;

    @Test
    void theResponseCacheAndTheRunStoreAreReadableByTheirOwnerOnly() throws Exception {
        Path state = dir.resolve("ws/.querybench");
        try (SqliteResponseCache cache = new SqliteResponseCache(state.resolve("cache.db"), Duration.ofHours(1),
                Clock.systemUTC())) {
            assertThat(mode(state.resolve("cache.db"))).isEqualTo("rw-------");
        }
        assertThat(mode(state)).isEqualTo("rwx------");
        Path runs = state.resolve("runs.db");
        Files.writeString(runs, "");
        Files.setPosixFilePermissions(runs, PosixFilePermissions.fromString("rw-r--r--"));
        try (RunStore store = new RunStore(runs)) {
            // a store an older version left readable by everyone is tightened when opened
            assertThat(mode(runs)).isEqualTo("rw-------");
        }
    }

    @Test
    void credentialsInUrlsAreFoundAndMasked() {
        assertThat(UrlCredentials.find("http://user:KEY@host/v1")).isPresent();
        assertThat(UrlCredentials.find("https://host/v1?api_key=abc")).contains("a 'api_key=' parameter");
        assertThat(UrlCredentials.find("https://host/v1?token=abc&x=1")).isPresent();
        assertThat(UrlCredentials.find("http://localhost:11434")).isEmpty();
        assertThat(UrlCredentials.find("https://host/v1?keyboard=1")).isEmpty();
        Redactor redactor = new Redactor(List.of());
        assertThat(redactor.redact("cannot reach http://me:sk-secret@host/v1 (refused)"))
                .isEqualTo("cannot reach http://****@host/v1 (refused)");
        assertThat(redactor.redact("GET https://host/v1?key=AIzaXYZ&alt=json"))
                .isEqualTo("GET https://host/v1?key=****&alt=json");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
