package dev.querybench.engine.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorHandler;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.Redactor;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.anthropic.AnthropicModelAdapter;
import dev.querybench.engine.model.gemini.GeminiModelAdapter;
import dev.querybench.engine.model.ollama.OllamaModelAdapter;
import dev.querybench.engine.model.openai.OpenAiModelAdapter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pre-flight checks of model endpoints with the cheapest real call each provider offers: list
 * the models. A check finds out whether the endpoint answers (and how fast), whether the key is
 * accepted and whether the chosen model is offered (for Ollama: pulled). Every failure comes
 * back as a {@link ValidationResult} with an {@link ErrorResponse} that says what to do: a bad
 * key, an unknown model, Ollama not running (and how to start it), proxy or TLS trouble, a wrong
 * base URL, a slow or failing server. Keys never appear in results.
 *
 * <p>Immutable and thread-safe; each check blocks for at most a few timeouts.
 */
public final class ModelEndpointValidator {

    /** A check slower than this passes with a warning. */
    public static final Duration SLOW = Duration.ofSeconds(3);
    private static final int MAX_PAGES = 10;

    private final Duration timeout;
    private final ProxySelector proxies;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /** A validator using the JVM's proxy settings. */
    public ModelEndpointValidator(Duration timeout) {
        this(timeout, ProxySelector.getDefault());
    }

    /**
     * @param timeout limit for connecting and for each answer
     * @param proxies where requests go; {@link ProxySelector#getDefault()} follows the JVM's settings
     */
    public ModelEndpointValidator(Duration timeout, ProxySelector proxies) {
        this.timeout = timeout;
        this.proxies = proxies;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NORMAL);
        if (proxies != null) {
            builder.proxy(proxies);
        }
        this.http = builder.build();
    }

    /** One provider's way of listing its models. */
    private record Lister(String provider, String baseUrl, String firstUrl, Map<String, String> headers,
            String secret, Function<JsonNode, List<String>> ids, Function<JsonNode, String> nextUrl) {}

    // ---- OpenAI ----------------------------------------------------------------------------

    /** Checks OpenAI's own endpoint with {@code apiKey}. */
    public ValidationResult validateOpenAi(String apiKey) {
        return validateOpenAi(apiKey, null, null);
    }

    /**
     * Checks OpenAI or an OpenAI-compatible server.
     *
     * @param apiKey the key, or null for a server that needs none (OpenAI itself needs one)
     * @param baseUrl the endpoint, or null for OpenAI's
     * @param model a model that must be offered, or null
     */
    public ValidationResult validateOpenAi(String apiKey, String baseUrl, String model) {
        String base = trimSlash(baseUrl == null ? OpenAiModelAdapter.DEFAULT_BASE_URL : baseUrl);
        if (baseUrl == null && blank(apiKey)) {
            return missingKey("openai", base, "OPENAI_API_KEY");
        }
        Map<String, String> headers = blank(apiKey) ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
        Lister lister = new Lister("openai", base, base + "/models", headers, apiKey,
                body -> values(body.path("data"), "id", ""), body -> null);
        return check(lister, model);
    }

    // ---- Gemini ----------------------------------------------------------------------------

    /** Checks the Gemini API with {@code apiKey}. */
    public ValidationResult validateGemini(String apiKey) {
        return validateGemini(apiKey, null, null);
    }

    /**
     * @param baseUrl the endpoint, or null for Google's
     * @param model a model that must be offered, or null
     */
    public ValidationResult validateGemini(String apiKey, String baseUrl, String model) {
        String base = trimSlash(baseUrl == null ? GeminiModelAdapter.DEFAULT_BASE_URL : baseUrl);
        if (blank(apiKey)) {
            return missingKey("gemini", base, "GEMINI_API_KEY");
        }
        String first = base + "/models?pageSize=1000";
        Lister lister = new Lister("gemini", base, first, Map.of("x-goog-api-key", apiKey), apiKey,
                body -> values(body.path("models"), "name", "models/"),
                body -> body.path("nextPageToken").asText("").isEmpty() ? null
                        : first + "&pageToken=" + URLEncoder.encode(body.path("nextPageToken").asText(),
                                StandardCharsets.UTF_8));
        return check(lister, model);
    }

    // ---- Anthropic -------------------------------------------------------------------------

    /** Checks Anthropic's API with {@code apiKey}. */
    public ValidationResult validateClaude(String apiKey) {
        return validateClaude(apiKey, null, null);
    }

    /**
     * @param baseUrl the endpoint, or null for Anthropic's
     * @param model a model or alias (such as {@code claude-sonnet-4-5}) that must be offered, or null
     */
    public ValidationResult validateClaude(String apiKey, String baseUrl, String model) {
        String base = trimSlash(baseUrl == null ? AnthropicModelAdapter.DEFAULT_BASE_URL : baseUrl);
        if (blank(apiKey)) {
            return missingKey("anthropic", base, "ANTHROPIC_API_KEY");
        }
        String first = base + "/models?limit=1000";
        Lister lister = new Lister("anthropic", base, first,
                Map.of("x-api-key", apiKey, "anthropic-version", AnthropicModelAdapter.API_VERSION), apiKey,
                body -> values(body.path("data"), "id", ""),
                body -> body.path("has_more").asBoolean(false) && body.hasNonNull("last_id")
                        ? first + "&after_id=" + URLEncoder.encode(body.path("last_id").asText(), StandardCharsets.UTF_8)
                        : null);
        return check(lister, model);
    }

    // ---- Ollama ----------------------------------------------------------------------------

    /** Checks an Ollama server: that it runs, its version and the models it has pulled. */
    public ValidationResult validateOllama(String baseUrl) {
        return validateOllama(baseUrl, null);
    }

    /**
     * @param baseUrl the server, or null for {@code http://localhost:11434}
     * @param model a model that must be pulled, or null
     */
    public ValidationResult validateOllama(String baseUrl, String model) {
        return validateOllama(baseUrl, model, null);
    }

    private ValidationResult validateOllama(String baseUrl, String model, String apiKey) {
        String base = trimSlash(baseUrl == null ? OllamaModelAdapter.DEFAULT_BASE_URL : baseUrl);
        Map<String, String> headers = blank(apiKey) ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
        String version;
        try {
            HttpResponse<String> answer = get(base + "/api/version", headers);
            version = answer.statusCode() == 200 ? json.readTree(answer.body()).path("version").asText("") : "";
        } catch (IOException | InterruptedException e) {
            return unreachable(new Lister("ollama", base, base + "/api/version", headers, apiKey, b -> List.of(),
                    b -> null), e, Duration.ZERO);
        }
        Lister lister = new Lister("ollama", base, base + "/api/tags", headers, apiKey,
                body -> values(body.path("models"), "name", ""), body -> null);
        ValidationResult result = check(lister, model);
        return result.ok() && !version.isEmpty()
                ? new ValidationResult(result.subject(), result.status(), "Ollama " + version + " " + result.detail(),
                        result.latency(), result.models(), result.error())
                : result;
    }

    // ---- a profile ---------------------------------------------------------------------------

    /** Checks a model profile's endpoint, key and model, whatever its provider. */
    public ValidationResult validate(ModelConfig profile, SecretResolver secrets) {
        ModelSpec spec = ModelSpec.parse(profile.spec());
        Optional<String> key = secrets.resolve(profile.apiKey());
        if (profile.apiKey() != null && key.isEmpty()) {
            String subject = spec.provider() + " for " + profile.name();
            return ValidationResult.failed(subject, Duration.ZERO, ErrorResponse.of(ErrorCategory.AUTHENTICATION,
                    "no key: " + profile.apiKey().describe() + " is not set",
                    profile.apiKey().howToSet()));
        }
        String apiKey = key.orElse(null);
        return switch (spec.provider()) {
            case "openai" -> validateOpenAi(apiKey, profile.baseUrl(), spec.model());
            case "gemini" -> validateGemini(apiKey, profile.baseUrl(), spec.model());
            case "anthropic" -> validateClaude(apiKey, profile.baseUrl(), spec.model());
            case "ollama" -> validateOllama(profile.baseUrl(), spec.model(), apiKey);
            default -> ValidationResult.failed(spec.provider(), Duration.ZERO, ErrorResponse.of(
                    ErrorCategory.CONFIGURATION, "provider '" + spec.provider() + "' is not supported",
                    "use openai:, gemini:, ollama: or anthropic:"));
        };
    }

    // ---- the shared check --------------------------------------------------------------------

    private ValidationResult check(Lister lister, String model) {
        String subject = subject(lister);
        ErrorHandler errors = errors(lister);
        List<String> ids = new ArrayList<>();
        long start = System.nanoTime();
        String url = lister.firstUrl();
        try {
            for (int page = 0; url != null && page < MAX_PAGES; page++) {
                HttpResponse<String> answer = get(url, lister.headers());
                if (answer.statusCode() != 200) {
                    return ValidationResult.failed(subject, since(start), errors.handleHttpError(lister.provider(), "",
                            answer.statusCode(), answer.headers().map(), answer.body()));
                }
                JsonNode body;
                try {
                    body = json.readTree(answer.body());
                } catch (IOException notJson) {
                    body = null;
                }
                List<String> listed = body == null ? null : lister.ids().apply(body);
                if (listed == null) {
                    return ValidationResult.failed(subject, since(start), notAModelList(lister));
                }
                ids.addAll(listed);
                url = lister.nextUrl().apply(body);
            }
        } catch (IOException | InterruptedException e) {
            return unreachable(lister, e, since(start));
        }
        return outcome(lister, subject, model, ids, since(start));
    }

    private ValidationResult outcome(Lister lister, String subject, String model, List<String> ids, Duration latency) {
        boolean ollama = "ollama".equals(lister.provider());
        String noun = ollama ? "pulled" : "listed";
        String found = model == null ? null : match(lister.provider(), model, ids);
        if (model != null && found == null && !(ids.isEmpty() && "openai".equals(lister.provider()))) {
            String remedy = ollama ? "pull it: ollama pull " + model
                    : ids.isEmpty() ? "check the key's project and the provider's model access"
                    : "pick one of: " + String.join(", ", ids.stream().sorted().limit(10).toList())
                            + (ids.size() > 10 ? ", …" : "");
            ErrorResponse error = new ErrorResponse(ErrorCategory.NOT_FOUND, false, "model '" + model + "' is not "
                    + (ollama ? "pulled on this Ollama server" : "offered by " + lister.baseUrl()) + " (" + ids.size()
                    + (ids.size() == 1 ? " model " : " models ") + noun + ")", remedy);
            return new ValidationResult(subject, CheckResult.Status.FAIL, error.message(), latency, ids, error);
        }
        StringBuilder detail = new StringBuilder("reachable in " + latency.toMillis() + " ms; " + ids.size()
                + (ids.size() == 1 ? " model " : " models ") + noun);
        if (model != null) {
            detail.append(found == null ? "; the server lists no models, so " + model + " could not be checked"
                    : "; " + model + " available" + (found.equals(model) ? "" : " (as " + found + ")"));
        }
        if (latency.compareTo(SLOW) > 0) {
            ErrorResponse slow = ErrorResponse.of(ErrorCategory.TIMEOUT, "the endpoint answers slowly ("
                    + latency.toMillis() + " ms)", "check the network and proxy; raise timeoutSeconds if runs time out");
            return new ValidationResult(subject, CheckResult.Status.WARN, detail + "; slow", latency, ids, slow);
        }
        return new ValidationResult(subject, CheckResult.Status.OK, detail.toString(), latency, ids, null);
    }

    /** The listed id that serves {@code model}: the same id, an Anthropic snapshot of an alias, Ollama's :latest. */
    private static String match(String provider, String model, List<String> ids) {
        if (ids.contains(model)) {
            return model;
        }
        return switch (provider) {
            case "anthropic" -> ids.stream().filter(id -> id.startsWith(model + "-")).sorted().reduce((a, b) -> b)
                    .orElse(null);
            case "ollama" -> !model.contains(":") && ids.contains(model + ":latest") ? model + ":latest" : null;
            default -> null;
        };
    }

    private ValidationResult unreachable(Lister lister, Exception e, Duration latency) {
        String subject = subject(lister);
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        if (e instanceof HttpTimeoutException) {
            return ValidationResult.failed(subject, latency, ErrorResponse.of(ErrorCategory.TIMEOUT, "no answer from "
                    + lister.baseUrl() + " within " + timeout.toMillis() + " ms", "check the base URL, the proxy"
                    + " settings and that the server is up"));
        }
        if (e instanceof ConnectException) {
            Optional<Proxy> proxy = proxyFor(lister.firstUrl());
            if (proxy.isPresent()) {
                return ValidationResult.failed(subject, latency, ErrorResponse.of(ErrorCategory.NETWORK,
                        "cannot reach the proxy " + proxy.get().address() + " on the way to " + lister.baseUrl(),
                        "check the proxy settings (HTTPS_PROXY, -Dhttps.proxyHost/-Dhttps.proxyPort) or bypass the"
                                + " proxy for this host with -Dhttp.nonProxyHosts"));
            }
            if ("ollama".equals(lister.provider())) {
                return ValidationResult.failed(subject, latency, ErrorResponse.of(ErrorCategory.NETWORK,
                        "Ollama is not running at " + lister.baseUrl() + " (connection refused)",
                        "start it with `ollama serve` (or open the Ollama app); if it runs elsewhere, set the"
                                + " profile's baseUrl"));
            }
        }
        return ValidationResult.failed(subject, latency, errors(lister).handleModelError(lister.provider(), "", e));
    }

    private Optional<Proxy> proxyFor(String url) {
        if (proxies == null) {
            return Optional.empty();
        }
        try {
            return proxies.select(URI.create(url)).stream().filter(p -> p.type() != Proxy.Type.DIRECT).findFirst();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private ErrorResponse notAModelList(Lister lister) {
        String hint = switch (lister.provider()) {
            case "openai" -> "OpenAI-compatible servers usually end in /v1";
            case "gemini" -> "the Gemini API ends in /v1beta";
            case "anthropic" -> "Anthropic's API ends in /v1";
            default -> "Ollama's base URL is the server root, such as http://localhost:11434";
        };
        return new ErrorResponse(ErrorCategory.CONFIGURATION, false, lister.baseUrl() + " answered, but not with a "
                + lister.provider() + " model list", "check the base URL: " + hint);
    }

    private ValidationResult missingKey(String provider, String base, String variable) {
        return ValidationResult.failed(provider + " at " + base, Duration.ZERO, ErrorResponse.of(
                ErrorCategory.AUTHENTICATION, "no API key given for " + provider,
                "export " + variable + " and reference it in the model profile as apiKey: {env: " + variable + "}"));
    }

    private HttpResponse<String> get(String url, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static ErrorHandler errors(Lister lister) {
        return new ErrorHandler(new Redactor(lister.secret() == null ? List.of() : List.of(lister.secret())));
    }

    private static String subject(Lister lister) {
        return lister.provider() + " at " + lister.baseUrl();
    }

    /** Values of {@code field} in each element of {@code array}, without {@code prefix}; null if not a list. */
    private static List<String> values(JsonNode array, String field, String prefix) {
        if (!array.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            String value = item.path(field).asText("");
            if (!value.isEmpty()) {
                out.add(value.startsWith(prefix) ? value.substring(prefix.length()) : value);
            }
        }
        return out;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String trimSlash(String url) {
        String s = url.strip();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
