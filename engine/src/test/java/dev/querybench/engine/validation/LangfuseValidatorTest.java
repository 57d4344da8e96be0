package dev.querybench.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.testing.LangfuseStandIn;
import dev.querybench.engine.testing.SampleFixture;
import dev.querybench.engine.tracing.langfuse.LangfuseClient;
import dev.querybench.engine.tracing.langfuse.LangfuseEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LangfuseValidator} against the Langfuse stand-in, one failing step at a time. */
class LangfuseValidatorTest {

    @TempDir
    Path dir;
    LangfuseStandIn langfuse;
    LangfuseValidator validator = new LangfuseValidator(Duration.ofSeconds(3), Duration.ofMillis(20), Clock.systemUTC());

    @BeforeEach
    void setUp() {
        langfuse = LangfuseStandIn.start();
    }

    @AfterEach
    void tearDown() {
        langfuse.close();
    }

    private LangfuseClient client(String publicKey, String secretKey) {
        return new LangfuseClient(LangfuseEndpoint.of(langfuse.host(), publicKey, secretKey), Duration.ofSeconds(2));
    }

    private static CheckResult.Status status(List<CheckResult> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().status();
    }

    @Test
    void aWorkingLangfusePassesEveryStepIncludingAnAsynchronousRoundTrip() {
        langfuse.traceReadableAfter(3);
        List<CheckResult> results = validator.validateConnection(client(LangfuseStandIn.PUBLIC_KEY,
                LangfuseStandIn.SECRET_KEY));
        assertThat(results).extracting(CheckResult::name).containsExactly(LangfuseValidator.HEALTH,
                LangfuseValidator.AUTHENTICATION, LangfuseValidator.PROJECT, LangfuseValidator.ROUND_TRIP);
        assertThat(results).allMatch(r -> r.status() == CheckResult.Status.OK, results.toString());
        assertThat(results.get(0).detail()).contains(LangfuseStandIn.VERSION);
        assertThat(results.get(2).detail()).contains("QueryBench stand-in");
        assertThat(langfuse.requests().stream().filter(r -> r.startsWith("GET /api/public/traces/"))).hasSize(4);
        assertThat(langfuse.violations()).isEmpty();
    }

    @Test
    void aDownLangfuseFailsHealthAndSkipsTheRest() {
        langfuse.down();
        List<CheckResult> results = validator.validateConnection(client(LangfuseStandIn.PUBLIC_KEY,
                LangfuseStandIn.SECRET_KEY));
        assertThat(status(results, LangfuseValidator.HEALTH)).isEqualTo(CheckResult.Status.FAIL);
        assertThat(results.getFirst().remedy()).contains("querybench langfuse setup");
        assertThat(results.subList(1, 4)).allMatch(r -> r.status() == CheckResult.Status.WARN
                && r.detail().startsWith("not checked"));
    }

    @Test
    void an503IsAnUnhealthyServer() {
        langfuse.unavailable(true);
        List<CheckResult> results = validator.validateConnection(client(LangfuseStandIn.PUBLIC_KEY,
                LangfuseStandIn.SECRET_KEY));
        assertThat(results.getFirst().detail()).contains("503");
        assertThat(results.getFirst().remedy()).contains("docker compose");
    }

    @Test
    void wrongKeysFailAuthenticationWithoutShowingTheSecret() {
        List<CheckResult> results = validator.validateConnection(client("pk-lf-wrong", "sk-lf-wrong-secret-value"));
        assertThat(status(results, LangfuseValidator.HEALTH)).isEqualTo(CheckResult.Status.OK);
        assertThat(status(results, LangfuseValidator.AUTHENTICATION)).isEqualTo(CheckResult.Status.FAIL);
        assertThat(status(results, LangfuseValidator.ROUND_TRIP)).isEqualTo(CheckResult.Status.WARN);
        assertThat(results.toString()).contains("401").doesNotContain("sk-lf-wrong-secret-value");
    }

    @Test
    void aTraceThatNeverBecomesReadableFailsTheRoundTripWithTheWorkerRemedy() {
        langfuse.traceReadableAfter(1_000_000);
        LangfuseValidator impatient = new LangfuseValidator(Duration.ofMillis(300), Duration.ofMillis(20),
                Clock.systemUTC());
        List<CheckResult> results = impatient.validateConnection(client(LangfuseStandIn.PUBLIC_KEY,
                LangfuseStandIn.SECRET_KEY));
        CheckResult roundTrip = results.getLast();
        assertThat(roundTrip.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(roundTrip.remedy()).contains("langfuse-worker");
    }

    @Test
    void theWorkspaceSectionIsCheckedFirst() throws Exception {
        Workspace plain = SampleFixture.workspace(dir);
        assertThat(validator.validateWorkspace(plain, new SecretResolver(Map.of()), Duration.ofSeconds(2)))
                .singleElement().satisfies(r -> assertThat(r.remedy()).contains("langfuse setup"));

        Files.writeString(dir.resolve("querybench.yaml"), Files.readString(dir.resolve("querybench.yaml"))
                + "langfuse:\n  host: " + langfuse.host() + "\n  publicKey: {env: LF_PK}\n  secretKey: {env: LF_SK}\n"
                + "  envFile: lf.env\n");
        Workspace linked = new WorkspaceLoader().load(dir);
        List<CheckResult> missing = validator.validateWorkspace(linked, new SecretResolver(Map.of()), Duration.ofSeconds(2));
        assertThat(missing).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
            assertThat(r.detail()).contains("LF_PK");
        });

        Files.writeString(dir.resolve("lf.env"), "# keys\nLF_PK=" + LangfuseStandIn.PUBLIC_KEY + "\nLF_SK=\""
                + LangfuseStandIn.SECRET_KEY + "\"\n");
        List<CheckResult> fromFile = validator.validateWorkspace(linked, new SecretResolver(Map.of()), Duration.ofSeconds(2));
        assertThat(fromFile).hasSize(5).allMatch(r -> r.status() == CheckResult.Status.OK, fromFile.toString());
        assertThat(fromFile.toString()).doesNotContain(LangfuseStandIn.SECRET_KEY);

        List<CheckResult> envWins = validator.validateWorkspace(linked, new SecretResolver(Map.of("LF_SK", "sk-lf-env")),
                Duration.ofSeconds(2));
        assertThat(status(envWins, LangfuseValidator.AUTHENTICATION)).isEqualTo(CheckResult.Status.FAIL);
    }
}
