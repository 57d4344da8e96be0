package dev.querybench.engine.errors;

import dev.langchain4j.exception.HttpException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A provider answered with an error status. Unlike langchain4j's {@link HttpException} it keeps
 * the response headers, where providers put their retry hints ({@code Retry-After},
 * {@code retry-after-ms}), so {@link ErrorHandler} can honour them. Header names are matched
 * without regard to case.
 */
public final class ProviderHttpException extends HttpException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, List<String>> headers;
    private final String body;

    public ProviderHttpException(int statusCode, Map<String, List<String>> headers, String body) {
        super(statusCode, body == null ? "" : body);
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        }
        this.headers = copy;
        this.body = body == null ? "" : body;
    }

    /** Response headers; names compare case-insensitively. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    public String body() {
        return body;
    }
}
