package dev.querybench.engine.tracing.langfuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.querybench.engine.evaluation.base.JudgeVerdict;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.model.Usage;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.tracing.Cost;
import dev.querybench.engine.tracing.ItemTiming;
import dev.querybench.engine.tracing.PromptRef;
import dev.querybench.engine.tracing.TracedItem;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns a finished item into Langfuse ingestion events: {@code trace-create} (question in, SQL
 * out, run metadata), {@code generation-create} (rendered prompt, completion, model, usage, cost,
 * prompt version, start/end), {@code span-create} for the SQL execution and {@code score-create}
 * for the execution match, and {@code llm_judge} with the LLM judge's score, verdict and rationale when
 * the run has a judge (or when the verdict itself came from a judge).
 *
 * <p>Object ids are derived from the run id and item key, so sending an item again (a resumed
 * run, a retried batch) updates the same trace instead of adding one; envelope ids are random
 * UUIDs, as the API asks, made once per event so Langfuse can drop duplicates. Thread-safe.
 */
final class LangfuseEvents {

    static final String TRACE_NAME = "querybench-item";
    static final String GENERATION_NAME = "generate-sql";
    static final String EXECUTION_NAME = "execute-sql";
    static final String EXECUTION_MATCH = "execution_match";
    static final String JUDGE_SCORE = "llm_judge";

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    LangfuseEvents(Clock clock) {
        this.clock = clock;
    }

    /** The trace id of an item: 32 hex digits, stable for the run and item. */
    static String traceId(String runId, ItemResult item) {
        return UUID.nameUUIDFromBytes(("querybench-trace:" + runId + "/" + item.key())
                .getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }

    static String observationId(String kind, String runId, ItemResult item) {
        return UUID.nameUUIDFromBytes(("querybench-" + kind + ":" + runId + "/" + item.key())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    List<ObjectNode> forItem(TracedItem item) {
        ItemResult result = item.result();
        String traceId = traceId(item.runId(), result);
        List<ObjectNode> events = new ArrayList<>();
        events.add(envelope("trace-create", trace(item, traceId)));
        events.add(envelope("generation-create", generation(item, traceId)));
        if (item.timing().executed()) {
            events.add(envelope("span-create", execution(item, traceId)));
        }
        Verdict verdict = result.verdict();
        if (verdict.outcome() != Outcome.ERROR) {
            events.add(envelope("score-create", score(item, traceId, EXECUTION_MATCH,
                    verdict.outcome() == Outcome.PASS ? 1.0 : 0.0, "BOOLEAN", verdict.reason())));
        }
        JudgeVerdict judged = result.judge();
        if (judged != null) {
            if (judged.decision() != JudgeVerdict.Decision.ERROR) {
                events.add(envelope("score-create", score(item, traceId, JUDGE_SCORE, judged.score(), "NUMERIC",
                        judged.decision().id() + ": " + judged.rationale())));
            }
        } else if (verdict.mode() != null && verdict.mode().toLowerCase(Locale.ROOT).contains("judge")) {
            events.add(envelope("score-create", score(item, traceId, JUDGE_SCORE, verdict.score(), "NUMERIC",
                    verdict.reason())));
        }
        return events;
    }

    private ObjectNode envelope(String type, ObjectNode body) {
        ObjectNode event = json.createObjectNode();
        event.put("id", UUID.randomUUID().toString());
        event.put("timestamp", clock.instant().toString());
        event.put("type", type);
        event.set("body", body);
        return event;
    }

    private ObjectNode trace(TracedItem item, String traceId) {
        ItemResult result = item.result();
        ObjectNode body = json.createObjectNode();
        body.put("id", traceId);
        body.put("timestamp", item.timing().start().toString());
        body.put("name", TRACE_NAME);
        body.put("sessionId", item.runId());
        ObjectNode input = body.putObject("input");
        input.put("question", item.question().text());
        input.put("questionId", item.question().id());
        if (!item.question().evidence().isBlank()) {
            input.put("evidence", item.question().evidence());
        }
        if (result.sql() != null) {
            body.putObject("output").put("sql", result.sql());
        }
        ObjectNode metadata = body.putObject("metadata");
        metadata.put("runId", item.runId());
        metadata.put("workspace", item.workspace());
        metadata.put("dataset", item.dataset());
        metadata.put("questionId", result.key().questionId());
        metadata.put("variant", result.key().variant());
        metadata.put("model", result.key().model());
        if (result.modelId() != null && !result.modelId().isBlank()) {
            metadata.put("modelId", result.modelId());
        }
        metadata.put("verdict", result.outcome().name());
        Verdict verdict = result.verdict();
        metadata.put("matchMode", verdict.mode());
        if (verdict.failureCategory() != null) {
            metadata.put("failureCategory", verdict.failureCategory().id());
        }
        if (!verdict.reason().isBlank()) {
            metadata.put("reason", verdict.reason());
        }
        if (!item.question().difficulty().isBlank()) {
            metadata.put("difficulty", item.question().difficulty());
        }
        putPrompt(metadata, item.prompt());
        ArrayNode tags = body.putArray("tags");
        tags.add("querybench").add("variant:" + result.key().variant()).add("model:" + result.key().model())
                .add(result.outcome().name().toLowerCase(Locale.ROOT));
        return body;
    }

    private static void putPrompt(ObjectNode metadata, PromptRef ref) {
        if (ref != null) {
            ObjectNode prompt = metadata.putObject("prompt");
            prompt.put("name", ref.name());
            prompt.put("version", ref.version());
            prompt.put("modifiedLocally", ref.modifiedLocally());
        }
    }

    private ObjectNode generation(TracedItem item, String traceId) {
        ItemResult result = item.result();
        ItemTiming timing = item.timing();
        ObjectNode body = json.createObjectNode();
        body.put("id", observationId("generation", item.runId(), result));
        body.put("traceId", traceId);
        body.put("name", GENERATION_NAME);
        body.put("startTime", timing.generationStart().toString());
        body.put("endTime", timing.generationEnd().toString());
        body.put("model", result.modelId() != null && !result.modelId().isBlank() ? result.modelId()
                : result.key().model());
        ArrayNode messages = body.putArray("input");
        ObjectNode message = messages.addObject();
        message.put("role", "user");
        message.put("content", result.prompt() == null ? "" : result.prompt());
        if (result.answer() != null) {
            body.put("output", result.answer());
        }
        Usage usage = result.usage() == null ? Usage.NONE : result.usage();
        if (usage.totalTokens() > 0) {
            ObjectNode details = body.putObject("usageDetails");
            details.put("input", usage.inputTokens());
            details.put("output", usage.outputTokens());
            details.put("total", usage.totalTokens());
        }
        Cost cost = item.cost();
        if (cost != null) {
            ObjectNode details = body.putObject("costDetails");
            details.put("input", cost.input());
            details.put("output", cost.output());
            details.put("total", cost.total());
        }
        PromptRef ref = item.prompt();
        if (ref != null && !ref.modifiedLocally()) {
            body.put("promptName", ref.name());
            body.put("promptVersion", ref.version());
        }
        if (result.modelFailed()) {
            body.put("level", "ERROR");
            body.put("statusMessage", result.error().oneLine());
        } else if (result.sql() == null && result.error() != null) {
            body.put("level", "WARNING");
            body.put("statusMessage", result.error().oneLine());
        }
        ObjectNode metadata = body.putObject("metadata");
        metadata.put("variant", result.key().variant());
        metadata.put("modelProfile", result.key().model());
        metadata.put("latencyMs", result.latencyMs());
        return body;
    }

    private ObjectNode execution(TracedItem item, String traceId) {
        ItemResult result = item.result();
        Verdict verdict = result.verdict();
        ObjectNode body = json.createObjectNode();
        body.put("id", observationId("execution", item.runId(), result));
        body.put("traceId", traceId);
        body.put("name", EXECUTION_NAME);
        body.put("startTime", item.timing().executionStart().toString());
        body.put("endTime", item.timing().executionEnd().toString());
        ObjectNode input = body.putObject("input");
        input.put("predictedSql", result.sql());
        input.put("goldSql", item.question().primaryGold());
        ObjectNode output = body.putObject("output");
        output.put("outcome", verdict.outcome().name());
        if (verdict.failureCategory() != null) {
            output.put("failureCategory", verdict.failureCategory().id());
        }
        output.put("reason", verdict.reason());
        output.set("missingRows", json.valueToTree(verdict.missingRows()));
        output.set("extraRows", json.valueToTree(verdict.extraRows()));
        if (verdict.outcome() == Outcome.ERROR) {
            body.put("level", "ERROR");
            body.put("statusMessage", verdict.reason());
        }
        return body;
    }

    private ObjectNode score(TracedItem item, String traceId, String name, double value, String dataType,
            String comment) {
        ItemResult result = item.result();
        ObjectNode body = json.createObjectNode();
        body.put("id", observationId("score-" + name, item.runId(), result));
        body.put("traceId", traceId);
        body.put("name", name);
        body.put("value", value);
        body.put("dataType", dataType);
        if (comment != null && !comment.isBlank()) {
            body.put("comment", comment);
        }
        ObjectNode metadata = body.putObject("metadata");
        metadata.put("runId", item.runId());
        metadata.put("variant", result.key().variant());
        metadata.put("model", result.key().model());
        metadata.put("mode", result.verdict().mode());
        return body;
    }

    /** Rough size of an event once serialised, for keeping batches under Langfuse's limit. */
    static int size(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    Instant now() {
        return clock.instant();
    }
}
