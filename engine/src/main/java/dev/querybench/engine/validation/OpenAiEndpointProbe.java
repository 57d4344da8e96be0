package dev.querybench.engine.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.errors.Redactor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cheapest real call to an OpenAI-compatible endpoint: list its models, and check the key
 * and that the chosen model exists. Thread-safe.
 */
public final class OpenAiEndpointProbe {

    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    public OpenAiEndpointProbe(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The most specific message in the cause chain; a refused connection often carries none. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    public CheckResult check(String name, String baseUrl, String apiKey, String model) {
        String url = (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/models";
        Redactor redactor = new Redactor(apiKey == null ? List.of() : List.of(apiKey));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            return CheckResult.fail(name, "no answer from " + url + " within " + timeout.toSeconds() + " s",
                    "check the base URL, proxy settings and that the server is up");
        } catch (IOException e) {
            return CheckResult.fail(name, "cannot reach " + url + ": " + redactor.redact(describe(e)),
                    "check the base URL and that the server is running");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail(name, "interrupted", "run the check again");
        }
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            return CheckResult.fail(name, "the endpoint refused the key (HTTP " + status + ")",
                    "check the key in the model profile's environment variable");
        }
        if (status != 200) {
            return CheckResult.fail(name, "HTTP " + status + " from " + url, "check the base URL");
        }
        List<String> ids = new ArrayList<>();
        try {
            JsonNode data = json.readTree(response.body()).path("data");
            data.forEach(m -> ids.add(m.path("id").asText()));
        } catch (IOException e) {
            return CheckResult.fail(name, url + " did not answer with a model list",
                    "check that the base URL points at an OpenAI-compatible API (it usually ends in /v1)");
        }
        if (model != null && !ids.isEmpty() && !ids.contains(model)) {
            return CheckResult.fail(name, "model '" + model + "' is not offered by " + url + " (" + ids.size()
                    + " models listed)", "pick one of: " + String.join(", ", ids.stream().limit(10).toList()));
        }
        return CheckResult.ok(name, "reachable in " + ms + " ms; " + ids.size() + " models listed"
                + (model == null ? "" : "; " + model + " available"));
    }
}
