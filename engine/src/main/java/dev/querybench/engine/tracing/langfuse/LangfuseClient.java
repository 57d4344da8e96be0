package dev.querybench.engine.tracing.langfuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.querybench.engine.errors.Redactor;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Langfuse's public HTTP API ({@code /api/public/…}) over {@link java.net.http.HttpClient} and
 * Jackson: health, projects, batch ingestion, traces, prompts and datasets. Requests authenticate
 * with HTTP Basic (public key as user, secret key as password); error messages never contain the
 * keys. Synchronous; thread-safe.
 */
public final class LangfuseClient {

    static final String INGESTION = "/api/public/ingestion";

    private final LangfuseEndpoint endpoint;
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    private final Redactor redactor;

    /**
     * @param endpoint server and keys
     * @param timeout limit for connecting and for each answer
     */
    public LangfuseClient(LangfuseEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        List<String> secrets = new ArrayList<>();
        if (endpoint.secretKey() != null) {
            secrets.add(endpoint.secretKey());
        }
        this.redactor = new Redactor(secrets);
    }

    public LangfuseEndpoint endpoint() {
        return endpoint;
    }

    /** {@code GET /api/public/health}; needs no keys. */
    public LangfuseHealth health() {
        long start = System.nanoTime();
        HttpResponse<String> response = send("GET", "/api/public/health", null, false);
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        if (response.statusCode() != 200) {
            throw LangfuseException.forStatus(response.statusCode(), "Langfuse health", brief(response.body()));
        }
        JsonNode body = parse(response, "Langfuse health");
        return new LangfuseHealth(body.path("status").asText(""), body.path("version").asText(""), latency);
    }

    /** {@code GET /api/public/projects}: the project(s) the keys belong to. */
    public List<LangfuseProject> projects() {
        JsonNode body = expectOk(send("GET", "/api/public/projects", null, true), "Langfuse projects");
        List<LangfuseProject> projects = new ArrayList<>();
        for (JsonNode p : body.path("data")) {
            JsonNode org = p.path("organization");
            projects.add(new LangfuseProject(p.path("id").asText(), p.path("name").asText(),
                    org.path("id").asText(""), org.path("name").asText("")));
        }
        return projects;
    }

    /**
     * {@code POST /api/public/ingestion} with one batch of events.
     *
     * @throws LangfuseException when the batch as a whole was not taken (no answer, 401, 5xx …)
     */
    public IngestionResult ingest(List<? extends JsonNode> events) {
        ObjectNode request = json.createObjectNode();
        ArrayNode batch = request.putArray("batch");
        events.forEach(batch::add);
        HttpResponse<String> response = send("POST", INGESTION, request, true);
        int status = response.statusCode();
        if (status != 207 && status != 200 && status != 201) {
            throw LangfuseException.forStatus(status, "Langfuse ingestion", brief(response.body()));
        }
        JsonNode body = parse(response, "Langfuse ingestion");
        List<String> successes = new ArrayList<>();
        body.path("successes").forEach(s -> successes.add(s.path("id").asText()));
        List<IngestionResult.EventError> errors = new ArrayList<>();
        for (JsonNode e : body.path("errors")) {
            String message = e.path("message").asText("");
            if (message.isEmpty() && !e.path("error").isMissingNode() && !e.path("error").isNull()) {
                message = e.path("error").toString();
            }
            errors.add(new IngestionResult.EventError(e.path("id").asText(), e.path("status").asInt(500),
                    redactor.redact(brief(message))));
        }
        return new IngestionResult(successes, errors);
    }

    /**
     * {@code GET /api/public/traces/{id}?fields=core}: the trace without its observations and
     * scores; empty when Langfuse does not have it (yet).
     */
    public Optional<JsonNode> trace(String traceId) {
        HttpResponse<String> response = send("GET", "/api/public/traces/" + encode(traceId) + "?fields=core", null,
                true);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(expectOk(response, "Langfuse trace " + traceId));
    }

    /**
     * {@code GET /api/public/v2/prompts/{name}} by label or version (Langfuse's default label,
     * {@code production}, when both are null).
     */
    public LangfusePrompt prompt(String name, String label, Integer version) {
        StringBuilder path = new StringBuilder("/api/public/v2/prompts/").append(encode(name));
        if (version != null) {
            path.append("?version=").append(version);
        } else if (label != null) {
            path.append("?label=").append(encode(label));
        }
        return toPrompt(expectOk(send("GET", path.toString(), null, true), "Langfuse prompt " + name));
    }

    /** {@code POST /api/public/v2/prompts}: a new version of the named prompt. */
    public LangfusePrompt createPrompt(ObjectNode request) {
        return toPrompt(expectOk(send("POST", "/api/public/v2/prompts", request, true),
                "creating Langfuse prompt " + request.path("name").asText()));
    }

    /** A JSON {@code POST} to another public endpoint (datasets, dataset items, run items). */
    public JsonNode post(String path, JsonNode body) {
        return expectOk(send("POST", path, body, true), "Langfuse " + path);
    }

    /** A JSON {@code GET} of another public endpoint. */
    public JsonNode get(String path) {
        return expectOk(send("GET", path, null, true), "Langfuse " + path);
    }

    private LangfusePrompt toPrompt(JsonNode p) {
        String type = p.path("type").asText("text");
        String text;
        JsonNode prompt = p.path("prompt");
        if (prompt.isTextual()) {
            text = prompt.asText();
        } else if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).has("content")) {
            text = prompt.get(0).path("content").asText();
        } else {
            text = null;
        }
        List<String> labels = new ArrayList<>();
        p.path("labels").forEach(l -> labels.add(l.asText()));
        return new LangfusePrompt(p.path("name").asText(), p.path("version").asInt(), type, text, labels,
                p.path("config"));
    }

    private JsonNode expectOk(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw LangfuseException.forStatus(status, what, brief(response.body()));
        }
        return parse(response, what);
    }

    private JsonNode parse(HttpResponse<String> response, String what) {
        try {
            return json.readTree(response.body() == null || response.body().isBlank() ? "{}" : response.body());
        } catch (IOException e) {
            throw LangfuseException.forStatus(response.statusCode() == 200 ? 502 : response.statusCode(),
                    what + " answered with something other than JSON", brief(response.body()));
        }
    }

    private HttpResponse<String> send(String method, String path, JsonNode body, boolean authenticated) {
        String what = method + " " + endpoint.host() + path.replaceAll("\\?.*", "");
        if (authenticated && !endpoint.hasKeys()) {
            throw LangfuseException.forStatus(401, what, "no public/secret key configured");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(timeout)
                .header("Accept", "application/json");
        if (authenticated) {
            request.header("Authorization", endpoint.authorization());
        }
        if (body != null) {
            try {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot serialise a Langfuse request", e);
            }
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw LangfuseException.unreachable(what, "no answer within " + timeout.toMillis() + " ms", true, e);
        } catch (IOException e) {
            throw LangfuseException.unreachable(what, "cannot connect (" + redactor.redact(String.valueOf(
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())) + ")", false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LangfuseException.unreachable(what, "interrupted", false, e);
        }
    }

    private String brief(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = redactor.redact(text.replaceAll("\\s+", " ").trim());
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
