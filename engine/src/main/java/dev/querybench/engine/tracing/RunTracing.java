package dev.querybench.engine.tracing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunPlan;
import dev.querybench.engine.evaluation.RunProgress;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.base.EvaluationStrategy;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a run to a {@link Tracer} without the orchestrator knowing: {@link #listener} wraps the
 * run's listener and reports each finished item, {@link #timed} wraps the evaluation strategy to
 * learn when SQL execution ran. It also records, for every run, which prompt version each variant
 * was ({@code <state folder>/runs/<run id>/prompt-versions.json}).
 *
 * <p>The execution time is handed from the strategy to the listener through a thread-local value:
 * the orchestrator judges an item and reports it on the same worker thread. Should that ever
 * change, items are still traced, only without an execution span. Thread-safe.
 */
public final class RunTracing implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunTracing.class);

    private final Tracer tracer;
    private final PromptRefs prompts;
    private final CostEstimator costs;
    private final Clock clock;
    private final Path runsFolder;
    private final ThreadLocal<Execution> executions = new ThreadLocal<>();

    /** When the strategy judged which question. */
    private record Execution(String questionId, Instant start, Instant end) {}

    /**
     * @param tracer where items go ({@link Tracer#NONE} to only record prompt versions)
     * @param prompts finds the prompt version of each variant
     * @param costs prices model calls
     * @param runsFolder folder holding one folder per run id for the prompt-version record, or null for none
     * @param clock the clock the orchestrator uses
     */
    public RunTracing(Tracer tracer, PromptRefs prompts, CostEstimator costs, Path runsFolder, Clock clock) {
        this.tracer = tracer;
        this.prompts = prompts;
        this.costs = costs;
        this.runsFolder = runsFolder;
        this.clock = clock;
    }

    /** Tracing off and nothing recorded. */
    public static RunTracing none(Clock clock) {
        return new RunTracing(Tracer.NONE, PromptRefs.NONE, CostEstimator.NONE, null, clock);
    }

    public Tracer tracer() {
        return tracer;
    }

    /** The strategy, timing each judgement for the item's execution span. */
    public EvaluationStrategy timed(EvaluationStrategy strategy) {
        return new EvaluationStrategy() {
            @Override
            public String id() {
                return strategy.id();
            }

            @Override
            public Verdict evaluate(Question question, String predictedSql) {
                Instant start = clock.instant();
                try {
                    return strategy.evaluate(question, predictedSql);
                } finally {
                    executions.set(new Execution(question.id(), start, clock.instant()));
                }
            }
        };
    }

    /** A listener that forwards every event to {@code delegate} and reports the run to the tracer. */
    public RunListener listener(RunPlan plan, RunListener delegate) {
        Map<String, Question> questions = plan.questions().stream()
                .collect(Collectors.toMap(Question::id, Function.identity()));
        Map<String, PromptRef> refs = new LinkedHashMap<>();
        for (PromptTemplate variant : plan.variants()) {
            prompts.of(variant).ifPresent(ref -> refs.put(variant.name(), ref));
        }
        return new RunListener() {
            private volatile RunRecord record;

            @Override
            public void started(RunRecord run, int restored) {
                delegate.started(run, restored);
                record = run;
                recordPromptVersions(run.id(), plan, refs);
                safely(() -> tracer.runStarted(new TracedRun(run.id(), run.workspace(), run.dataset(),
                        plan.questions(), refs)));
            }

            @Override
            public void itemFinished(ItemResult item, RunProgress progress) {
                delegate.itemFinished(item, progress);
                Execution execution = executions.get();
                executions.remove();
                RunRecord run = record;
                Question question = questions.get(item.key().questionId());
                if (run == null || question == null) {
                    return;
                }
                safely(() -> tracer.itemFinished(new TracedItem(run.id(), run.workspace(), run.dataset(), question,
                        item, refs.get(item.key().variant()), timing(item, execution), cost(item))));
            }

            @Override
            public void finished(RunResults results) {
                delegate.finished(results);
            }
        };
    }

    private ItemTiming timing(ItemResult item, Execution execution) {
        Duration latency = Duration.ofMillis(Math.max(0, item.latencyMs()));
        if (execution != null && execution.questionId().equals(item.key().questionId())) {
            return new ItemTiming(execution.start().minus(latency), execution.start(), execution.start(),
                    execution.end());
        }
        return new ItemTiming(item.finishedAt().minus(latency), item.finishedAt(), null, null);
    }

    private Cost cost(ItemResult item) {
        if (item.usage() == null || item.usage().totalTokens() == 0) {
            return null;
        }
        if (item.provenance().cached()) {
            return new Cost(0, 0);
        }
        String answeredBy = item.provenance().answeredBy();
        try {
            return costs.estimate(answeredBy.isEmpty() ? item.key().model() : answeredBy, item.modelId(), item.usage())
                    .orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("cannot price model {}: {}", item.key().model(), e.toString());
            return null;
        }
    }

    private void recordPromptVersions(String runId, RunPlan plan, Map<String, PromptRef> refs) {
        if (runsFolder == null) {
            return;
        }
        Map<String, Object> variants = new LinkedHashMap<>();
        for (PromptTemplate variant : plan.variants()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", variant.source());
            entry.put("sha256", sha256(variant.body()));
            Optional.ofNullable(refs.get(variant.name())).ifPresent(ref -> entry.put("langfuse",
                    Map.of("name", ref.name(), "version", ref.version(), "modifiedLocally", ref.modifiedLocally())));
            variants.put(variant.name(), entry);
        }
        Path file = runsFolder.resolve(runId).resolve("prompt-versions.json");
        try {
            dev.querybench.engine.secrets.PrivateFiles.file(file);
            Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(Map.of("runId", runId, "recordedAt", clock.instant().toString(),
                            "variants", variants)));
        } catch (IOException e) {
            LOG.warn("cannot record the prompt versions of run {} in {}: {}", runId, file, e.toString());
        }
    }

    /** Hex SHA-256 of a prompt body, the identity of a local prompt version. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void safely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("tracing failed; the run goes on: {}", e.toString());
        }
    }

    /** Closes the tracer (which keeps unsent events for later). */
    @Override
    public void close() {
        tracer.close();
    }
}
