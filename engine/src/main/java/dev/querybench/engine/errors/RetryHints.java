package dev.querybench.engine.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a provider asked us to wait before trying again, read from its error answer: the
 * {@code retry-after-ms} and {@code Retry-After} headers, Gemini's {@code google.rpc.RetryInfo},
 * the rate-limit reset headers of OpenAI and Anthropic, and OpenAI's "try again in 20ms" message.
 * {@link ErrorHandler} attaches the wait to the {@link ErrorResponse} it builds. Immutable and
 * thread-safe.
 */
final class RetryHints {

    private static final Pattern TRY_AGAIN_IN = Pattern.compile("(?i)try again in ([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s)\\b");
    private static final Pattern DURATION_SECONDS = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)s");

    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    RetryHints(Clock clock) {
        this.clock = clock;
    }

    /**
     * The wait a provider asked for, from {@code retry-after-ms}, {@code Retry-After} (seconds or
     * an HTTP date), Gemini's {@code RetryInfo.retryDelay} or an OpenAI "try again in" message.
     */
    Optional<Duration> retryHint(Map<String, List<String>> headers, String body) {
        Map<String, List<String>> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            named.putAll(headers);
        }
        Optional<Duration> header = first(named, "retry-after-ms").flatMap(RetryHints::millis)
                .or(() -> first(named, "retry-after").flatMap(this::retryAfter));
        return header.or(() -> retryInfo(body)).or(() -> rateLimitReset(named)).or(() -> tryAgainIn(body));
    }

    /** The rate-limit families whose exhaustion the providers' headers report. */
    private static final List<String> LIMITS = List.of("requests", "tokens", "input-tokens", "output-tokens");

    /**
     * The longest reset among the provider's exhausted limits: OpenAI's
     * {@code x-ratelimit-remaining-*} / {@code x-ratelimit-reset-*} ({@code 1s}, {@code 6m0s},
     * {@code 20ms}) and Anthropic's {@code anthropic-ratelimit-*-remaining} /
     * {@code anthropic-ratelimit-*-reset} (an RFC 3339 instant). A limit with remaining
     * capacity does not count; when none says it is exhausted, nothing is hinted.
     */
    Optional<Duration> rateLimitReset(Map<String, List<String>> headers) {
        Map<String, List<String>> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            named.putAll(headers);
        }
        Duration longest = null;
        for (String limit : LIMITS) {
            Optional<Duration> openAi = exhausted(named, "x-ratelimit-remaining-" + limit)
                    ? first(named, "x-ratelimit-reset-" + limit).flatMap(RetryHints::goDuration) : Optional.empty();
            Optional<Duration> anthropic = exhausted(named, "anthropic-ratelimit-" + limit + "-remaining")
                    ? first(named, "anthropic-ratelimit-" + limit + "-reset").flatMap(this::untilInstant)
                    : Optional.empty();
            for (Optional<Duration> d : List.of(openAi, anthropic)) {
                if (d.isPresent() && (longest == null || d.get().compareTo(longest) > 0)) {
                    longest = d.get();
                }
            }
        }
        return Optional.ofNullable(longest);
    }

    private static boolean exhausted(Map<String, List<String>> headers, String remaining) {
        return first(headers, remaining).map(v -> {
            try {
                return Double.parseDouble(v) <= 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }).orElse(false);
    }

    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    /** A duration as OpenAI writes it: {@code 1s}, {@code 6m0s}, {@code 1h2m3.5s}, {@code 20ms}. */
    static Optional<Duration> goDuration(String value) {
        Matcher m = GO_DURATION_PART.matcher(value);
        long millis = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return Optional.empty();
            }
            BigDecimal amount = new BigDecimal(m.group(1));
            BigDecimal unit = switch (m.group(2)) {
                case "h" -> BigDecimal.valueOf(3_600_000);
                case "m" -> BigDecimal.valueOf(60_000);
                case "s" -> BigDecimal.valueOf(1_000);
                default -> BigDecimal.ONE;
            };
            millis += amount.multiply(unit).setScale(0, RoundingMode.CEILING).longValue();
            end = m.end();
        }
        return end == 0 || end != value.length() ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    private Optional<Duration> untilInstant(String value) {
        try {
            Duration wait = Duration.between(clock.instant(), OffsetDateTime.parse(value).toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst().strip());
    }

    private static Optional<Duration> millis(String value) {
        try {
            return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(value))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<Duration> retryAfter(String value) {
        try {
            return Optional.of(seconds(new BigDecimal(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private Optional<Duration> retryInfo(String body) {
        if (body == null || !body.contains("RetryInfo")) {
            return Optional.empty();
        }
        try {
            for (JsonNode detail : json.readTree(body).path("error").path("details")) {
                if (detail.path("@type").asText().endsWith("google.rpc.RetryInfo")) {
                    Matcher m = DURATION_SECONDS.matcher(detail.path("retryDelay").asText());
                    if (m.matches()) {
                        return Optional.of(seconds(new BigDecimal(m.group(1))));
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Duration> tryAgainIn(String body) {
        Matcher m = body == null ? null : TRY_AGAIN_IN.matcher(body);
        if (m == null || !m.find()) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        return Optional.of("ms".equalsIgnoreCase(m.group(2)) ? Duration.ofMillis(amount.longValue()) : seconds(amount));
    }

    private static Duration seconds(BigDecimal seconds) {
        return Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact());
    }
}
