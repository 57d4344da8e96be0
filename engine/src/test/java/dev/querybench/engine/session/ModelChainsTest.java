package dev.querybench.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.validation.ModelEndpointValidator;
import dev.querybench.engine.validation.RunPreflight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chains a request would ask, read before anything is planned, checked per chain by the
 * pre-flight against real HTTP: a stub that accepts the key, one that refuses it, a closed port.
 */
class ModelChainsTest {

    @TempDir
    Path folder;

    @Test
    void eachChosenModelAndTheJudgeIsCheckedOnItsOwnWithItsFallbacks() throws Exception {
        try (OpenAiStub good = OpenAiStub.start().requireKey("sk-good").models("gpt-4o-mini");
                OpenAiStub refusing = OpenAiStub.start().requireKey("sk-other").models("gpt-4o-mini")) {
            Path root = new SampleWorkspace().materialize(folder);
            Files.writeString(root.resolve("querybench.yaml"), Files.readString(root.resolve("querybench.yaml"))
                    .replaceAll("(?s)models:\\n  - name: gpt-4o-mini.*?run:", """
                            models:
                              - {name: good, spec: "openai:gpt-4o-mini", baseUrl: "%s", apiKey: {env: KEY}}
                              - {name: refused, spec: "openai:gpt-4o-mini", baseUrl: "%s", apiKey: {env: KEY}, \
                            fallback: [good]}
                              - {name: down, spec: "openai:gpt-4o-mini", baseUrl: "http://127.0.0.1:9/v1"}
                            run:""".formatted(good.baseUrl(), refusing.baseUrl()))
                    .replace("models: [gpt-4o-mini]", "models: [good]"));
            Workspace workspace = new WorkspaceLoader().load(root);
            SecretResolver secrets = new SecretResolver(Map.of("KEY", "sk-good"));
            try (WorkspaceSession session = WorkspaceSession.open(workspace, secrets, Clock.systemUTC())) {
                Map<String, List<ModelConfig>> chains = session.modelChains(new RunRequest(List.of(),
                        List.of("refused", "down"), null, null, List.of()).withJudge(JudgeChoice.of("good", null)));

                assertThat(chains.keySet()).containsExactly("refused", "down", "judge");
                assertThat(chains.get("refused")).extracting(ModelConfig::name).containsExactly("refused", "good");
                RunPreflight preflight = new RunPreflight(new ModelEndpointValidator(Duration.ofSeconds(3)), secrets);
                assertThat(preflight.check(Map.of("refused", chains.get("refused")))).singleElement().asString()
                        .contains("refused cannot be used", "good stands in for it");
                assertThatThrownBy(() -> preflight.check(Map.of("down", chains.get("down"))))
                        .isInstanceOf(QueryBenchException.class).hasMessageContaining("model down");
                assertThat(preflight.check(Map.of("judge", chains.get("judge")))).isEmpty();
                assertThat(good.calls() + refusing.calls()).as("no tokens spent").isZero();
            }
        }
    }

    @Test
    void aFallbackWhoseKeyIsNotSetIsLeftOutRatherThanStoppingTheRun() throws Exception {
        try (OpenAiStub good = OpenAiStub.start().models("gpt-4o-mini")) {
            Path root = new SampleWorkspace().materialize(folder);
            Files.writeString(root.resolve("querybench.yaml"), Files.readString(root.resolve("querybench.yaml"))
                    .replace("run:\n  models: [gpt-4o-mini]", """
                              - {name: stub, spec: "openai:gpt-4o-mini", baseUrl: "%s"}
                            run:
                              models: [stub]
                              fallback: [gpt-4o-mini]""".formatted(good.baseUrl())));
            Workspace workspace = new WorkspaceLoader().load(root);
            try (WorkspaceSession session = WorkspaceSession.open(workspace, SecretResolver.none(), Clock.systemUTC())) {
                // gpt-4o-mini reads OPENAI_API_KEY, which is not set here
                var plan = session.plan(new RunRequest(List.of("ddl-basic"), List.of(), null, null, List.of("q001")));
                assertThat(plan.models()).containsOnlyKeys("stub");
                assertThat(session.modelChains(RunRequest.defaults()).get("stub")).extracting(ModelConfig::name)
                        .containsExactly("stub", "gpt-4o-mini");
                assertThatThrownBy(() -> session.plan(new RunRequest(List.of("ddl-basic"), List.of("gpt-4o-mini"),
                        null, null, List.of("q001")))).isInstanceOf(QueryBenchException.class)
                        .hasMessageContaining("OPENAI_API_KEY");
            }
        }
    }
}
