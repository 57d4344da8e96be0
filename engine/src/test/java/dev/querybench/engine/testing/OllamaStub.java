package dev.querybench.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A local server that speaks Ollama's native API: {@code POST /api/chat} (non-streaming),
 * {@code GET /api/tags} (the pulled models) and {@code GET /api/version}, with Ollama's
 * {@code {"error": "..."}} bodies ({@code model "x" not found, try pulling it first}). Ollama
 * has no keys; {@link #requireKey} models a server behind an authenticating proxy
 * ({@code Authorization: Bearer}). Scripted through {@link ScriptedModelStub}. Thread-safe.
 */
public final class OllamaStub extends ScriptedModelStub<OllamaStub> {

    /** The server version {@code /api/version} reports. */
    public static final String VERSION = "0.12.6";

    private OllamaStub() {
        super(List.of("qwen2.5-coder:7b", "llama3.2:latest", "stub-model:latest"));
    }

    /** Starts a stub on a free port of 127.0.0.1. */
    public static OllamaStub start() {
        return new OllamaStub().listen();
    }

    /** Base URL to give an Ollama client: the server root, without a path. */
    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public String reportedModelId(String requested) {
        return requested;
    }

    @Override
    protected void route(HttpExchange exchange, String method, String path) throws IOException {
        switch (path) {
            case "/api/chat" -> chat(exchange, null);
            case "/api/tags" -> listModels(exchange);
            case "/api/version" -> send(exchange, Reply.json(200, "{\"version\":\"" + VERSION + "\"}"));
            default -> notFound(exchange);
        }
    }

    @Override
    protected boolean knows(String model, List<String> listed) {
        return listed.contains(model) || (!model.contains(":") && listed.contains(model + ":latest"));
    }

    @Override
    protected String promptOf(JsonNode request) {
        StringBuilder prompt = new StringBuilder();
        request.path("messages").forEach(m -> prompt.append(m.path("content").asText()).append('\n'));
        return prompt.toString();
    }

    @Override
    protected boolean keyAccepted(HttpExchange exchange, String key) {
        return ("Bearer " + key).equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    @Override
    protected Reply answerReply(String model, String prompt, String answer, int callNumber) {
        ObjectNode body = json.createObjectNode();
        body.put("model", reportedModelId(model));
        body.put("created_at", Instant.now().toString());
        ObjectNode message = body.putObject("message");
        message.put("role", "assistant");
        message.put("content", answer);
        body.put("done", true);
        body.put("done_reason", "stop");
        body.put("total_duration", 1_200_000);
        body.put("load_duration", 100_000);
        body.put("prompt_eval_count", tokens(prompt));
        body.put("prompt_eval_duration", 300_000);
        body.put("eval_count", tokens(answer));
        body.put("eval_duration", 800_000);
        return Reply.json(200, body.toString());
    }

    @Override
    protected Reply faultReply(Fault fault, String model) {
        return switch (fault.kind()) {
            case UNAUTHORIZED -> error(401, "unauthorized");
            case PERMISSION_DENIED -> error(403, "forbidden");
            case UNKNOWN_MODEL -> error(404, "model \"" + model + "\" not found, try pulling it first");
            case RATE_LIMITED -> error(429, "too many requests")
                    .withHeader("retry-after", Long.toString(Math.max(1, (fault.delay().toMillis() + 999) / 1000)));
            case QUOTA_EXHAUSTED -> error(429, "you have reached your usage limit, upgrade for higher limits");
            case OVERLOADED -> error(503, "server busy, please try again.  maximum pending requests exceeded");
            case CONTENT_FILTER -> error(400, "the request was blocked by a content filter");
            case CONTEXT_TOO_LONG -> error(400, "the input length exceeds the context length");
            default -> error(fault.status() == 0 ? 500 : fault.status(), "scripted failure");
        };
    }

    private Reply error(int status, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("error", message);
        return Reply.json(status, body.toString());
    }

    @Override
    protected String modelsBody(List<String> listed) {
        ObjectNode body = json.createObjectNode();
        ArrayNode models = body.putArray("models");
        for (String name : listed) {
            ObjectNode m = models.addObject();
            m.put("name", name);
            m.put("model", name);
            m.put("modified_at", "2026-10-01T12:00:00.000000000Z");
            m.put("size", 4_683_087_332L);
            m.put("digest", Integer.toHexString(name.hashCode()) + "0".repeat(56));
            ObjectNode details = m.putObject("details");
            details.put("format", "gguf");
            details.put("family", "qwen2");
            details.put("parameter_size", "7.6B");
            details.put("quantization_level", "Q4_K_M");
        }
        return body.toString();
    }
}
