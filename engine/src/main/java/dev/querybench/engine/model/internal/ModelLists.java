package dev.querybench.engine.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers the vendors' {@code ModelCatalog}s share. Stateless. */
public final class ModelLists {

    private ModelLists() {}

    /** Values of {@code field} in each element of {@code array}, without {@code prefix}; null if not a list. */
    public static List<String> values(JsonNode array, String field, String prefix) {
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

    /** {@code url} without surrounding blanks and a trailing slash. */
    public static String trimSlash(String url) {
        String s = url.strip();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** {@code value} encoded for a query parameter. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** An {@code Authorization: Bearer} header, or none for a blank key. */
    public static Map<String, String> bearer(String apiKey) {
        return apiKey == null || apiKey.isBlank() ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
    }
}
