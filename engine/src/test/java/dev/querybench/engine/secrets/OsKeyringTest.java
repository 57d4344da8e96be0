package dev.querybench.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.testing.SecretServiceSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OS keyring against a real Secret Service (GNOME Keyring on a private D-Bus session bus). */
class OsKeyringTest {

    @TempDir
    static Path folder;
    private static SecretServiceSession service;

    @BeforeAll
    static void startSecretService() throws Exception {
        service = SecretServiceSession.start(folder.resolve("keyring"));
        if (service == null && SecretServiceSession.required()) {
            fail("QUERYBENCH_REQUIRE_KEYRING=true but no Secret Service could be started (install gnome-keyring"
                    + " and dbus; see .ci/run)");
        }
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void storesReadsListsAndDeletesASecretThatWorkspacesThenResolve() throws Exception {
        assumeTrue(service != null, "no Secret Service here (gnome-keyring and dbus-daemon)");
        Path home = folder.resolve("home-" + System.nanoTime());
        OsKeyring keyring = new OsKeyring(home);

        keyring.set("QB_TEST_KEY", "sk-test-1234");
        keyring.set("QB_TEST_KEY", "sk-test-5678");
        keyring.set("other-service/alice", "pw");

        assertThat(keyring.get("QB_TEST_KEY")).contains("sk-test-5678");
        assertThat(keyring.names()).containsExactly("QB_TEST_KEY", "other-service/alice");
        assertThat(Files.readString(home.resolve(OsKeyring.NAMES_FILE), StandardCharsets.UTF_8))
                .doesNotContain("sk-test").contains("QB_TEST_KEY");
        // what a workspace's {keyring: NAME} reads, the environment not involved
        SecretResolver resolver = new SecretResolver(Map.of("QUERYBENCH_HOME", home.toString()));
        assertThat(resolver.resolve(SecretRef.keyring("QB_TEST_KEY"))).contains("sk-test-5678");
        assertThat(resolver.resolve(SecretRef.keyring("NOT_THERE"))).isEmpty();

        assertThat(keyring.delete("QB_TEST_KEY")).isTrue();
        assertThat(keyring.delete("QB_TEST_KEY")).isFalse();
        assertThat(keyring.get("QB_TEST_KEY")).isEmpty();
        assertThat(keyring.names()).containsExactly("other-service/alice");
    }

    @Test
    void withoutAKeyringServiceTheErrorNamesTheFix() {
        String previous = System.getProperty("DBUS_SESSION_BUS_ADDRESS");
        System.setProperty("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + folder.resolve("no-bus-here"));
        try {
            assertThatThrownBy(() -> new OsKeyring(folder).get("ANY"))
                    .isInstanceOf(KeyringUnavailableException.class)
                    .hasMessageContaining("the OS keyring cannot be used")
                    .satisfies(e -> assertThat(((KeyringUnavailableException) e).error().remedy())
                            .contains("gnome-keyring-daemon", "{env: NAME}"));
        } finally {
            if (previous == null) {
                System.clearProperty("DBUS_SESSION_BUS_ADDRESS");
            } else {
                System.setProperty("DBUS_SESSION_BUS_ADDRESS", previous);
            }
        }
    }

    @Test
    void namesAreCheckedBeforeTheKeyringIsAsked() {
        assertThatThrownBy(() -> new OsKeyring(folder).get("has space"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a keyring name");
        assertThat(OsKeyring.checkName("service/account")).isEqualTo("service/account");
    }
}
