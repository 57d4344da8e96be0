package dev.querybench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.health.EndpointHealth;
import dev.querybench.app.health.HealthViewModel;
import dev.querybench.app.testing.RecordingDialogs;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.testing.OpenAiStub;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health panel the composition root builds also watches the model given with --model/--base-url. */
class AppContextHealthTest {

    @TempDir
    Path home;

    private static EndpointHealth endpoint(HealthViewModel health, String name) {
        return health.endpoints().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theCommandLineModelIsAnEndpointThatGoesDownWithItsServer() {
        OpenAiStub stub = OpenAiStub.start();
        try (AppContext context = AppContext.open(new AppContext.Settings(SampleWorkspace.defaultLocation(home), true,
                Map.of(), "openai:gpt-4o-mini", stub.baseUrl(), Clock.systemUTC()), new ImmediateTaskRunner(),
                new RecordingDialogs())) {
            HealthViewModel health = context.mainViewModel().health();
            assertThat(health.endpoints()).extracting(EndpointHealth::name)
                    .containsExactly("Database ridgeline", "gpt-4o-mini", "ollama-qwen-coder", "openai:gpt-4o-mini");

            health.checkNow();
            assertThat(endpoint(health, "openai:gpt-4o-mini").state()).isEqualTo(EndpointHealth.State.UP);

            stub.close();
            health.checkNow();
            assertThat(endpoint(health, "openai:gpt-4o-mini").state()).isEqualTo(EndpointHealth.State.DOWN);
            assertThat(health.latestNotificationProperty().get()).startsWith("openai:gpt-4o-mini is down");
        } finally {
            stub.close();
        }
    }

    @Test
    void withoutACommandLineModelOnlyTheWorkspacesEndpointsAreWatched() {
        try (AppContext context = AppContext.open(new AppContext.Settings(SampleWorkspace.defaultLocation(home), true,
                Map.of(), null, null, Clock.systemUTC()), new ImmediateTaskRunner(), new RecordingDialogs())) {
            assertThat(context.mainViewModel().health().endpoints()).extracting(EndpointHealth::name)
                    .containsExactly("Database ridgeline", "gpt-4o-mini", "ollama-qwen-coder");
        }
    }
}
