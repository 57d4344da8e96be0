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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A local Langfuse: a real HTTP server on 127.0.0.1 that checks every request against Langfuse's
 * public API specification ({@link OpenApiSpec}) and answers as Langfuse does — health, projects,
 * batch ingestion (207 with per-event successes and errors), traces, prompts, datasets, dataset
 * items and dataset run items. It checks its own answers against the spec too.
 *
 * <p>Scriptable faults: down (connection refused, {@link #down()}/{@link #up()} on the same port),
 * unavailable (503 for everything), wrong keys (401), slow answers, per-event errors in 207
 * answers, and traces that become readable only after some polls (Langfuse v3 ingests
 * asynchronously). Every problem found in a request is kept in {@link #violations()}; tests assert
 * it is empty. Thread-safe.
 */
public final class LangfuseStandIn implements AutoCloseable {

    public static final String PUBLIC_KEY = "pk-lf-standin-public";
    public static final String SECRET_KEY = "sk-lf-standin-secret-0123456789";
    public static final String VERSION = "3.99.0-standin";

    private static final class SpecHolder {
        static final OpenApiSpec SPEC = OpenApiSpec.langfuse();
    }

    /** A scripted per-event failure in ingestion answers. */
    private record EventFault(Predicate<JsonNode> matches, int status, AtomicInteger remaining) {}

    private final ObjectMapper json = new ObjectMapper();
    private final int port;
    private volatile HttpServer server;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<EventFault> faults = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> traces = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> tracePolls = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> prompts = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> datasets = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> datasetItems = new ConcurrentHashMap<>();
    private final List<ObjectNode> runItems = new CopyOnWriteArrayList<>();
    private final AtomicInteger ingestionCalls = new AtomicInteger();
    private volatile boolean unavailable;
    private volatile Duration latency = Duration.ZERO;
    private volatile int traceReadableAfterPolls;
    private volatile String publicKey = PUBLIC_KEY;
    private volatile String secretKey = SECRET_KEY;

    private LangfuseStandIn(int port) {
        this.port = port;
    }

    /** Starts a stand-in on a free port. */
    public static LangfuseStandIn start() {
        spec();
        LangfuseStandIn standIn = new LangfuseStandIn(0);
        standIn.server = standIn.bind(0);
        return standIn;
    }

    /** The specification every request is checked against (loaded once). */
    public static OpenApiSpec spec() {
        return SpecHolder.SPEC;
    }

    private HttpServer bind(int onPort) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 64);
            s.createContext("/", this::handle);
            s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            s.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Langfuse stand-in on port " + onPort, e);
        }
    }

    public String host() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Stops listening: clients get "connection refused". State is kept. */
    public LangfuseStandIn down() {
        server.stop(0);
        return this;
    }

    /** Listens again on the same port. */
    public LangfuseStandIn up() {
        int samePort = server.getAddress().getPort();
        for (int attempt = 0; ; attempt++) {
            try {
                server = bind(samePort);
                return this;
            } catch (IllegalStateException e) {
                if (attempt > 50) {
                    throw e;
                }
                sleep(Duration.ofMillis(100));
            }
        }
    }

    /** Answers 503 to everything while true. */
    public LangfuseStandIn unavailable(boolean value) {
        this.unavailable = value;
        return this;
    }

    /** Waits this long before every answer. */
    public LangfuseStandIn latency(Duration value) {
        this.latency = value;
        return this;
    }

    /** The project keys it accepts (others get 401). */
    public LangfuseStandIn keys(String publicKey, String secretKey) {
        this.publicKey = publicKey;
        this.secretKey = secretKey;
        return this;
    }

    /** Ingestion refuses the next {@code times} events of this type with {@code status} (in a 207). */
    public LangfuseStandIn failEvents(String type, int status, int times) {
        faults.add(new EventFault(e -> type.equals(e.path("type").asText()), status, new AtomicInteger(times)));
        return this;
    }

    /** A trace answers 404 to its first {@code polls} reads, as if still being ingested. */
    public LangfuseStandIn traceReadableAfter(int polls) {
        this.traceReadableAfterPolls = polls;
        return this;
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** "METHOD path" of every request, in arrival order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Every accepted ingestion event, in arrival order (duplicates by envelope id included). */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** Accepted events of one type, one per envelope id. */
    public List<JsonNode> events(String type) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        events.stream().filter(e -> type.equals(e.path("type").asText())).forEach(e -> byId.put(e.path("id").asText(), e));
        return List.copyOf(byId.values());
    }

    /** Traces by id, each the merge of its trace-create bodies. */
    public Map<String, ObjectNode> traces() {
        return Map.copyOf(traces);
    }

    public int ingestionCalls() {
        return ingestionCalls.get();
    }

    public Map<String, ObjectNode> datasets() {
        return Map.copyOf(datasets);
    }

    public Map<String, ObjectNode> datasetItems() {
        return Map.copyOf(datasetItems);
    }

    public List<ObjectNode> runItems() {
        return List.copyOf(runItems);
    }

    /** Versions of a prompt, oldest first. */
    public List<ObjectNode> prompts(String name) {
        return List.copyOf(prompts.getOrDefault(name, List.of()));
    }

    /** Adds a text prompt version as if created in Langfuse's UI. */
    public synchronized ObjectNode addPrompt(String name, String text, List<String> labels, JsonNode config) {
        ObjectNode request = json.createObjectNode();
        request.put("name", name);
        request.put("prompt", text);
        request.put("type", "text");
        ArrayNode l = request.putArray("labels");
        labels.forEach(l::add);
        if (config != null) {
            request.set("config", config);
        }
        return createPrompt(request);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(method + " " + path);
            byte[] raw = exchange.getRequestBody().readAllBytes();
            sleep(latency);
            if (unavailable) {
                send(exchange, method, path, 503, null);
                return;
            }
            JsonNode body = null;
            if (raw.length > 0) {
                try {
                    body = json.readTree(raw);
                } catch (IOException e) {
                    violations.add(method + " " + path + ": body is not JSON");
                    send(exchange, method, path, 400, json.createObjectNode().put("message", "Invalid JSON"));
                    return;
                }
            }
            List<String> problems = SpecHolder.SPEC.checkRequest(method, rawPath, query, body);
            if (!"/api/public/ingestion".equals(path) && !problems.isEmpty()) {
                violations.addAll(problems);
                send(exchange, method, path, 400, json.createObjectNode().put("message", String.join("; ", problems)));
                return;
            }
            if (!path.equals("/api/public/health") && !authorized(exchange)) {
                send(exchange, method, path, 401, json.createObjectNode()
                        .put("message", "Invalid credentials. Confirm that you've configured the correct host."));
                return;
            }
            route(exchange, method, rawPath, path, query, body, problems);
        } catch (RuntimeException e) {
            violations.add("stand-in failure: " + e);
            throw e;
        }
    }

    private void route(HttpExchange exchange, String method, String rawPath, String path, String query, JsonNode body,
            List<String> problems) throws IOException {
        Map<String, String> params = query(query);
        switch (method + " " + SpecHolder.SPEC.template(rawPath).orElse(path)) {
            case "GET /api/public/health" -> send(exchange, method, path, 200,
                    json.createObjectNode().put("status", "OK").put("version", VERSION));
            case "GET /api/public/projects" -> {
                ObjectNode answer = json.createObjectNode();
                ObjectNode project = answer.putArray("data").addObject();
                project.put("id", "project-standin");
                project.put("name", "QueryBench stand-in");
                project.putObject("organization").put("id", "org-standin").put("name", "Stand-in org");
                project.putObject("metadata");
                send(exchange, method, path, 200, answer);
            }
            case "POST /api/public/ingestion" -> ingest(exchange, path, body, problems);
            case "GET /api/public/traces/{traceId}" -> {
                String id = decode(rawPath.substring(rawPath.lastIndexOf('/') + 1));
                ObjectNode trace = traces.get(id);
                int polls = tracePolls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                if (trace == null || polls <= traceReadableAfterPolls) {
                    send(exchange, method, path, 404, json.createObjectNode().put("message", "Trace not found"));
                } else {
                    send(exchange, method, path, 200, traceView(trace));
                }
            }
            case "GET /api/public/v2/prompts/{promptName}" -> {
                String name = decode(rawPath.substring("/api/public/v2/prompts/".length()));
                ObjectNode prompt = findPrompt(name, params.get("label"), params.get("version"));
                if (prompt == null) {
                    send(exchange, method, path, 404, json.createObjectNode().put("message", "Prompt not found"));
                } else {
                    send(exchange, method, path, 200, prompt);
                }
            }
            case "POST /api/public/v2/prompts" -> send(exchange, method, path, 200, createPrompt((ObjectNode) body));
            case "POST /api/public/v2/datasets" -> send(exchange, method, path, 200, upsertDataset((ObjectNode) body));
            case "POST /api/public/dataset-items" -> {
                ObjectNode dataset = datasets.get(body.path("datasetName").asText());
                if (dataset == null) {
                    send(exchange, method, path, 404, json.createObjectNode().put("message", "Dataset not found"));
                } else {
                    send(exchange, method, path, 200, upsertItem(dataset, (ObjectNode) body));
                }
            }
            case "POST /api/public/dataset-run-items" -> {
                ObjectNode item = datasetItems.get(body.path("datasetItemId").asText());
                if (item == null) {
                    send(exchange, method, path, 404, json.createObjectNode().put("message", "Dataset item not found"));
                } else {
                    send(exchange, method, path, 200, addRunItem(item, (ObjectNode) body));
                }
            }
            default -> {
                violations.add(method + " " + path + ": the stand-in does not serve this endpoint");
                send(exchange, method, path, 404, json.createObjectNode().put("message", "Not found"));
            }
        }
    }

    private void ingest(HttpExchange exchange, String path, JsonNode body, List<String> problems) throws IOException {
        ingestionCalls.incrementAndGet();
        if (body == null || !body.path("batch").isArray()) {
            violations.addAll(problems);
            send(exchange, "POST", path, 400, json.createObjectNode().put("message", "Invalid request: batch"));
            return;
        }
        ObjectNode answer = json.createObjectNode();
        ArrayNode successes = answer.putArray("successes");
        ArrayNode errors = answer.putArray("errors");
        for (JsonNode event : body.path("batch")) {
            String id = event.path("id").asText();
            List<String> eventProblems = SpecHolder.SPEC.check(event, "IngestionEvent", true);
            if (!eventProblems.isEmpty()) {
                violations.addAll(eventProblems);
                errors.addObject().put("id", id).put("status", 400).put("message", "Invalid request data")
                        .put("error", String.join("; ", eventProblems));
                continue;
            }
            EventFault fault = faults.stream().filter(f -> f.matches().test(event) && f.remaining().get() > 0)
                    .findFirst().orElse(null);
            if (fault != null && fault.remaining().getAndDecrement() > 0) {
                errors.addObject().put("id", id).put("status", fault.status())
                        .put("message", fault.status() >= 500 ? "Internal Server Error" : "Invalid request data");
                continue;
            }
            events.add(event);
            if ("trace-create".equals(event.path("type").asText())) {
                traces.merge(event.path("body").path("id").asText(), ((ObjectNode) event.path("body")).deepCopy(),
                        (old, update) -> old.setAll(update));
            }
            successes.addObject().put("id", id).put("status", 201);
        }
        send(exchange, "POST", path, 207, answer);
    }

    private ObjectNode traceView(ObjectNode trace) {
        ObjectNode view = json.createObjectNode();
        view.put("id", trace.path("id").asText());
        view.put("timestamp", trace.path("timestamp").asText(Instant.now().toString()));
        view.set("name", trace.path("name").isMissingNode() ? json.nullNode() : trace.get("name"));
        view.set("input", trace.path("input").isMissingNode() ? json.nullNode() : trace.get("input"));
        view.set("output", trace.path("output").isMissingNode() ? json.nullNode() : trace.get("output"));
        view.set("sessionId", trace.path("sessionId").isMissingNode() ? json.nullNode() : trace.get("sessionId"));
        view.putNull("release");
        view.putNull("version");
        view.putNull("userId");
        view.set("metadata", trace.path("metadata").isMissingNode() ? json.nullNode() : trace.get("metadata"));
        view.set("tags", trace.path("tags").isArray() ? trace.get("tags") : json.createArrayNode());
        view.put("public", false);
        view.put("environment", "default");
        view.put("htmlPath", "/project/project-standin/traces/" + trace.path("id").asText());
        view.putNull("latency");
        view.putNull("totalCost");
        // The stand-in answers as Langfuse does for fields=core: observations and scores are empty.
        view.putArray("observations");
        view.putArray("scores");
        return view;
    }

    private synchronized ObjectNode createPrompt(ObjectNode request) {
        String name = request.path("name").asText();
        List<ObjectNode> versions = prompts.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
        ObjectNode prompt = json.createObjectNode();
        prompt.put("type", request.path("type").asText("text"));
        prompt.put("name", name);
        prompt.put("version", versions.size() + 1);
        prompt.set("config", request.has("config") && !request.get("config").isNull() ? request.get("config")
                : json.createObjectNode());
        ArrayNode labels = prompt.putArray("labels");
        List<String> newLabels = new ArrayList<>();
        request.path("labels").forEach(l -> newLabels.add(l.asText()));
        newLabels.add("latest");
        for (ObjectNode older : versions) {
            ArrayNode kept = json.createArrayNode();
            older.path("labels").forEach(l -> {
                if (!newLabels.contains(l.asText())) {
                    kept.add(l);
                }
            });
            older.set("labels", kept);
        }
        newLabels.forEach(labels::add);
        prompt.set("tags", request.path("tags").isArray() ? request.get("tags") : json.createArrayNode());
        prompt.set("commitMessage", request.path("commitMessage").isMissingNode() ? json.nullNode()
                : request.get("commitMessage"));
        prompt.set("prompt", request.get("prompt"));
        versions.add(prompt);
        return prompt;
    }

    private ObjectNode findPrompt(String name, String label, String version) {
        List<ObjectNode> versions = prompts.getOrDefault(name, List.of());
        for (int i = versions.size() - 1; i >= 0; i--) {
            ObjectNode p = versions.get(i);
            if (version != null) {
                if (p.path("version").asText().equals(version)) {
                    return p;
                }
                continue;
            }
            String wanted = label == null ? "production" : label;
            for (JsonNode l : p.path("labels")) {
                if (l.asText().equals(wanted)) {
                    return p;
                }
            }
        }
        return null;
    }

    private synchronized ObjectNode upsertDataset(ObjectNode request) {
        String name = request.path("name").asText();
        ObjectNode dataset = datasets.computeIfAbsent(name, k -> {
            ObjectNode d = json.createObjectNode();
            d.put("id", "ds-" + UUID.randomUUID());
            d.put("name", name);
            d.put("projectId", "project-standin");
            d.put("createdAt", Instant.now().toString());
            d.putNull("inputSchema");
            d.putNull("expectedOutputSchema");
            return d;
        });
        dataset.set("description", request.path("description").isMissingNode() ? json.nullNode()
                : request.get("description"));
        dataset.set("metadata", request.path("metadata").isMissingNode() ? json.nullNode() : request.get("metadata"));
        dataset.put("updatedAt", Instant.now().toString());
        return dataset;
    }

    private synchronized ObjectNode upsertItem(ObjectNode dataset, ObjectNode request) {
        String id = request.path("id").asText(UUID.randomUUID().toString());
        ObjectNode item = json.createObjectNode();
        item.put("id", id);
        item.put("status", request.path("status").asText("ACTIVE"));
        item.set("input", request.path("input").isMissingNode() ? json.nullNode() : request.get("input"));
        item.set("expectedOutput", request.path("expectedOutput").isMissingNode() ? json.nullNode()
                : request.get("expectedOutput"));
        item.set("metadata", request.path("metadata").isMissingNode() ? json.nullNode() : request.get("metadata"));
        item.putNull("sourceTraceId");
        item.putNull("sourceObservationId");
        item.put("datasetId", dataset.path("id").asText());
        item.put("datasetName", dataset.path("name").asText());
        item.put("createdAt", Instant.now().toString());
        item.put("updatedAt", Instant.now().toString());
        item.putArray("mediaReferences");
        datasetItems.put(id, item);
        return item;
    }

    private ObjectNode addRunItem(ObjectNode item, ObjectNode request) {
        ObjectNode runItem = json.createObjectNode();
        runItem.put("id", UUID.randomUUID().toString());
        runItem.put("datasetRunId", "run-" + UUID.nameUUIDFromBytes(request.path("runName").asText()
                .getBytes(StandardCharsets.UTF_8)));
        runItem.put("datasetRunName", request.path("runName").asText());
        runItem.put("datasetItemId", item.path("id").asText());
        runItem.put("traceId", request.path("traceId").asText());
        runItem.set("observationId", request.path("observationId").isMissingNode() ? json.nullNode()
                : request.get("observationId"));
        runItem.put("createdAt", Instant.now().toString());
        runItem.put("updatedAt", Instant.now().toString());
        runItems.add(runItem);
        return runItem;
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((publicKey + ":" + secretKey)
                .getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    private void send(HttpExchange exchange, String method, String path, int status, JsonNode body) throws IOException {
        if (body != null && status < 400) {
            violations.addAll(SpecHolder.SPEC.checkResponse(method, path, status, body).stream()
                    .map(p -> "stand-in " + p).toList());
        }
        byte[] bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
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
