package dev.querybench.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.LangfuseConfig;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionChecklistTest {

    private static final String KEY = "sk-test-very-secret-1234";

    @TempDir
    Path folder;

    private ConnectionChecklist checklist(Map<String, String> env) {
        return new ConnectionChecklist(new SecretResolver(env), Duration.ofSeconds(3), Clock.systemUTC());
    }

    @Test
    void theSampleDatabaseChecksOutLineByLine() {
        Workspace workspace = SampleFixture.workspace(folder);
        SampleFixture.session(folder).close();
        List<CheckResult> lines = checklist(Map.of()).database(workspace.config().database(), workspace);
        assertThat(lines).extracting(CheckResult::name).contains("Profile", "Connection string", "Connection");
        assertThat(lines).noneMatch(l -> l.status() == CheckResult.Status.FAIL);

        List<CheckResult> broken = checklist(Map.of()).database(new DatabaseConfig("pg", "postgresql", null, List.of(),
                null, "127.0.0.1", 1, "shop", null, "reader", SecretRef.env("PG_PW"), null, null, 1), workspace);
        assertThat(broken.getFirst().status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(broken.getFirst().remedy()).contains("export PG_PW=");
    }

    @Test
    void modelKeysAreNamedNeverShown() {
        ModelConfig model = new ModelConfig("stub", "openai:gpt-4o-mini", null, SecretRef.env("STUB_KEY"), null, null, null);
        List<CheckResult> missing = checklist(Map.of()).model(model);
        assertThat(missing).singleElement().satisfies(l -> {
            assertThat(l.status()).isEqualTo(CheckResult.Status.FAIL);
            assertThat(l.detail()).isEqualTo("environment variable STUB_KEY is not set");
            assertThat(l.remedy()).startsWith("export STUB_KEY=");
        });
        try (OpenAiStub stub = OpenAiStub.start()) {
            stub.requireKey(KEY);
            ModelConfig atStub = new ModelConfig("stub", "openai:gpt-4o-mini", stub.baseUrl(), SecretRef.env("STUB_KEY"),
                    null, null, null);
            List<CheckResult> lines = checklist(Map.of("STUB_KEY", KEY)).model(atStub);
            assertThat(lines).extracting(CheckResult::status).containsOnly(CheckResult.Status.OK);
            assertThat(lines.get(1).detail()).contains("gpt-4o-mini available");
            assertThat(lines.toString()).doesNotContain(KEY);
            List<CheckResult> wrongKey = checklist(Map.of("STUB_KEY", "sk-wrong")).model(atStub);
            assertThat(wrongKey.getLast().status()).isEqualTo(CheckResult.Status.FAIL);
            assertThat(wrongKey.toString()).doesNotContain("sk-wrong");
        }
    }

    @Test
    void langfuseWithoutItsKeysSaysWhichVariableToSet() {
        Workspace workspace = SampleFixture.workspace(folder);
        List<CheckResult> lines = checklist(Map.of()).langfuse(new LangfuseConfig("http://127.0.0.1:1",
                SecretRef.env("LANGFUSE_PUBLIC_KEY"), SecretRef.env("LANGFUSE_SECRET_KEY"), null, null, null), workspace);
        assertThat(lines).extracting(CheckResult::status).containsOnly(CheckResult.Status.FAIL);
        assertThat(lines).extracting(CheckResult::remedy).anyMatch(r -> r.contains("export LANGFUSE_SECRET_KEY="));
    }
}
