package dev.querybench.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scripted core shared by the provider stubs: a local HTTP server on 127.0.0.1 that answers
 * chat calls by prompt substring, with latency, call counts and injected {@link Fault}s. Each
 * subclass speaks one provider's real wire protocol (paths, authentication headers, request and
 * response JSON, error bodies), so adapters are exercised end to end through langchain4j over
 * real HTTP. The scripting API is the same for every provider.
 *
 * <p>For each chat call the first applicable of these decides the reply: the {@linkplain #down
 * hard-down} fault, the {@linkplain #failNext next-call} faults, a {@linkplain #failRandomly
 * random} fault, an unknown model, then the first rule (in the order added) whose text occurs
 * in the prompt, then the default answer. Thread-safe.
 *
 * @param <S> the concrete stub, so scripting calls chain
 */
public abstract class ScriptedModelStub<S extends ScriptedModelStub<S>> implements AutoCloseable {

    /** A reply as it goes on the wire. */
    protected record Reply(int status, Map<String, String> headers, String body) {

        protected static Reply json(int status, String body) {
            return new Reply(status, Map.of(), body);
        }

        protected Reply withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Reply(status, all, body);
        }
    }

    /**
     * A chat request as the stub received it.
     *
     * @param path request path
     * @param headers request headers (names as the server reports them)
     * @param body the JSON body
     */
    public record Request(String path, Map<String, List<String>> headers, JsonNode body) {}

    private record Rule(String promptContains, String answer, Fault fault) {}

    private record RandomFaults(double rate, Random random, List<Fault> mix) {
        synchronized Fault draw() {
            return random.nextDouble() < rate ? mix.get(random.nextInt(mix.size())) : null;
        }
    }

    protected final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> prompts = Collections.synchronizedList(new ArrayList<>());
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> models = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger activeCalls = new AtomicInteger();
    private final AtomicInteger peakConcurrentCalls = new AtomicInteger();
    private final AtomicInteger listCalls = new AtomicInteger();
    private final AtomicInteger failNextCount = new AtomicInteger();
    private volatile Fault failNextFault = Fault.serverError();
    private volatile RandomFaults randomFaults;
    private volatile Fault down;
    private volatile Fault listFault;
    private volatile Duration latency = Duration.ZERO;
    private volatile String defaultAnswer = "I cannot answer that.";
    private volatile String requiredKey;

    /** Binds a free port of 127.0.0.1; {@link #listen()} starts answering. */
    protected ScriptedModelStub(List<String> listedModels) {
        models.addAll(listedModels);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a model stub", e);
        }
        server.setExecutor(executor);
    }

    /** Starts answering; each subclass's factory calls it once the stub is constructed. */
    protected final S listen() {
        server.createContext("/", this::dispatch);
        server.start();
        return self();
    }

    /** The base URL to configure a client of this provider with. */
    public abstract String baseUrl();

    /** The model id this provider reports in its answer when asked for {@code requested}. */
    public abstract String reportedModelId(String requested);

    // ---- scripting -------------------------------------------------------------------------

    /** Answers {@code answer} verbatim when the prompt contains {@code promptContains}. */
    public S answer(String promptContains, String answer) {
        rules.add(new Rule(promptContains, answer, null));
        return self();
    }

    /** Answers with {@code sql} in a fenced sql block when the prompt contains {@code promptContains}. */
    public S answerSql(String promptContains, String sql) {
        return answer(promptContains, "```sql\n" + sql + "\n```");
    }

    /** Fails with {@code status} (the provider's generic error body) when the prompt contains the text. */
    public S fail(String promptContains, int status) {
        return fail(promptContains, Fault.status(status));
    }

    /** Injects {@code fault} when the prompt contains {@code promptContains}. */
    public S fail(String promptContains, Fault fault) {
        rules.add(new Rule(promptContains, null, fault));
        return self();
    }

    /** The next {@code count} chat calls fail with {@code status}, whatever the prompt. */
    public S failNext(int count, int status) {
        return failNext(count, Fault.status(status));
    }

    /** The next {@code count} chat calls fail with {@code fault}, whatever the prompt. */
    public S failNext(int count, Fault fault) {
        failNextFault = fault;
        failNextCount.set(count);
        return self();
    }

    /**
     * Each chat call fails with probability {@code rate}, with a fault drawn evenly from
     * {@code mix}; {@code seed} makes the draws repeatable.
     */
    public S failRandomly(double rate, long seed, Fault... mix) {
        if (mix.length == 0) {
            throw new IllegalArgumentException("name at least one fault");
        }
        randomFaults = new RandomFaults(rate, new Random(seed), List.of(mix));
        return self();
    }

    /** Every call, chat and models list, fails with {@code fault} until {@link #up()}. */
    public S down(Fault fault) {
        down = fault;
        return self();
    }

    /** Ends {@link #down} and random faults. */
    public S up() {
        down = null;
        randomFaults = null;
        return self();
    }

    /** Models-list calls fail with {@code fault} (null: they answer again). */
    public S failModelsList(Fault fault) {
        listFault = fault;
        return self();
    }

    public S defaultAnswer(String answer) {
        this.defaultAnswer = answer;
        return self();
    }

    /** Delay before every chat answer. */
    public S latency(Duration latency) {
        this.latency = latency;
        return self();
    }

    /** Requires this key in the provider's authentication header; other keys are refused. */
    public S requireKey(String key) {
        this.requiredKey = key;
        return self();
    }

    /** The models the provider offers (Ollama: has pulled); chat calls for others fail. */
    public S models(String... ids) {
        models.clear();
        models.addAll(List.of(ids));
        return self();
    }

    // ---- observations ----------------------------------------------------------------------

    /** Chat calls received so far (including failed ones). */
    /** The most chat calls that were being answered at the same time. */
    public int peakConcurrentCalls() {
        return peakConcurrentCalls.get();
    }

    public int calls() {
        return calls.get();
    }

    /** Models-list calls received so far. */
    public int listCalls() {
        return listCalls.get();
    }

    /** Prompts received so far, in arrival order. */
    public List<String> prompts() {
        synchronized (prompts) {
            return List.copyOf(prompts);
        }
    }

    /** Chat requests received so far, in arrival order. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The last chat request received. */
    public Request lastRequest() {
        synchronized (requests) {
            if (requests.isEmpty()) {
                throw new IllegalStateException("no chat request received yet");
            }
            return requests.getLast();
        }
    }

    // ---- the protocol, per provider ---------------------------------------------------------

    /** Routes one request: calls {@link #chat}, {@link #listModels} or answers itself. */
    protected abstract void route(HttpExchange exchange, String method, String path) throws IOException;

    /** The text of all messages of a chat request, one per line. */
    protected abstract String promptOf(JsonNode request);

    /** Whether the request carries {@code key} where this provider expects it. */
    protected abstract boolean keyAccepted(HttpExchange exchange, String key);

    /** A successful chat answer. */
    protected abstract Reply answerReply(String model, String prompt, String answer, int callNumber);

    /** The reply for {@code fault}, except SLOW, CONNECTION_RESET and MALFORMED_JSON, which are generic. */
    protected abstract Reply faultReply(Fault fault, String model);

    /** The body of the models list. */
    protected abstract String modelsBody(List<String> listed);

    /** Whether a chat call for {@code model} is served; exact ids by default. */
    protected boolean knows(String model, List<String> listed) {
        return listed.contains(model);
    }

    /** A reply that refuses the request before it is scripted (e.g. a missing version header), or null. */
    protected Reply precondition(HttpExchange exchange) {
        return null;
    }

    /** A reply refusing the request's parameters as this provider would for {@code model}, or null. */
    protected Reply refusal(JsonNode body, String model) {
        return null;
    }

    /** Token count the stub reports for a text. */
    protected static int tokens(String text) {
        return Math.max(1, text.length() / 4);
    }

    protected final List<String> listedModels() {
        return List.copyOf(models);
    }

    // ---- shared request handling ------------------------------------------------------------

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            route(exchange, exchange.getRequestMethod(), exchange.getRequestURI().getPath());
        }
    }

    /** Handles a chat call; {@code pathModel} is the model named in the path, or null to read it from the body. */
    protected final void chat(HttpExchange exchange, String pathModel) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, notAllowed());
            return;
        }
        int n = calls.incrementAndGet();
        Reply refused = precondition(exchange);
        if (refused != null) {
            send(exchange, refused);
            return;
        }
        String key = requiredKey;
        JsonNode body = readBody(exchange);
        String model = pathModel != null ? pathModel : body.path("model").asText();
        if (key != null && !keyAccepted(exchange, key)) {
            send(exchange, faultReply(Fault.unauthorized(), model));
            return;
        }
        Reply unsupported = refusal(body, model);
        if (unsupported != null) {
            send(exchange, unsupported);
            return;
        }
        String prompt = promptOf(body);
        prompts.add(prompt);
        requests.add(new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
        peakConcurrentCalls.accumulateAndGet(activeCalls.incrementAndGet(), Math::max);
        try {
            sleep(latency);
            Rule rule = rules.stream().filter(r -> prompt.contains(r.promptContains())).findFirst().orElse(null);
            Fault fault = scriptedFault(rule);
            if (fault != null && fault.kind() == Fault.Kind.SLOW) {
                sleep(fault.delay());
                fault = null;
            }
            if (fault != null && fault.kind() != Fault.Kind.SLOW_BODY) {
                sendFault(exchange, fault, model);
                return;
            }
            if (!knows(model, listedModels())) {
                send(exchange, faultReply(Fault.unknownModel(), model));
                return;
            }
            String answer = rule == null || rule.answer() == null ? defaultAnswer : rule.answer();
            if (fault != null && fault.kind() == Fault.Kind.SLOW_BODY) {
                sendSlowly(exchange, answerReply(model, prompt, answer, n), fault.delay());
                return;
            }
            send(exchange, answerReply(model, prompt, answer, n));
        } finally {
            activeCalls.decrementAndGet();
        }
    }

    private Fault scriptedFault(Rule rule) {
        Fault hardDown = down;
        if (hardDown != null) {
            return hardDown;
        }
        if (failNextCount.getAndUpdate(c -> c > 0 ? c - 1 : 0) > 0) {
            return failNextFault;
        }
        RandomFaults random = randomFaults;
        Fault drawn = random == null ? null : random.draw();
        if (drawn != null) {
            return drawn;
        }
        return rule == null ? null : rule.fault();
    }

    /** Handles a models-list call. */
    protected final void listModels(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            send(exchange, notAllowed());
            return;
        }
        listCalls.incrementAndGet();
        Reply refused = precondition(exchange);
        if (refused != null) {
            send(exchange, refused);
            return;
        }
        String key = requiredKey;
        if (key != null && !keyAccepted(exchange, key)) {
            send(exchange, faultReply(Fault.unauthorized(), ""));
            return;
        }
        Fault fault = down != null ? down : listFault;
        if (fault != null && fault.kind() == Fault.Kind.SLOW) {
            sleep(fault.delay());
            fault = null;
        }
        if (fault != null) {
            sendFault(exchange, fault, "");
            return;
        }
        send(exchange, Reply.json(200, modelsBody(listedModels())));
    }

    private void sendFault(HttpExchange exchange, Fault fault, String model) throws IOException {
        switch (fault.kind()) {
            case CONNECTION_RESET -> exchange.close();
            case MALFORMED_JSON -> send(exchange, Reply.json(200, "{\"id\": \"truncated\", \"choices\": [{\"mess"));
            default -> send(exchange, faultReply(fault, model));
        }
    }

    private JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** A 404 for paths the provider does not have. */
    protected final void notFound(HttpExchange exchange) throws IOException {
        send(exchange, Reply.json(404, "{\"error\":\"404 page not found\"}"));
    }

    private static Reply notAllowed() {
        return Reply.json(405, "{\"error\":\"method not allowed\"}");
    }

    protected static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Sends the status, the headers and the first bytes of the body at once, the rest after {@code delay}. */
    private static void sendSlowly(HttpExchange exchange, Reply reply, Duration delay) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            int head = Math.min(8, bytes.length);
            out.write(bytes, 0, head);
            out.flush();
            sleep(delay);
            out.write(bytes, head, bytes.length - head);
        }
    }

    /** The port the stub listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
