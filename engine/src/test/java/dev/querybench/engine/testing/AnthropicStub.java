package dev.querybench.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A local server that speaks Anthropic's Messages API: {@code POST /v1/messages} and
 * {@code GET /v1/models}, with {@code x-api-key} and a required {@code anthropic-version}
 * header, model aliases ({@code claude-sonnet-4-5} answers as the dated snapshot it points at),
 * and Anthropic's error bodies ({@code authentication_error}, {@code not_found_error},
 * {@code rate_limit_error} with {@code retry-after}, {@code overloaded_error} as 529, a credit
 * balance that is too low, {@code stop_reason: refusal}). Scripted through
 * {@link ScriptedModelStub}. Thread-safe.
 */
public final class AnthropicStub extends ScriptedModelStub<AnthropicStub> {

    private static final Map<Integer, String> ERROR_TYPES = Map.of(400, "invalid_request_error", 401,
            "authentication_error", 403, "permission_error", 404, "not_found_error", 413, "request_too_large", 429,
            "rate_limit_error", 500, "api_error", 529, "overloaded_error");

    private AnthropicStub() {
        super(List.of("claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001", "claude-opus-4-1-20250805",
                "stub-model"));
    }

    /** Starts a stub on a free port of 127.0.0.1. */
    public static AnthropicStub start() {
        return new AnthropicStub().listen();
    }

    /** Base URL to give an Anthropic client, ending in {@code /v1}. */
    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** The dated snapshot an alias resolves to, or the id itself. */
    @Override
    public String reportedModelId(String requested) {
        List<String> listed = listedModels();
        if (listed.contains(requested)) {
            return requested;
        }
        return listed.stream().filter(id -> id.startsWith(requested + "-")).findFirst().orElse(requested);
    }

    @Override
    protected void route(HttpExchange exchange, String method, String path) throws IOException {
        switch (path) {
            case "/v1/messages" -> chat(exchange, null);
            case "/v1/models" -> listModels(exchange);
            default -> send(exchange, error(404, "not_found_error", "Not found"));
        }
    }

    @Override
    protected Reply precondition(HttpExchange exchange) {
        if (exchange.getRequestHeaders().getFirst("anthropic-version") == null) {
            return error(400, "invalid_request_error", "anthropic-version: header is required");
        }
        return null;
    }

    @Override
    protected boolean knows(String model, List<String> listed) {
        return listed.contains(model) || listed.stream().anyMatch(id -> id.startsWith(model + "-"));
    }

    @Override
    protected String promptOf(JsonNode request) {
        StringBuilder prompt = new StringBuilder();
        appendText(prompt, request.path("system"));
        request.path("messages").forEach(m -> appendText(prompt, m.path("content")));
        return prompt.toString();
    }

    private static void appendText(StringBuilder prompt, JsonNode content) {
        if (content.isMissingNode()) {
            return;
        }
        if (content.isArray()) {
            content.forEach(block -> prompt.append(block.path("text").asText()));
        } else {
            prompt.append(content.asText());
        }
        prompt.append('\n');
    }

    @Override
    protected boolean keyAccepted(HttpExchange exchange, String key) {
        return key.equals(exchange.getRequestHeaders().getFirst("x-api-key"));
    }

    @Override
    protected Reply answerReply(String model, String prompt, String answer, int callNumber) {
        return Reply.json(200, message(model, answer, "end_turn", tokens(prompt), tokens(answer), callNumber));
    }

    private String message(String model, String answer, String stopReason, int in, int out, int n) {
        ObjectNode body = json.createObjectNode();
        body.put("id", "msg_stub_" + n);
        body.put("type", "message");
        body.put("role", "assistant");
        body.put("model", reportedModelId(model));
        ArrayNode content = body.putArray("content");
        if (!answer.isEmpty()) {
            ObjectNode text = content.addObject();
            text.put("type", "text");
            text.put("text", answer);
        }
        body.put("stop_reason", stopReason);
        body.putNull("stop_sequence");
        ObjectNode usage = body.putObject("usage");
        usage.put("input_tokens", in);
        usage.put("output_tokens", out);
        return body.toString();
    }

    @Override
    protected Reply faultReply(Fault fault, String model) {
        return switch (fault.kind()) {
            case UNAUTHORIZED -> error(401, "authentication_error", "invalid x-api-key");
            case PERMISSION_DENIED -> error(403, "permission_error",
                    "Your API key does not have permission to use the specified resource.");
            case UNKNOWN_MODEL -> error(404, "not_found_error", "model: " + model);
            case RATE_LIMITED -> error(429, "rate_limit_error", "This request would exceed the rate limit for your"
                    + " organization of 50 requests per minute. Please reduce the prompt length or the maximum tokens"
                    + " requested, or try again later.")
                    .withHeader("retry-after", Long.toString(Math.max(1, (fault.delay().toMillis() + 999) / 1000)));
            case RATE_LIMITED_BY_HEADERS -> error(429, "rate_limit_error", "This request would exceed the rate limit"
                    + " for your organization of 50 requests per minute.")
                    .withHeader("anthropic-ratelimit-requests-limit", "50")
                    .withHeader("anthropic-ratelimit-requests-remaining", "0")
                    .withHeader("anthropic-ratelimit-requests-reset",
                            java.time.Instant.now().plus(fault.delay()).toString())
                    .withHeader("anthropic-ratelimit-tokens-remaining", "40000")
                    .withHeader("anthropic-ratelimit-tokens-reset", java.time.Instant.now().plusSeconds(600).toString());
            case QUOTA_EXHAUSTED -> error(400, "invalid_request_error", "Your credit balance is too low to access the"
                    + " Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.");
            case OVERLOADED -> error(529, "overloaded_error", "Overloaded");
            case CONTENT_FILTER -> Reply.json(200, message(model, "", "refusal", 10, 0, 0));
            case CONTEXT_TOO_LONG -> error(400, "invalid_request_error", "prompt is too long: 210000 tokens > 200000"
                    + " maximum");
            default -> {
                int status = fault.status() == 0 ? 500 : fault.status();
                yield error(status, ERROR_TYPES.getOrDefault(status, "api_error"), "scripted failure");
            }
        };
    }

    private Reply error(int status, String type, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("type", "error");
        ObjectNode error = body.putObject("error");
        error.put("type", type);
        error.put("message", message);
        body.put("request_id", "req_stub");
        return Reply.json(status, body.toString());
    }

    @Override
    protected String modelsBody(List<String> listed) {
        ObjectNode body = json.createObjectNode();
        ArrayNode data = body.putArray("data");
        for (String id : listed) {
            ObjectNode m = data.addObject();
            m.put("type", "model");
            m.put("id", id);
            m.put("display_name", id);
            m.put("created_at", "2025-09-29T00:00:00Z");
        }
        body.put("has_more", false);
        body.put("first_id", listed.isEmpty() ? null : listed.getFirst());
        body.put("last_id", listed.isEmpty() ? null : listed.getLast());
        return body.toString();
    }
}
