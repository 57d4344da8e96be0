package dev.querybench.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleFixture;
import dev.querybench.engine.validation.CheckResult;
import dev.querybench.engine.validation.ModelEndpointValidator;
import dev.querybench.engine.validation.ValidationResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceHealthChecksTest {

    @TempDir
    Path folder;

    @Test
    void theSampleWorkspaceHasItsDatabaseAndEachModelAsAnEndpoint() {
        try (WorkspaceSession session = SampleFixture.session(folder)) {
            List<HealthCheck> checks = WorkspaceHealthChecks.of(session.workspace(), session.executor(),
                    new SecretResolver(Map.of()), new ModelEndpointValidator(Duration.ofSeconds(2)), Duration.ofSeconds(2));
            assertThat(checks).extracting(HealthCheck::name)
                    .containsExactly("Database ridgeline", "gpt-4o-mini", "ollama-qwen-coder");
            ValidationResult db = checks.getFirst().probe().get();
            assertThat(db.status()).isEqualTo(CheckResult.Status.OK);
            assertThat(db.detail()).startsWith("answered in ");
            ValidationResult noKey = checks.get(1).probe().get();
            assertThat(noKey.status()).isEqualTo(CheckResult.Status.FAIL);
            assertThat(noKey.remedy()).contains("OPENAI_API_KEY");
        }
    }

    @Test
    void aModelFromTheCommandLineIsCheckedAtItsOwnEndpoint() {
        try (WorkspaceSession session = SampleFixture.session(folder); OpenAiStub stub = OpenAiStub.start()) {
            ModelConfig adHoc = session.modelProfile("openai:gpt-4o-mini", stub.baseUrl());
            ModelConfig sameAsProfile = session.workspace().config().models().getFirst();
            List<HealthCheck> checks = WorkspaceHealthChecks.of(session.workspace(), session.executor(),
                    new SecretResolver(Map.of()), new ModelEndpointValidator(Duration.ofSeconds(2)), Duration.ofSeconds(2),
                    List.of(adHoc, sameAsProfile));
            assertThat(checks).extracting(HealthCheck::name)
                    .containsExactly("Database ridgeline", "gpt-4o-mini", "ollama-qwen-coder", "openai:gpt-4o-mini");
            int before = stub.listCalls();
            ValidationResult result = checks.getLast().probe().get();
            assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
            assertThat(stub.listCalls()).isGreaterThan(before);
            stub.down(dev.querybench.engine.testing.Fault.status(503));
            assertThat(checks.getLast().probe().get().status()).isEqualTo(CheckResult.Status.FAIL);
        }
    }
}
