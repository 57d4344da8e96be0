package dev.querybench.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server that speaks OpenAI's chat-completions and models-list protocol, scripted
 * per test: which answer for which prompt, latency, and failures. Real HTTP on 127.0.0.1, so
 * adapters are exercised end to end through langchain4j.
 *
 * <p>Rules are matched in the order they were added against the concatenated message contents;
 * the first rule whose text occurs in the prompt answers. Thread-safe.
 */
public final class OpenAiStub implements AutoCloseable {

    /** A scripted reply: an answer, or an HTTP failure. */
    private record Rule(String promptContains, String answer, int status, String errorBody) {}

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> prompts = Collections.synchronizedList(new ArrayList<>());
    private final List<String> models = new CopyOnWriteArrayList<>(List.of("gpt-4o-mini", "stub-model"));
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile int failNextStatus = 500;
    private volatile Duration latency = Duration.ZERO;
    private volatile String defaultAnswer = "I cannot answer that.";
    private volatile String requiredKey;

    private OpenAiStub(HttpServer server) {
        this.server = server;
    }

    /** Starts a stub on a free port of 127.0.0.1. */
    public static OpenAiStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            OpenAiStub stub = new OpenAiStub(server);
            server.createContext("/v1/chat/completions", stub::chat);
            server.createContext("/v1/models", stub::models);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the OpenAI stub", e);
        }
    }

    /** Base URL to give an OpenAI client, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Answers {@code answer} verbatim when the prompt contains {@code promptContains}. */
    public OpenAiStub answer(String promptContains, String answer) {
        rules.add(new Rule(promptContains, answer, 200, null));
        return this;
    }

    /** Answers with {@code sql} in a fenced sql block when the prompt contains {@code promptContains}. */
    public OpenAiStub answerSql(String promptContains, String sql) {
        return answer(promptContains, "```sql\n" + sql + "\n```");
    }

    /** Fails with {@code status} when the prompt contains {@code promptContains}. */
    public OpenAiStub fail(String promptContains, int status) {
        rules.add(new Rule(promptContains, null, status, "{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\"}}"));
        return this;
    }

    /** The next {@code count} chat calls fail with {@code status}, whatever the prompt. */
    public OpenAiStub failNext(int count, int status) {
        failNextStatus = status;
        failNext.set(count);
        return this;
    }

    public OpenAiStub defaultAnswer(String answer) {
        this.defaultAnswer = answer;
        return this;
    }

    /** Delay before every chat answer. */
    public OpenAiStub latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** Requires {@code Authorization: Bearer <key>}; other keys get 401. */
    public OpenAiStub requireKey(String key) {
        this.requiredKey = key;
        return this;
    }

    /** Chat calls received so far (including failed ones). */
    public int calls() {
        return calls.get();
    }

    /** Prompts received so far, in arrival order. */
    public List<String> prompts() {
        synchronized (prompts) {
            return List.copyOf(prompts);
        }
    }

    private void chat(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "{\"error\":{\"message\":\"method not allowed\"}}");
                return;
            }
            calls.incrementAndGet();
            if (!authorized(exchange)) {
                return;
            }
            JsonNode request = json.readTree(exchange.getRequestBody());
            String model = request.path("model").asText();
            StringBuilder prompt = new StringBuilder();
            request.path("messages").forEach(m -> prompt.append(m.path("content").asText()).append('\n'));
            prompts.add(prompt.toString());
            sleep(latency);
            if (failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                send(exchange, failNextStatus, "{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\"}}");
                return;
            }
            if (!models.contains(model)) {
                send(exchange, 404, "{\"error\":{\"message\":\"The model `" + model
                        + "` does not exist\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}");
                return;
            }
            Rule rule = rules.stream().filter(r -> prompt.indexOf(r.promptContains()) >= 0).findFirst().orElse(null);
            if (rule != null && rule.status() != 200) {
                send(exchange, rule.status(), rule.errorBody());
                return;
            }
            String answer = rule == null ? defaultAnswer : rule.answer();
            send(exchange, 200, json.writeValueAsString(completion(model, prompt.toString(), answer)));
        }
    }

    private ObjectNode completion(String model, String prompt, String answer) {
        ObjectNode body = json.createObjectNode();
        body.put("id", "chatcmpl-stub-" + calls.get());
        body.put("object", "chat.completion");
        body.put("created", System.currentTimeMillis() / 1000);
        body.put("model", model + "-stub-2026");
        ArrayNode choices = body.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", answer);
        choice.put("finish_reason", "stop");
        ObjectNode usage = body.putObject("usage");
        int in = Math.max(1, prompt.length() / 4);
        int out = Math.max(1, answer.length() / 4);
        usage.put("prompt_tokens", in);
        usage.put("completion_tokens", out);
        usage.put("total_tokens", in + out);
        return body;
    }

    private void models(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                return;
            }
            ObjectNode body = json.createObjectNode();
            body.put("object", "list");
            ArrayNode data = body.putArray("data");
            for (String id : models) {
                ObjectNode m = data.addObject();
                m.put("id", id);
                m.put("object", "model");
                m.put("created", 1_700_000_000);
                m.put("owned_by", "querybench-stub");
            }
            send(exchange, 200, json.writeValueAsString(body));
        }
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        String key = requiredKey;
        if (key == null) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (("Bearer " + key).equals(header)) {
            return true;
        }
        send(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
                + "\"code\":\"invalid_api_key\"}}");
        return false;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
