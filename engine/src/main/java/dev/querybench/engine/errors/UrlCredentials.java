package dev.querybench.engine.errors;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds credentials written into a URL: a user and password or key before the host
 * ({@code http://user:KEY@host/v1}) or a key-like query parameter ({@code ?key=}, {@code api_key=},
 * {@code token=} …). Such URLs end up in messages, reports and caches, so QueryBench refuses them
 * in settings and masks them wherever text is shown. Stateless.
 */
public final class UrlCredentials {

    private static final Pattern USERINFO = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://([^/?#@\\s]+)@");
    private static final Pattern KEY_PARAMETER = Pattern.compile(
            "(?i)[?&;]((?:api[_-]?key|key|access[_-]?token|token|secret|password|passwd|pwd|auth|sig|signature)"
                    + ")=[^&#\\s]");

    private UrlCredentials() {
    }

    /** What credential the URL holds, in words ("a user and key before the host"), or empty. */
    public static Optional<String> find(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String u = url.strip();
        if (USERINFO.matcher(u).find()) {
            return Optional.of("a user name or key before the host (user:KEY@)");
        }
        Matcher m = KEY_PARAMETER.matcher(u);
        if (m.find()) {
            return Optional.of("a '" + m.group(1) + "=' parameter");
        }
        return Optional.empty();
    }
}
