package dev.querybench.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.health.HealthCheck;
import dev.querybench.engine.health.HealthMonitor;
import dev.querybench.engine.health.WorkspaceHealthChecks;
import dev.querybench.engine.validation.ModelEndpointValidator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Endpoint health over the sample database and the stub, which is then stopped to take it down. */
class HealthViewModelTest {

    @TempDir
    Path home;

    private SampleFixture sample;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void open() {
        sample = new SampleFixture(home.resolve("sample-workspace"));
    }

    @AfterEach
    void close() {
        scheduler.shutdownNow();
        sample.close();
    }

    @Test
    void showsEachEndpointAndNotifiesWhenOneGoesDown() {
        ModelEndpointValidator validator = new ModelEndpointValidator(Duration.ofSeconds(2));
        List<HealthCheck> checks = new ArrayList<>();
        checks.add(WorkspaceHealthChecks.database("Database ridgeline", sample.session.executor(), Duration.ofSeconds(2)));
        checks.add(HealthCheck.of(new ModelConfig("stub", "openai:gpt-4o-mini", sample.stub.baseUrl(), null, null, null,
                null), sample.secrets, validator, null));
        HealthMonitor monitor = new HealthMonitor(checks, scheduler, Clock.systemUTC(), HealthMonitor.Settings.DEFAULTS);
        HealthViewModel vm = new HealthViewModel(monitor, checks, new ImmediateTaskRunner());
        assertThat(vm.endpoints()).extracting(EndpointHealth::state).containsOnly(EndpointHealth.State.UNKNOWN);

        vm.checkNow();
        assertThat(vm.endpoints()).extracting(EndpointHealth::state)
                .containsExactly(EndpointHealth.State.UP, EndpointHealth.State.UP);
        assertThat(vm.overallProperty().get()).isEqualTo(EndpointHealth.State.UP);
        assertThat(vm.endpoints().getFirst().latencyText()).matches("p50 \\d+ ms · p95 \\d+ ms · last \\d+ ms");
        assertThat(vm.endpoints().get(1).breaker()).isEqualTo("closed");
        assertThat(vm.notifications()).isEmpty();
        vm.checkNow();
        assertThat(vm.endpoints().getFirst().sparkline()).hasSize(2);

        sample.stub.close();
        vm.checkNow();
        assertThat(vm.endpoints().get(1).state()).isEqualTo(EndpointHealth.State.DOWN);
        assertThat(vm.endpoints().get(1).lastError()).isNotBlank();
        assertThat(vm.endpoints().get(1).sparkline()).last().isEqualTo(-1.0);
        assertThat(vm.overallProperty().get()).isEqualTo(EndpointHealth.State.DOWN);
        assertThat(vm.latestNotificationProperty().get()).startsWith("stub is down: ");
        assertThat(vm.notifications()).singleElement().asString().contains("stub is down");
        assertThat(vm.summaryProperty().get()).startsWith("2 endpoints: 1 up, 1 down");
    }
}
