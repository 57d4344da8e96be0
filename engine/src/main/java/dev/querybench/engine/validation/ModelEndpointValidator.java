package dev.querybench.engine.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorHandler;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.Redactor;
import dev.querybench.engine.model.ModelCatalog;
import dev.querybench.engine.model.ModelProvider;
import dev.querybench.engine.model.ModelProviders;
import dev.querybench.engine.model.ModelSpec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
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

/**
 * Pre-flight checks of model endpoints with the cheapest real call each provider offers: list
 * the models, as the provider's {@link ModelCatalog} says (URLs, headers, paging, alias
 * resolution, hints), so this class names no provider. A check finds out whether the endpoint answers (and how fast), whether the key is
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
    /** Made on the first check: building a client sets up TLS, which a start that checks nothing need not wait for. */
    private HttpClient http;
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
    }

    private synchronized HttpClient http() {
        if (http == null) {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
                    .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NORMAL);
            if (proxies != null) {
                builder.proxy(proxies);
            }
            http = builder.build();
        }
        return http;
    }

    /**
     * Checks one provider's endpoint: that it answers, accepts the key and offers {@code model}.
     *
     * @param provider a registered provider id, such as {@code openai}
     * @param apiKey the key, or null for an endpoint that needs none
     * @param baseUrl the endpoint, or null for the provider's own
     * @param model a model that must be offered, or null
     */
    public ValidationResult validate(String provider, String apiKey, String baseUrl, String model) {
        Optional<ModelProvider> found = ModelProviders.find(provider);
        if (found.isEmpty()) {
            return ValidationResult.failed(provider, Duration.ZERO, ErrorResponse.of(ErrorCategory.CONFIGURATION,
                    "provider '" + provider + "' is not supported",
                    "use one of " + String.join(":, ", ModelProviders.ids()) + ":"));
        }
        ModelCatalog catalog = found.get().catalog(baseUrl, blank(apiKey) ? null : apiKey);
        Optional<String> variable = found.get().keyVariable(baseUrl);
        if (variable.isPresent() && blank(apiKey)) {
            return missingKey(provider, catalog.baseUrl(), variable.get());
        }
        Endpoint endpoint = new Endpoint(provider, catalog, blank(apiKey) ? null : apiKey);
        String version = "";
        if (catalog.versionUrl().isPresent()) {
            String url = catalog.versionUrl().get();
            try {
                HttpResponse<String> answer = get(url, catalog.headers());
                version = answer.statusCode() == 200 ? catalog.versionLabel(json.readTree(answer.body())) : "";
            } catch (IOException | InterruptedException e) {
                return unreachable(endpoint, url, e, Duration.ZERO);
            }
        }
        ValidationResult result = check(endpoint, model);
        return result.ok() && !version.isEmpty()
                ? new ValidationResult(result.subject(), result.status(), version + " " + result.detail(),
                        result.latency(), result.models(), result.error())
                : result;
    }

    /** One provider's catalog and the key to keep out of messages. */
    private record Endpoint(String provider, ModelCatalog catalog, String secret) {

        String subject() {
            return provider + " at " + catalog.baseUrl();
        }

        ErrorHandler errors() {
            return new ErrorHandler(new Redactor(secret == null ? List.of() : List.of(secret)))
                    .withAdvice(ModelProviders.all());
        }
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
        return validate(spec.provider(), key.orElse(null), profile.baseUrl(), spec.model());
    }

    // ---- the shared check --------------------------------------------------------------------

    private ValidationResult check(Endpoint endpoint, String model) {
        ModelCatalog catalog = endpoint.catalog();
        List<String> ids = new ArrayList<>();
        long start = System.nanoTime();
        String url = catalog.firstPage();
        try {
            for (int page = 0; url != null && page < MAX_PAGES; page++) {
                HttpResponse<String> answer = get(url, catalog.headers());
                if (answer.statusCode() != 200) {
                    return ValidationResult.failed(endpoint.subject(), since(start), endpoint.errors().handleHttpError(
                            endpoint.provider(), "", answer.statusCode(), answer.headers().map(), answer.body()));
                }
                JsonNode body;
                try {
                    body = json.readTree(answer.body());
                } catch (IOException notJson) {
                    body = null;
                }
                List<String> listed = body == null ? null : catalog.ids(body);
                if (listed == null) {
                    return ValidationResult.failed(endpoint.subject(), since(start), notAModelList(endpoint));
                }
                ids.addAll(listed);
                url = catalog.nextPage(body);
            }
        } catch (IOException | InterruptedException e) {
            return unreachable(endpoint, catalog.firstPage(), e, since(start));
        }
        return outcome(endpoint, model, ids, since(start));
    }

    private ValidationResult outcome(Endpoint endpoint, String model, List<String> ids, Duration latency) {
        ModelCatalog catalog = endpoint.catalog();
        String noun = catalog.listedVerb();
        String found = model == null ? null : catalog.match(model, ids);
        if (model != null && found == null && !(ids.isEmpty() && catalog.emptyListIsUnchecked())) {
            String remedy = catalog.missingRemedy(model).orElseGet(() -> ids.isEmpty()
                    ? "check the key's project and the provider's model access"
                    : "pick one of: " + String.join(", ", ids.stream().sorted().limit(10).toList())
                            + (ids.size() > 10 ? ", …" : ""));
            ErrorResponse error = new ErrorResponse(ErrorCategory.NOT_FOUND, false, "model '" + model + "' is not "
                    + catalog.missingPhrase() + " (" + ids.size() + (ids.size() == 1 ? " model " : " models ")
                    + noun + ")", remedy);
            return new ValidationResult(endpoint.subject(), CheckResult.Status.FAIL, error.message(), latency, ids,
                    error);
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
            return new ValidationResult(endpoint.subject(), CheckResult.Status.WARN, detail + "; slow", latency, ids,
                    slow);
        }
        return new ValidationResult(endpoint.subject(), CheckResult.Status.OK, detail.toString(), latency, ids, null);
    }

    private ValidationResult unreachable(Endpoint endpoint, String url, Exception e, Duration latency) {
        String subject = endpoint.subject();
        String base = endpoint.catalog().baseUrl();
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        if (e instanceof HttpTimeoutException) {
            return ValidationResult.failed(subject, latency, ErrorResponse.of(ErrorCategory.TIMEOUT, "no answer from "
                    + base + " within " + timeout.toMillis() + " ms", "check the base URL, the proxy"
                    + " settings and that the server is up"));
        }
        if (e instanceof ConnectException) {
            Optional<Proxy> proxy = proxyFor(url);
            if (proxy.isPresent()) {
                return ValidationResult.failed(subject, latency, ErrorResponse.of(ErrorCategory.NETWORK,
                        "cannot reach the proxy " + proxy.get().address() + " on the way to " + base,
                        "check the proxy settings (HTTPS_PROXY, -Dhttps.proxyHost/-Dhttps.proxyPort) or bypass the"
                                + " proxy for this host with -Dhttp.nonProxyHosts"));
            }
            Optional<ErrorResponse> refused = endpoint.catalog().refused();
            if (refused.isPresent()) {
                return ValidationResult.failed(subject, latency, refused.get());
            }
        }
        return ValidationResult.failed(subject, latency, endpoint.errors().handleModelError(endpoint.provider(), "", e));
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

    private static ErrorResponse notAModelList(Endpoint endpoint) {
        return new ErrorResponse(ErrorCategory.CONFIGURATION, false, endpoint.catalog().baseUrl()
                + " answered, but not with a " + endpoint.provider() + " model list",
                "check the base URL: " + endpoint.catalog().baseUrlHint());
    }

    private ValidationResult missingKey(String provider, String base, String variable) {
        return ValidationResult.failed(provider + " at " + base, Duration.ZERO, ErrorResponse.of(
                ErrorCategory.AUTHENTICATION, "no API key given for " + provider,
                "export " + variable + " and reference it in the model profile as apiKey: {env: " + variable + "}"));
    }

    private HttpResponse<String> get(String url, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        headers.forEach(request::header);
        return http().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
