package dev.querybench.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.session.ModelAdapterFactory;
import dev.querybench.engine.resilience.BreakerState;
import dev.querybench.engine.resilience.Endpoint;
import dev.querybench.engine.resilience.EndpointRegistry;
import dev.querybench.engine.resilience.ResiliencePolicy;
import dev.querybench.engine.testing.Fault;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.validation.CheckResult;
import dev.querybench.engine.validation.ModelEndpointValidator;
import dev.querybench.engine.validation.ValidationResult;
import java.net.ProxySelector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final Deque<ValidationResult> script = new ArrayDeque<>();
    private final AtomicReference<BreakerState> breaker = new AtomicReference<>(BreakerState.CLOSED);
    private final HealthMonitor.Settings settings = new HealthMonitor.Settings(Duration.ofMillis(20),
            Duration.ofSeconds(2), 5);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private static ValidationResult ok(long millis) {
        return new ValidationResult("x", CheckResult.Status.OK, "fine", Duration.ofMillis(millis), List.of(), null);
    }

    private static ValidationResult failed(ErrorCategory category, String message) {
        return ValidationResult.failed("x", Duration.ofMillis(5), ErrorResponse.of(category, message, "fix it"));
    }

    private HealthMonitor scripted() {
        HealthCheck check = new HealthCheck("gpt", () -> script.isEmpty() ? ok(10) : script.removeFirst(), breaker::get);
        return new HealthMonitor(List.of(check), scheduler, clock, settings);
    }

    private HealthState next(HealthMonitor monitor, ValidationResult probe, BreakerState state) {
        script.add(probe);
        breaker.set(state);
        return monitor.checkNow().getFirst().state();
    }

    @Test
    void theStateFollowsTheProbeAndTheBreaker() {
        HealthMonitor monitor = scripted();
        assertThat(next(monitor, ok(10), BreakerState.CLOSED)).isEqualTo(HealthState.UP);
        assertThat(next(monitor, ok(2500), BreakerState.CLOSED)).as("slow").isEqualTo(HealthState.DEGRADED);
        assertThat(next(monitor, failed(ErrorCategory.RATE_LIMIT, "rate limited"), BreakerState.CLOSED))
                .as("rate limited but alive").isEqualTo(HealthState.DEGRADED);
        assertThat(next(monitor, failed(ErrorCategory.SERVER, "HTTP 500"), BreakerState.CLOSED))
                .isEqualTo(HealthState.DOWN);
        assertThat(next(monitor, ok(10), BreakerState.OPEN)).as("calls are failing").isEqualTo(HealthState.DOWN);
        assertThat(next(monitor, ok(10), BreakerState.HALF_OPEN)).isEqualTo(HealthState.DEGRADED);
        assertThat(next(monitor, ok(10), BreakerState.CLOSED)).isEqualTo(HealthState.UP);
        HealthStatus now = monitor.current("gpt").orElseThrow();
        assertThat(now.lastError()).as("the last error is kept after recovery").isEqualTo("HTTP 500");
        assertThat(now.breaker()).isEqualTo(BreakerState.CLOSED);
        assertThat(now.checkedAt()).isEqualTo(clock.instant());
        assertThat(monitor.history("gpt")).as("bounded history").hasSize(5);
    }

    @Test
    void listenersHearEachChangeOnceAndAFailingListenerSilencesNoOne() {
        HealthMonitor monitor = scripted();
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        monitor.addListener(e -> {
            throw new IllegalStateException("broken listener");
        });
        monitor.addListener(e -> heard.add(e.from() + "->" + e.to()));
        next(monitor, ok(10), BreakerState.CLOSED);
        next(monitor, ok(10), BreakerState.CLOSED);
        next(monitor, failed(ErrorCategory.NETWORK, "refused"), BreakerState.CLOSED);
        next(monitor, failed(ErrorCategory.NETWORK, "refused"), BreakerState.CLOSED);
        next(monitor, ok(10), BreakerState.CLOSED);
        assertThat(heard).containsExactly("null->UP", "UP->DOWN", "DOWN->UP");
    }

    @Test
    void latencyPercentilesAreOverRecentAnsweredChecks() {
        HealthMonitor monitor = new HealthMonitor(List.of(new HealthCheck("gpt",
                () -> script.isEmpty() ? ok(10) : script.removeFirst(), null)), scheduler, clock,
                new HealthMonitor.Settings(Duration.ofSeconds(1), Duration.ofSeconds(5), 20));
        for (int ms = 100; ms >= 10; ms -= 10) {
            script.add(ok(ms));
        }
        script.add(failed(ErrorCategory.TIMEOUT, "no answer"));
        for (int i = 0; i < 11; i++) {
            monitor.checkNow();
        }
        HealthStatus last = monitor.current("gpt").orElseThrow();
        assertThat(last.state()).isEqualTo(HealthState.DOWN);
        assertThat(last.latencyP50()).isEqualTo(Duration.ofMillis(50));
        assertThat(last.latencyP95()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void checksRepeatOnTheSchedulerUntilClosedAndAThrowingProbeDoesNotStopThem() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        HealthCheck flaky = new HealthCheck("gpt", () -> {
            three.countDown();
            if (probes.incrementAndGet() == 1) {
                throw new IllegalStateException("probe blew up");
            }
            return ok(1);
        }, null);
        HealthMonitor monitor = new HealthMonitor(List.of(flaky), scheduler, clock, settings);
        monitor.start();
        assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
        monitor.close();
        Thread.sleep(100);
        int afterClose = probes.get();
        Thread.sleep(200);
        assertThat(probes.get()).isEqualTo(afterClose);
        assertThat(monitor.history("gpt").getFirst().state()).isEqualTo(HealthState.DOWN);
        assertThat(monitor.history("gpt").getFirst().lastError()).contains("probe blew up");
        assertThat(monitor.current()).singleElement().extracting(HealthStatus::state).isEqualTo(HealthState.UP);
    }

    @Test
    void aProfileIsProbedOverHttpAndItsSessionBreakerIsReported() {
        try (OpenAiStub stub = OpenAiStub.start()) {
            ModelConfig profile = new ModelConfig("gpt", "openai:gpt-4o-mini", stub.baseUrl(), null, null, null, 2);
            SecretResolver secrets = new SecretResolver(Map.of());
            EndpointRegistry endpoints = new EndpointRegistry(ResiliencePolicy.DEFAULTS,
                    new ModelAdapterFactory(secrets)::create, Clock.systemUTC());
            HealthMonitor monitor = new HealthMonitor(List.of(HealthCheck.of(profile, secrets,
                    new ModelEndpointValidator(Duration.ofSeconds(2), ProxySelector.of(null)), endpoints)), scheduler,
                    clock, settings);
            assertThat(monitor.checkNow().getFirst().state()).isEqualTo(HealthState.UP);

            stub.failModelsList(Fault.serverError());
            HealthStatus down = monitor.checkNow().getFirst();
            assertThat(down.state()).isEqualTo(HealthState.DOWN);
            assertThat(down.lastError()).contains("HTTP 500");

            stub.failModelsList(null).down(Fault.quotaExhausted());
            Endpoint endpoint = endpoints.endpoint(profile);
            assertThat(endpoint.call("hi")).isInstanceOf(Endpoint.Failed.class);
            stub.up();
            HealthStatus open = monitor.checkNow().getFirst();
            assertThat(open.breaker()).isEqualTo(BreakerState.OPEN);
            assertThat(open.state()).as("it lists models, but calls are refused").isEqualTo(HealthState.DOWN);
        }
    }
}
