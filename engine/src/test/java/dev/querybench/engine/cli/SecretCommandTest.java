package dev.querybench.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SecretServiceSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code querybench secret} against a real Secret Service, and a workspace reading {keyring: NAME}. */
class SecretCommandTest {

    @TempDir
    static Path folder;
    private static SecretServiceSession service;

    @BeforeAll
    static void startSecretService() throws Exception {
        service = SecretServiceSession.start(folder.resolve("keyring"));
        if (service == null && SecretServiceSession.required()) {
            fail("QUERYBENCH_REQUIRE_KEYRING=true but no Secret Service could be started");
        }
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void setReadsTheValueFromStandardInputNeverTheCommandLine() {
        assumeTrue(service != null, "no Secret Service here");
        Path home = folder.resolve("home");
        CliHarness cli = new CliHarness(home, Map.of("QUERYBENCH_HOME", home.toString()));

        CliHarness.Result set = cli.runWithInput("sk-from-stdin\n", "secret", "set", "QB_CLI_KEY");
        assertThat(set.exitCode()).isZero();
        assertThat(set.out()).contains("{keyring: QB_CLI_KEY}").doesNotContain("sk-from-stdin");

        CliHarness.Result list = cli.run("secret", "list");
        assertThat(list.out()).contains("QB_CLI_KEY").doesNotContain("sk-from-stdin");

        CliHarness.Result extra = cli.run("secret", "set", "QB_CLI_KEY", "sk-on-the-command-line");
        assertThat(extra.exitCode()).isEqualTo(ExitCodes.USAGE);

        CliHarness.Result delete = cli.run("secret", "delete", "QB_CLI_KEY");
        assertThat(delete.exitCode()).isZero();
        CliHarness.Result again = cli.run("secret", "delete", "QB_CLI_KEY");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(again.err()).contains("no entry QB_CLI_KEY");
    }

    @Test
    void aWorkspaceModelKeyIsReadFromTheKeyring() throws Exception {
        assumeTrue(service != null, "no Secret Service here");
        Path home = folder.resolve("home2");
        CliHarness cli = new CliHarness(home, Map.of("QUERYBENCH_HOME", home.toString()));
        Path workspace = new SampleWorkspace().materialize(folder.resolve("ws"));
        Path config = workspace.resolve("querybench.yaml");
        try (OpenAiStub openAi = OpenAiStub.start().requireKey("sk-kept-in-keyring").models("gpt-4o-mini")) {
            Files.writeString(config, Files.readString(config).replace("apiKey: {env: OPENAI_API_KEY}",
                    "apiKey: {keyring: QB_WS_KEY}\n    baseUrl: \"" + openAi.baseUrl() + "\""));

            CliHarness.Result missing = cli.run("validate", "models", "--workspace", workspace.toString());
            assertThat(missing.out()).as(missing.err()).contains("keyring entry QB_WS_KEY is not set", "querybench secret set QB_WS_KEY");

            assertThat(cli.runWithInput("sk-kept-in-keyring", "secret", "set", "QB_WS_KEY").exitCode()).isZero();
            CliHarness.Result found = cli.run("validate", "models", "--workspace", workspace.toString(), "--model",
                    "gpt-4o-mini");
            assertThat(found.exitCode()).as(found.out()).isZero();
            assertThat(found.out()).contains("[ ok ] gpt-4o-mini").doesNotContain("sk-kept-in-keyring");
        }
    }
}
