package dev.querybench.engine.tracing.langfuse;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.model.Usage;
import dev.querybench.engine.run.ItemKey;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.testing.LangfuseStandIn;
import dev.querybench.engine.testing.SampleFixture;
import dev.querybench.engine.tracing.Cost;
import dev.querybench.engine.tracing.ItemTiming;
import dev.querybench.engine.tracing.TracedItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** Shared pieces of the Langfuse tests. */
final class LangfuseTestSupport {

    static final LangfuseTracerSettings FAST = LangfuseTracerSettings.DEFAULTS
            .withFlushInterval(Duration.ofMillis(50))
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
            .withCloseGrace(Duration.ofSeconds(3))
            .withRequestTimeout(Duration.ofSeconds(2));

    static final SecretResolver SECRETS = new SecretResolver(Map.of(
            "LANGFUSE_PUBLIC_KEY", LangfuseStandIn.PUBLIC_KEY, "LANGFUSE_SECRET_KEY", LangfuseStandIn.SECRET_KEY));

    private LangfuseTestSupport() {}

    /** The sample workspace with a langfuse: section pointing at {@code host}. */
    static Workspace workspace(Path dir, String host) throws Exception {
        SampleFixture.workspace(dir);
        Path yaml = dir.resolve("querybench.yaml");
        Files.writeString(yaml, Files.readString(yaml) + """
                langfuse:
                  host: %s
                  publicKey: {env: LANGFUSE_PUBLIC_KEY}
                  secretKey: {env: LANGFUSE_SECRET_KEY}
                """.formatted(host));
        return new WorkspaceLoader().load(dir);
    }

    static LangfuseEndpoint endpoint(LangfuseStandIn standIn) {
        return LangfuseEndpoint.of(standIn.host(), LangfuseStandIn.PUBLIC_KEY, LangfuseStandIn.SECRET_KEY);
    }

    /** A finished item as the orchestrator would report it. */
    static TracedItem item(String runId, int n, boolean pass) {
        Question q = new Question("q" + n, "How many things number " + n + "?", List.of("SELECT " + n), "easy",
                List.of("count"), null);
        Verdict verdict = pass ? Verdict.pass("strict", Set.of(), "same rows")
                : Verdict.fail("strict", Set.of(), FailureCategory.WRONG_VALUES, "1 row differs",
                        List.of(List.of(String.valueOf(n))), List.of(List.of("0")));
        Instant start = Instant.parse("2026-11-23T10:00:00Z").plusSeconds(n);
        ItemResult result = new ItemResult(new ItemKey(q.id(), "ddl-basic", "gpt-4o-mini", 0), "Question: " + q.text(),
                "```sql\nSELECT " + (pass ? n : 0) + "\n```", "SELECT " + (pass ? n : 0), verdict, 800,
                new Usage(120, 8), "gpt-4o-mini-2024", null, start.plusMillis(900));
        return new TracedItem(runId, "sample", "ridgeline", q, result, null,
                new ItemTiming(start, start.plusMillis(800), start.plusMillis(800), start.plusMillis(900)),
                new Cost(0.00012, 0.000016));
    }

    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
