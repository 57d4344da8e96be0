package dev.querybench.engine.errors;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is logged, stored or shown.
 *
 * <p>Known secret values are replaced verbatim; in addition, common credential shapes
 * (bearer tokens, {@code key=} query parameters, a user and key before a URL's host, provider key
 * prefixes) are masked.
 * Immutable and thread-safe.
 */
public final class Redactor {

    private static final String MASK = "****";
    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}"),
            Pattern.compile("(?i)([?&;](?:key|api[_-]?key|access[_-]?token|password|passwd|pwd|secret|token|auth|sig"
                    + "|signature)=)[^&#\\s\"']+"),
            Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://)[^/?#@\\s\"']+(?=@)"),
            Pattern.compile("(?i)(\"?(?:api[_-]?key|password|secret|authorization)\"?\\s*[:=]\\s*\"?)[^\"\\s,}]{4,}"),
            Pattern.compile("()\\bsk-[A-Za-z0-9_-]{8,}"),
            Pattern.compile("()\\bAIza[0-9A-Za-z_-]{20,}"));

    private final List<String> secrets;

    public Redactor(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        for (Pattern shape : SHAPES) {
            out = shape.matcher(out).replaceAll("$1" + MASK);
        }
        return out;
    }
}
