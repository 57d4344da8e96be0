package dev.querybench.engine.tracing.langfuse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A Langfuse server and the project keys to use it. The secret key is only ever turned into an
 * {@code Authorization} header; {@link #toString} never shows it. Immutable.
 *
 * @param host base URL, such as {@code http://localhost:3000} (no trailing slash needed)
 * @param publicKey the project's public key ({@code pk-lf-…}), the Basic-auth user name
 * @param secretKey the project's secret key ({@code sk-lf-…}), the Basic-auth password
 */
public record LangfuseEndpoint(URI host, String publicKey, String secretKey) {

    public LangfuseEndpoint {
        Objects.requireNonNull(host, "host");
        String text = host.toString();
        if (!text.startsWith("http://") && !text.startsWith("https://")) {
            throw new IllegalArgumentException("the Langfuse host must be an http:// or https:// URL, not " + text);
        }
        host = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    public static LangfuseEndpoint of(String host, String publicKey, String secretKey) {
        return new LangfuseEndpoint(URI.create(host.trim()), publicKey, secretKey);
    }

    public boolean hasKeys() {
        return publicKey != null && !publicKey.isBlank() && secretKey != null && !secretKey.isBlank();
    }

    /** The Basic-auth header value. */
    String authorization() {
        return "Basic " + Base64.getEncoder()
                .encodeToString((publicKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8));
    }

    URI resolve(String pathAndQuery) {
        return URI.create(host + pathAndQuery);
    }

    @Override
    public String toString() {
        return "LangfuseEndpoint[host=" + host + ", publicKey=" + publicKey + ", secretKey=****]";
    }
}
