package dev.querybench.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A local server that speaks the Gemini API: {@code POST /v1beta/models/{model}:generateContent},
 * {@code GET /v1beta/models} and {@code GET /v1beta/models/{model}}, with the key in
 * {@code x-goog-api-key} (or {@code ?key=}) and Google's error bodies ({@code API_KEY_INVALID} as
 * a 400, {@code RESOURCE_EXHAUSTED} with {@code QuotaFailure} and {@code RetryInfo} details,
 * {@code finishReason: SAFETY}). Scripted through {@link ScriptedModelStub}. Thread-safe.
 */
public final class GeminiStub extends ScriptedModelStub<GeminiStub> {

    private static final String PREFIX = "/v1beta/models";
    private static final Map<Integer, String> STATUS_NAMES = Map.of(400, "INVALID_ARGUMENT", 401, "UNAUTHENTICATED",
            403, "PERMISSION_DENIED", 404, "NOT_FOUND", 429, "RESOURCE_EXHAUSTED", 500, "INTERNAL", 503, "UNAVAILABLE",
            504, "DEADLINE_EXCEEDED");

    private GeminiStub() {
        super(List.of("gemini-2.5-flash", "gemini-2.5-pro", "stub-model"));
    }

    /** Starts a stub on a free port of 127.0.0.1. */
    public static GeminiStub start() {
        return new GeminiStub().listen();
    }

    /** Base URL to give a Gemini client, ending in {@code /v1beta}. */
    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1beta";
    }

    @Override
    public String reportedModelId(String requested) {
        return requested + "-001";
    }

    @Override
    protected void route(HttpExchange exchange, String method, String path) throws IOException {
        if (path.equals(PREFIX)) {
            listModels(exchange);
        } else if (path.startsWith(PREFIX + "/") && path.endsWith(":generateContent")) {
            chat(exchange, path.substring(PREFIX.length() + 1, path.length() - ":generateContent".length()));
        } else {
            notFound(exchange);
        }
    }

    @Override
    protected String promptOf(JsonNode request) {
        StringBuilder prompt = new StringBuilder();
        request.path("systemInstruction").path("parts").forEach(p -> prompt.append(p.path("text").asText()).append('\n'));
        for (JsonNode content : request.path("contents")) {
            content.path("parts").forEach(p -> prompt.append(p.path("text").asText()));
            prompt.append('\n');
        }
        return prompt.toString();
    }

    @Override
    protected boolean keyAccepted(HttpExchange exchange, String key) {
        if (key.equals(exchange.getRequestHeaders().getFirst("x-goog-api-key"))) {
            return true;
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("key=") && key.equals(URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Reply answerReply(String model, String prompt, String answer, int callNumber) {
        ObjectNode body = json.createObjectNode();
        ObjectNode candidate = body.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().put("text", answer);
        content.put("role", "model");
        candidate.put("finishReason", "STOP");
        candidate.put("index", 0);
        usage(body, tokens(prompt), tokens(answer));
        body.put("modelVersion", reportedModelId(model));
        body.put("responseId", "stub-" + callNumber);
        return Reply.json(200, body.toString());
    }

    private static void usage(ObjectNode body, int in, int out) {
        ObjectNode usage = body.putObject("usageMetadata");
        usage.put("promptTokenCount", in);
        if (out > 0) {
            usage.put("candidatesTokenCount", out);
        }
        usage.put("totalTokenCount", in + out);
    }

    @Override
    protected Reply faultReply(Fault fault, String model) {
        return switch (fault.kind()) {
            case UNAUTHORIZED -> {
                ObjectNode body = error(400, "API key not valid. Please pass a valid API key.");
                ArrayNode details = body.path("error").withArray("details");
                ObjectNode info = details.addObject();
                info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
                info.put("reason", "API_KEY_INVALID");
                info.put("domain", "googleapis.com");
                info.putObject("metadata").put("service", "generativelanguage.googleapis.com");
                yield Reply.json(400, body.toString());
            }
            case PERMISSION_DENIED -> Reply.json(403, error(403, "Permission denied: the caller does not have"
                    + " permission to use models/" + model + ".").toString());
            case UNKNOWN_MODEL -> Reply.json(404, error(404, "models/" + model + " is not found for API version"
                    + " v1beta, or is not supported for generateContent. Call ListModels to see the list of available"
                    + " models and their supported methods.").toString());
            case RATE_LIMITED, RATE_LIMITED_BY_HEADERS -> quota("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", model,
                    seconds(fault.delay().toMillis()));
            case QUOTA_EXHAUSTED -> quota("GenerateRequestsPerDayPerProjectPerModel-FreeTier", model, "36s");
            case OVERLOADED -> Reply.json(503, error(503, "The model is overloaded. Please try again later.").toString());
            case CONTENT_FILTER -> {
                ObjectNode body = json.createObjectNode();
                ObjectNode candidate = body.putArray("candidates").addObject();
                candidate.put("finishReason", "SAFETY");
                candidate.put("index", 0);
                ObjectNode rating = candidate.putArray("safetyRatings").addObject();
                rating.put("category", "HARM_CATEGORY_DANGEROUS_CONTENT");
                rating.put("probability", "HIGH");
                rating.put("blocked", true);
                usage(body, 10, 0);
                body.put("modelVersion", reportedModelId(model));
                yield Reply.json(200, body.toString());
            }
            case CONTEXT_TOO_LONG -> Reply.json(400, error(400, "The input token count (1200000) exceeds the maximum"
                    + " number of tokens allowed (1048576).").toString());
            default -> {
                int status = fault.status() == 0 ? 500 : fault.status();
                yield Reply.json(status, error(status, "scripted failure").toString());
            }
        };
    }

    private Reply quota(String quotaId, String model, String retryDelay) {
        ObjectNode body = error(429, "You exceeded your current quota, please check your plan and billing details."
                + "\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests,"
                + " limit: 10, model: " + model + "\nPlease retry in " + retryDelay + ".");
        ArrayNode details = body.path("error").withArray("details");
        ObjectNode failure = details.addObject();
        failure.put("@type", "type.googleapis.com/google.rpc.QuotaFailure");
        ObjectNode violation = failure.putArray("violations").addObject();
        violation.put("quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests");
        violation.put("quotaId", quotaId);
        violation.put("quotaValue", "10");
        ObjectNode retry = details.addObject();
        retry.put("@type", "type.googleapis.com/google.rpc.RetryInfo");
        retry.put("retryDelay", retryDelay);
        return Reply.json(429, body.toString());
    }

    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }

    private ObjectNode error(int status, String message) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", status);
        error.put("message", message);
        error.put("status", STATUS_NAMES.getOrDefault(status, "UNKNOWN"));
        return body;
    }

    @Override
    protected String modelsBody(List<String> listed) {
        ObjectNode body = json.createObjectNode();
        ArrayNode models = body.putArray("models");
        for (String id : listed) {
            ObjectNode m = models.addObject();
            m.put("name", "models/" + id);
            m.put("version", "001");
            m.put("displayName", id);
            m.put("inputTokenLimit", 1_048_576);
            m.put("outputTokenLimit", 65_536);
            ArrayNode methods = m.putArray("supportedGenerationMethods");
            methods.add("generateContent");
            methods.add("countTokens");
        }
        return body.toString();
    }
}
