package dev.querybench.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;

/**
 * A local server that speaks OpenAI's chat-completions ({@code POST /v1/chat/completions}) and
 * models-list ({@code GET /v1/models}) protocol, with {@code Authorization: Bearer} keys and
 * OpenAI's error bodies ({@code invalid_api_key}, {@code model_not_found},
 * {@code rate_limit_exceeded} with {@code retry-after-ms}, {@code insufficient_quota},
 * {@code context_length_exceeded}, {@code finish_reason: content_filter}). Scripted through
 * {@link ScriptedModelStub}. Thread-safe.
 */
public final class OpenAiStub extends ScriptedModelStub<OpenAiStub> {

    private OpenAiStub() {
        super(List.of("gpt-4o-mini", "stub-model"));
    }

    /** Starts a stub on a free port of 127.0.0.1. */
    public static OpenAiStub start() {
        return new OpenAiStub().listen();
    }

    /** Base URL to give an OpenAI client, ending in {@code /v1}. */
    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    @Override
    public String reportedModelId(String requested) {
        return requested + "-stub-2026";
    }

    @Override
    protected void route(HttpExchange exchange, String method, String path) throws IOException {
        switch (path) {
            case "/v1/chat/completions" -> chat(exchange, null);
            case "/v1/models" -> listModels(exchange);
            default -> notFound(exchange);
        }
    }

    @Override
    protected String promptOf(JsonNode request) {
        StringBuilder prompt = new StringBuilder();
        for (JsonNode message : request.path("messages")) {
            JsonNode content = message.path("content");
            if (content.isArray()) {
                content.forEach(part -> prompt.append(part.path("text").asText()));
            } else {
                prompt.append(content.asText());
            }
            prompt.append('\n');
        }
        return prompt.toString();
    }

    @Override
    protected boolean keyAccepted(HttpExchange exchange, String key) {
        return ("Bearer " + key).equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    /** Refuses what OpenAI refuses for its reasoning models (o-series, gpt-5): max_tokens and a temperature. */
    @Override
    protected Reply refusal(JsonNode body, String model) {
        if (!model.matches("o\\d+(-.*)?") && !model.startsWith("gpt-5")) {
            return null;
        }
        if (body.has("max_tokens")) {
            return error(400, "Unsupported parameter: 'max_tokens' is not supported with this model. Use"
                    + " 'max_completion_tokens' instead.", "invalid_request_error", "unsupported_parameter");
        }
        if (body.has("temperature") && body.path("temperature").asDouble() != 1.0) {
            return error(400, "Unsupported value: 'temperature' does not support " + body.path("temperature").asText()
                    + " with this model. Only the default (1) value is supported.", "invalid_request_error",
                    "unsupported_value");
        }
        return null;
    }

    @Override
    protected Reply answerReply(String model, String prompt, String answer, int callNumber) {
        return Reply.json(200, completion(model, prompt, answer, "stop", callNumber).toString());
    }

    private ObjectNode completion(String model, String prompt, String answer, String finishReason, int n) {
        ObjectNode body = json.createObjectNode();
        body.put("id", "chatcmpl-stub-" + n);
        body.put("object", "chat.completion");
        body.put("created", System.currentTimeMillis() / 1000);
        body.put("model", reportedModelId(model));
        ArrayNode choices = body.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", answer);
        choice.put("finish_reason", finishReason);
        ObjectNode usage = body.putObject("usage");
        int in = tokens(prompt);
        int out = answer.isEmpty() ? 0 : tokens(answer);
        usage.put("prompt_tokens", in);
        usage.put("completion_tokens", out);
        usage.put("total_tokens", in + out);
        return body;
    }

    @Override
    protected Reply faultReply(Fault fault, String model) {
        return switch (fault.kind()) {
            case UNAUTHORIZED -> error(401, "Incorrect API key provided. You can find your API key in your"
                    + " account settings.", "invalid_request_error", "invalid_api_key");
            case PERMISSION_DENIED -> error(403, "Your project does not have access to model `" + model + "`.",
                    "invalid_request_error", "model_not_found");
            case UNKNOWN_MODEL -> error(404, "The model `" + model + "` does not exist or you do not have access"
                    + " to it.", "invalid_request_error", "model_not_found");
            case RATE_LIMITED -> error(429, "Rate limit reached for " + model + " on requests per min (RPM):"
                    + " Limit 3, Used 3, Requested 1. Please try again in " + fault.delay().toMillis() + "ms.",
                    "requests", "rate_limit_exceeded")
                    .withHeader("retry-after-ms", Long.toString(fault.delay().toMillis()))
                    .withHeader("retry-after", Long.toString(Math.max(1, (fault.delay().toMillis() + 999) / 1000)));
            case RATE_LIMITED_BY_HEADERS -> error(429, "Rate limit reached for " + model + " on requests per min"
                    + " (RPM): Limit 3, Used 3, Requested 1.", "requests", "rate_limit_exceeded")
                    .withHeader("x-ratelimit-limit-requests", "3")
                    .withHeader("x-ratelimit-remaining-requests", "0")
                    .withHeader("x-ratelimit-reset-requests", fault.delay().toMillis() + "ms")
                    .withHeader("x-ratelimit-limit-tokens", "150000")
                    .withHeader("x-ratelimit-remaining-tokens", "149000")
                    .withHeader("x-ratelimit-reset-tokens", "6m0s");
            case QUOTA_EXHAUSTED -> error(429, "You exceeded your current quota, please check your plan and billing"
                    + " details.", "insufficient_quota", "insufficient_quota");
            case OVERLOADED -> error(503, "The engine is currently overloaded, please try again later.",
                    "server_error", null);
            case CONTENT_FILTER -> Reply.json(200, completion(model, "", "", "content_filter", 0).toString());
            case CONTEXT_TOO_LONG -> error(400, "This model's maximum context length is 128000 tokens. However,"
                    + " your messages resulted in 131072 tokens. Please reduce the length of the messages.",
                    "invalid_request_error", "context_length_exceeded");
            default -> error(fault.status() == 0 ? 500 : fault.status(), "scripted failure", "server_error", null);
        };
    }

    private Reply error(int status, String message, String type, String code) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return Reply.json(status, body.toString());
    }

    @Override
    protected String modelsBody(List<String> listed) {
        ObjectNode body = json.createObjectNode();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        for (String id : listed) {
            ObjectNode m = data.addObject();
            m.put("id", id);
            m.put("object", "model");
            m.put("created", 1_700_000_000);
            m.put("owned_by", "querybench-stub");
        }
        return body.toString();
    }
}
