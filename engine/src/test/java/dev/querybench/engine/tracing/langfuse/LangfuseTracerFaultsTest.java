package dev.querybench.engine.tracing.langfuse;

import static dev.querybench.engine.tracing.langfuse.LangfuseTestSupport.FAST;
import static dev.querybench.engine.tracing.langfuse.LangfuseTestSupport.await;
import static dev.querybench.engine.tracing.langfuse.LangfuseTestSupport.endpoint;
import static dev.querybench.engine.tracing.langfuse.LangfuseTestSupport.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.testing.LangfuseStandIn;
import dev.querybench.engine.tracing.TracerStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracer against a misbehaving Langfuse: 207 with errors, 401, 503, slow answers. */
class LangfuseTracerFaultsTest {

    @TempDir
    Path dir;
    LangfuseStandIn langfuse;

    @BeforeEach
    void setUp() {
        langfuse = LangfuseStandIn.start();
    }

    @AfterEach
    void tearDown() {
        langfuse.close();
    }

    private LangfuseTracer tracer(LangfuseTracerSettings settings) {
        return new LangfuseTracer(new LangfuseClient(endpoint(langfuse), settings.requestTimeout()),
                dir.resolve("outbox"), settings, null, Clock.systemUTC());
    }

    @Test
    void partialErrorsIn207AreRetriedWhenRetryableAndCountedWhenNot() throws Exception {
        langfuse.failEvents("score-create", 500, 3).failEvents("span-create", 400, 1);
        try (LangfuseTracer tracer = tracer(FAST)) {
            for (int i = 0; i < 10; i++) {
                tracer.itemFinished(item("run-207", i, i % 2 == 0));
            }
            await("retried scores arrived", Duration.ofSeconds(10), () -> langfuse.events("score-create").size() == 10);
            await("all accounted for", Duration.ofSeconds(5), () -> tracer.stats().sent() + tracer.stats().rejected() == 40);
            TracerStats stats = tracer.stats();
            assertThat(stats.rejected()).isEqualTo(1);
            assertThat(stats.retried()).isEqualTo(3);
            assertThat(stats.sent()).isEqualTo(39);
            assertThat(stats.queued()).isEqualTo(40);
        }
        assertThat(langfuse.events("span-create")).hasSize(9);
        assertThat(langfuse.events("trace-create")).hasSize(10);
        assertThat(langfuse.violations()).isEmpty();
    }

    @Test
    void refusedKeysKeepEventsUntilTheKeysWork() throws Exception {
        langfuse.keys("pk-lf-other", "sk-lf-other");
        try (LangfuseTracer tracer = tracer(FAST)) {
            tracer.itemFinished(item("run-401", 1, true));
            await("the tracer noticed", Duration.ofSeconds(5), () -> !tracer.stats().reachable());
            assertThat(langfuse.events()).isEmpty();
            assertThat(tracer.stats().waiting()).isEqualTo(4);
            langfuse.keys(LangfuseStandIn.PUBLIC_KEY, LangfuseStandIn.SECRET_KEY);
            await("events arrived", Duration.ofSeconds(5), () -> langfuse.events().size() == 4);
            await("reachable again", Duration.ofSeconds(5), () -> tracer.stats().reachable());
        }
    }

    @Test
    void anUnavailableLangfuseIsRetriedWithBackoffUntilItAnswers() throws Exception {
        langfuse.unavailable(true);
        try (LangfuseTracer tracer = tracer(FAST)) {
            for (int i = 0; i < 5; i++) {
                tracer.itemFinished(item("run-503", i, true));
            }
            await("the tracer noticed", Duration.ofSeconds(5), () -> !tracer.stats().reachable());
            int attemptsWhileDown = langfuse.requests().size();
            Thread.sleep(600);
            assertThat(langfuse.requests().size() - attemptsWhileDown).as("backoff limits attempts").isLessThan(10);
            langfuse.unavailable(false);
            await("events arrived", Duration.ofSeconds(5), () -> langfuse.events().size() == 20);
        }
        assertThat(Files.list(dir.resolve("outbox")).filter(p -> p.toString().endsWith(".json"))).isEmpty();
    }

    @Test
    void slowAnswersNeverReachTheCallerAndTimeOutIntoTheDiskQueue() throws Exception {
        langfuse.latency(Duration.ofSeconds(3));
        // 1,200 events against a queue of 200: most go through the overflow list to disk, and its
        // hard cap (ten queues) is far enough that a slow disk on a busy machine drops nothing.
        LangfuseTracerSettings settings = FAST.withRequestTimeout(Duration.ofMillis(300))
                .withCloseGrace(Duration.ofMillis(500)).withQueueCapacity(200);
        LangfuseTracer tracer = tracer(settings);
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            tracer.itemFinished(item("run-slow", i, i % 3 == 0));
        }
        long handOver = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(handOver).as("1,200 events handed over in %d ms", handOver).isLessThan(1_500);
        long closeStart = System.nanoTime();
        tracer.close();
        assertThat(Duration.ofNanos(System.nanoTime() - closeStart).toMillis()).isLessThan(4_000);
        assertThat(tracer.stats().dropped()).isZero();

        langfuse.latency(Duration.ZERO);
        try (LangfuseTracer next = tracer(FAST)) {
            await("every event arrived", Duration.ofSeconds(20),
                    () -> langfuse.events("trace-create").size() == 300 && langfuse.events("score-create").size() == 300);
        }
        assertThat(langfuse.violations()).isEmpty();
    }

    @Test
    void aHangingLangfuseHoldsTheEndOfARunForAtMostHalfASecondAndLosesNothing() throws Exception {
        langfuse.latency(Duration.ofSeconds(5));
        LangfuseTracer tracer = tracer(LangfuseTracerSettings.DEFAULTS.withFlushInterval(Duration.ofMillis(20)));
        for (int i = 0; i < 20; i++) {
            tracer.itemFinished(item("run-hang", i, true));
        }
        Thread.sleep(100);
        long closeStart = System.nanoTime();
        tracer.close();
        assertThat(Duration.ofNanos(System.nanoTime() - closeStart)).isLessThanOrEqualTo(Duration.ofMillis(500));
        assertThat(tracer.stats().dropped()).isZero();
    }

    @Test
    void theOutboxIsBoundedByDroppingTheOldestEventsWithACountAndDrainsInOrder() throws Exception {
        langfuse.unavailable(true);
        long limit = 24 * 1024;
        try (LangfuseTracer tracer = tracer(FAST.withMaxSpillBytes(limit))) {
            for (int i = 0; i < 60; i++) {
                tracer.itemFinished(item("run-outbox", i, true));
                Thread.sleep(5);
            }
            await("events went to disk", Duration.ofSeconds(5), () -> tracer.stats().dropped() > 0);
        }
        long onDisk;
        try (var files = Files.list(dir.resolve("outbox"))) {
            onDisk = files.filter(p -> p.toString().endsWith(".json")).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(onDisk).as("the outbox keeps to its limit").isLessThanOrEqualTo(limit);

        langfuse.unavailable(false);
        try (LangfuseTracer next = tracer(FAST)) {
            await("the kept events arrived", Duration.ofSeconds(10), () -> next.stats().waiting() == 0
                    && !langfuse.events("trace-create").isEmpty());
        }
        java.util.List<Integer> traced = langfuse.events("trace-create").stream()
                .map(e -> Integer.parseInt(e.path("body").path("input").path("question").asText()
                        .replaceAll("\\D+", ""))).toList();
        assertThat(traced).as("the newest items were kept, and sent oldest first").isSorted()
                .contains(59).doesNotContain(0);
    }

    @Test
    void eventsAreBatched() throws Exception {
        try (LangfuseTracer tracer = tracer(FAST.withFlushInterval(Duration.ofMillis(300)))) {
            for (int i = 0; i < 50; i++) {
                tracer.itemFinished(item("run-batch", i, true));
            }
            await("events arrived", Duration.ofSeconds(5), () -> langfuse.events().size() == 200);
        }
        assertThat(langfuse.ingestionCalls()).isLessThanOrEqualTo(4);
    }
}
