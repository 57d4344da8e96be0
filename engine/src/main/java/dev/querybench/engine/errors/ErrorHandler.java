package dev.querybench.engine.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * The one place where failures of model providers become {@link ErrorResponse}s a user can act
 * on: authentication, permission, not found, rate limit, quota, timeout, network (refused,
 * unknown host, TLS, proxy, reset), server and overload, bad request and context too long,
 * content filter, and malformed answers. Each carries whether trying again may help and, when
 * the provider said how long to wait ({@code retry-after-ms}, {@code Retry-After} in seconds or
 * as a date, Gemini's {@code google.rpc.RetryInfo}, OpenAI's "try again in 20ms"), that wait.
 * Exhausted quotas are told apart from rate limits: OpenAI's {@code insufficient_quota},
 * Gemini's per-day quota ids, Anthropic's low credit balance.
 *
 * <p>Adapters and endpoint validators both use it, so a failure reads the same wherever it is
 * met. Messages are redacted. Immutable and thread-safe.
 */
public final class ErrorHandler {

    private static final String KEY_REMEDY = "check the key in the environment variable the model profile's apiKey"
            + " names, and that it is a key for this provider";
    private static final List<String> QUOTA_SIGNALS = List.of("insufficient_quota", "perday", "credit balance",
            "usage limit", "billing_hard_limit");
    private static final List<String> CONTEXT_SIGNALS = List.of("context_length_exceeded", "maximum context length",
            "prompt is too long", "exceeds the maximum number of tokens", "exceeds the context length",
            "input length exceeds");
    private static final List<String> FILTER_SIGNALS = List.of("content_policy_violation", "content_filter",
            "content filter", "safety system");

    private final Redactor redactor;
    private final Clock clock;
    private final RetryHints hints;
    private final String keySource;
    private final Map<String, ProviderAdvice> advice;
    private final ObjectMapper json = new ObjectMapper();

    public ErrorHandler(Redactor redactor, Clock clock) {
        this(redactor, clock, null, Map.of());
    }

    private ErrorHandler(Redactor redactor, Clock clock, String keySource, Map<String, ProviderAdvice> advice) {
        this.redactor = redactor;
        this.clock = clock;
        this.advice = advice;
        this.hints = new RetryHints(clock);
        this.keySource = keySource;
    }

    /**
     * The same handler, naming where the profile's key is read from (such as {@code environment
     * variable OPENAI_API_KEY}) when a provider refuses it.
     */
    public ErrorHandler withKeySource(String source) {
        return new ErrorHandler(redactor, clock, source == null || source.isBlank() ? null : source, advice);
    }

    /** The same handler, whose remedies follow each given provider's conventions (key variable, local server). */
    public ErrorHandler withAdvice(java.util.Collection<? extends ProviderAdvice> providers) {
        Map<String, ProviderAdvice> byId = new java.util.HashMap<>();
        providers.forEach(p -> byId.put(p.id(), p));
        return new ErrorHandler(redactor, clock, keySource, Map.copyOf(byId));
    }

    private java.util.Optional<ProviderAdvice> advice(String provider) {
        return java.util.Optional.ofNullable(provider == null ? null : advice.get(provider));
    }

    private String keyRemedy(String provider) {
        String variable = advice(provider).flatMap(a -> a.keyVariable(null)).orElse(null);
        if (keySource != null) {
            return "the key comes from the " + keySource + ": check that it holds a current " + provider
                    + " key (no spaces or quotes around it), then run again";
        }
        return variable == null ? KEY_REMEDY : KEY_REMEDY + " (usually " + variable + ", referenced as apiKey: {env: "
                + variable + "})";
    }

    public ErrorHandler(Redactor redactor) {
        this(redactor, Clock.systemUTC());
    }

    /**
     * Explains a failed model call, whatever langchain4j or the HTTP client threw.
     *
     * @param provider the provider id, as {@code openai}
     * @param model the model as configured
     */
    public ErrorResponse handleModelError(String provider, String model, Throwable error) {
        String who = who(provider, model);
        ProviderHttpException withHeaders = find(error, ProviderHttpException.class);
        if (withHeaders != null) {
            return handleHttpError(provider, model, withHeaders.statusCode(), withHeaders.headers(), withHeaders.body());
        }
        HttpException http = find(error, HttpException.class);
        if (http != null) {
            return handleHttpError(provider, model, http.statusCode(), Map.of(), String.valueOf(http.getMessage()));
        }
        if (find(error, ContentFilteredException.class) != null) {
            return contentFiltered(provider, model);
        }
        return fromCause(provider, who, error);
    }

    /**
     * Explains an error answer: the provider's status, headers and body.
     *
     * @param provider the provider id
     * @param model the model as configured (may be empty for calls about no model, such as listing models)
     */
    public ErrorResponse handleHttpError(String provider, String model, int status, Map<String, List<String>> headers,
            String body) {
        String who = who(provider, model);
        String text = body == null ? "" : body;
        String lower = text.toLowerCase(Locale.ROOT);
        String detail = redactor.redact(providerMessage(text));
        Duration hint = hints.retryHint(headers, text).orElse(null);
        if (status == 401 || (status == 400 && lower.contains("api_key_invalid"))
                || (status == 403 && lower.contains("unregistered callers"))) {
            return ErrorResponse.of(ErrorCategory.AUTHENTICATION, who + ": the provider refused the API key (" + detail
                    + ")", keyRemedy(provider));
        }
        if (status == 403) {
            return ErrorResponse.of(ErrorCategory.PERMISSION, who + ": the key is valid but may not use this model ("
                    + detail + ")", "check the key's project and model access in the provider's console, or pick"
                    + " another model");
        }
        if (status == 404) {
            return notFound(provider, model, who, lower, detail);
        }
        if (status == 407) {
            return new ErrorResponse(ErrorCategory.NETWORK, false, who + ": the proxy asks for credentials (HTTP 407)",
                    "give the proxy's user and password (-Dhttps.proxyUser, -Dhttps.proxyPassword and"
                            + " -Djdk.http.auth.tunneling.disabledSchemes=), or bypass it for this host with"
                            + " -Dhttp.nonProxyHosts");
        }
        if (status == 408) {
            return ErrorResponse.of(ErrorCategory.TIMEOUT, who + ": the provider timed out the request",
                    "try again; raise timeoutSeconds in the model profile if it repeats").withRetryAfter(hint);
        }
        return limitOrRefusal(provider, model, status, lower, detail, hint);
    }

    /** Quota, rate limit, a too long prompt, the content filter, an overloaded or failing server, or a refusal. */
    private ErrorResponse limitOrRefusal(String provider, String model, int status, String lower, String detail,
            Duration hint) {
        String who = who(provider, model);
        if (containsAny(lower, QUOTA_SIGNALS) && (status == 429 || status == 400 || status == 402)) {
            return ErrorResponse.of(ErrorCategory.QUOTA, who + ": the account's quota or credit is used up (" + detail
                    + ")", "add credit or raise the quota in the provider's console, then continue with querybench"
                    + " run --resume; a fallback model takes over meanwhile if the profile names one")
                    .withRetryAfter(hint);
        }
        if (status == 429) {
            return rateLimited(provider, who, detail, hint);
        }
        if (status == 413 || containsAny(lower, CONTEXT_SIGNALS)) {
            return new ErrorResponse(ErrorCategory.INVALID_INPUT, false, who + ": the prompt is longer than the model's"
                    + " context window (" + detail + ")", "shorten the prompt: use a shorter prompt variant (one without sample rows,"
                    + " or with schema_compact instead of schema; pick it with --variants) or a model with a longer"
                    + " context (--model, or another profile in run.models)");
        }
        if (containsAny(lower, FILTER_SIGNALS) && status >= 400 && status < 500) {
            return contentFiltered(provider, model);
        }
        if (status == 503 || status == 529) {
            return ErrorResponse.of(ErrorCategory.SERVER, who + ": the provider is overloaded or unavailable (HTTP "
                    + status + ": " + detail + ")", "QueryBench waits and retries; if it persists, resume the run"
                    + " later: finished items are kept").withRetryAfter(hint);
        }
        if (status >= 500) {
            return ErrorResponse.of(ErrorCategory.SERVER, who + ": the provider failed (HTTP " + status + ": " + detail
                    + ")", "QueryBench retries; if it persists, resume the run later: finished items are kept")
                    .withRetryAfter(hint);
        }
        return new ErrorResponse(ErrorCategory.INVALID_INPUT, false, who + ": the provider refused the request (HTTP "
                + status + ": " + detail + ")", "check the model profile's parameters (temperature, maxTokens) and"
                + " base URL");
    }

    private static ErrorResponse rateLimited(String provider, String who, String detail, Duration hint) {
        return ErrorResponse.of(ErrorCategory.RATE_LIMIT, who + ": rate limited by the provider (" + detail
                + (hint == null ? "" : "; it asks to wait " + hint.toSeconds() + " s") + ")",
                "QueryBench waits and retries; if it persists, lower run.concurrency or set a rate limit for "
                        + provider + " under resilience.rateLimits" + (hint == null ? "" : "; a wait longer than"
                        + " resilience.retry.maxRetryAfterMillis is not waited for: raise that setting, or name"
                        + " fallback models in the profile (fallback: [...]) to take over meanwhile"))
                .withRetryAfter(hint);
    }

    /** An answer the provider's safety system withheld (the call itself succeeded). */
    public ErrorResponse contentFiltered(String provider, String model) {
        return ErrorResponse.of(ErrorCategory.CONTENT_FILTER, who(provider, model) + ": the provider's safety filter withheld the answer", "rephrase the prompt variant or the"
                + " question; the item is recorded as an error, not as a wrong answer");
    }

    private static String who(String provider, String model) {
        return model == null || model.isBlank() ? provider : provider + ":" + model;
    }

    private ErrorResponse notFound(String provider, String model, String who, String lower, String detail) {
        boolean aboutModel = model != null && !model.isBlank()
                && (lower.contains(model.toLowerCase(Locale.ROOT)) || lower.contains("model"));
        if (!aboutModel) {
            return new ErrorResponse(ErrorCategory.NOT_FOUND, false, who + ": nothing answers at this path of the base"
                    + " URL (HTTP 404: " + detail + ")", "check baseUrl: OpenAI-compatible servers usually end in /v1,"
                    + " Gemini in /v1beta, Anthropic in /v1, and Ollama is the server root");
        }
        String remedy = advice(provider).flatMap(a -> a.unknownModelFix(model))
                .orElse("check the model name; querybench validate models lists the models this key can use");
        return ErrorResponse.of(ErrorCategory.NOT_FOUND, who + ": the provider does not know this model (" + detail
                + ")", remedy);
    }

    private ErrorResponse fromCause(String provider, String who, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String detail = redactor.redact(String.valueOf(t.getMessage()));
            switch (t) {
                case InterruptedException e -> {
                    return new ErrorResponse(ErrorCategory.INTERNAL, false, who + ": the call was interrupted",
                            "the run was cancelled; resume it to finish the remaining items");
                }
                case HttpTimeoutException _, SocketTimeoutException _, dev.langchain4j.exception.TimeoutException _ -> {
                    return timeout(who);
                }
                case SSLException e -> {
                    return new ErrorResponse(ErrorCategory.NETWORK, false, who + ": the TLS connection failed ("
                            + detail + ")", "check that the base URL's scheme (http or https) matches the server; if a"
                            + " company proxy inspects HTTPS, add its certificate to the JDK trust store (keytool"
                            + " -importcert) or start with -Djavax.net.ssl.trustStore=<file>");
                }
                case ConnectException e -> {
                    return ErrorResponse.of(ErrorCategory.NETWORK, who + ": nothing answers at the endpoint (connection"
                            + " refused)", advice(provider).flatMap(ProviderAdvice::unreachableFix).orElse(
                            "check that the server is running and that the base URL and proxy settings are right"));
                }
                case UnknownHostException _, UnresolvedAddressException _, UnresolvedModelServerException _ -> {
                    return unknownHost(who, detail);
                }
                case JsonProcessingException e -> {
                    return ErrorResponse.of(ErrorCategory.MALFORMED_ANSWER, who + ": the answer could not be read (not"
                            + " valid JSON from the provider)", "usually passing: QueryBench retries; if it repeats,"
                            + " check that the base URL points at the " + provider + " API and not at a proxy or web"
                            + " page");
                }
                case InterruptedIOException e -> {
                    return timeout(who);
                }
                case IOException e -> {
                    return ErrorResponse.of(ErrorCategory.NETWORK, who + ": the connection broke before an answer"
                            + " arrived (" + detail + ")", "QueryBench retries; if it repeats, check the network and"
                            + " proxy");
                }
                default -> {
                    // look further down the cause chain
                }
            }
        }
        return ErrorResponse.of(ErrorCategory.INTERNAL, who + ": " + redactor.redact(String.valueOf(error.getMessage())),
                "see the details; report it if it repeats");
    }

    private static ErrorResponse timeout(String who) {
        return ErrorResponse.of(ErrorCategory.TIMEOUT, who + ": no answer within the timeout",
                "QueryBench retries; raise timeoutSeconds in the model profile if it repeats");
    }

    private static ErrorResponse unknownHost(String who, String detail) {
        return ErrorResponse.of(ErrorCategory.NETWORK, who + ": cannot resolve the server's host name (" + detail + ")",
                "check the base URL, the DNS and the proxy settings (HTTPS_PROXY, -Dhttps.proxyHost)");
    }

    /** The provider's own error message from its JSON body, or the start of the body. */
    private String providerMessage(String body) {
        try {
            JsonNode root = json.readTree(body);
            JsonNode error = root.path("error");
            String message = error.isTextual() ? error.asText()
                    : error.path("message").isTextual() ? error.path("message").asText()
                    : root.path("message").isTextual() ? root.path("message").asText() : null;
            if (message != null) {
                return message.replaceAll("\\s+", " ").strip();
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the raw body
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    private static boolean containsAny(String text, List<String> signals) {
        return signals.stream().anyMatch(text::contains);
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
