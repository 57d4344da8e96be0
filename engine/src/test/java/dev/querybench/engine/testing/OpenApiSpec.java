package dev.querybench.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Langfuse's public API specification (OpenAPI 3.0), used to check requests and answers.
 *
 * <p>The spec is {@code shared/reference/langfuse-openapi.yml}, found by walking up from the
 * working directory (the worktree or CI clone has {@code shared/} beside it); when it is not there,
 * the copy in test resources ({@code dev/querybench/engine/testing/langfuse-openapi.yml}, MIT,
 * see the NOTICE beside it) is used.
 *
 * <p>What is checked: the path and method exist; required and typed query parameters; the JSON
 * body against its schema — {@code $ref}, {@code type}, {@code nullable}, {@code required},
 * {@code enum}, {@code format: date-time}, {@code properties}, {@code additionalProperties},
 * {@code items}, {@code allOf} and {@code oneOf}. Request bodies are checked strictly: a property
 * the schema does not declare is an error (it catches misspelt fields, which Langfuse would drop).
 * {@code oneOf} passes when at least one alternative matches, because Fern's generated unions
 * overlap (an integer is both {@code integer} and {@code number} in {@code MapValue}). Immutable
 * and thread-safe.
 */
public final class OpenApiSpec {

    static final String SHARED_PATH = "shared/reference/langfuse-openapi.yml";
    static final String RESOURCE = "/dev/querybench/engine/testing/langfuse-openapi.yml";

    private final JsonNode root;
    private final List<PathTemplate> paths;
    private final String origin;

    private record PathTemplate(String template, Pattern pattern, int params) {}

    private OpenApiSpec(JsonNode root, String origin) {
        this.root = root;
        this.origin = origin;
        List<PathTemplate> list = new ArrayList<>();
        root.path("paths").fieldNames().forEachRemaining(p -> {
            String regex = "^" + Pattern.quote(p).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "$";
            list.add(new PathTemplate(p, Pattern.compile(regex), p.split("\\{", -1).length - 1));
        });
        list.sort(Comparator.comparingInt(PathTemplate::params));
        this.paths = List.copyOf(list);
    }

    /** Where the spec was loaded from. */
    public String origin() {
        return origin;
    }

    /** Loads the Langfuse spec from {@code shared/reference}, or the test-resource copy. */
    public static OpenApiSpec langfuse() {
        Optional<Path> shared = locateShared(Path.of("").toAbsolutePath());
        try {
            if (shared.isPresent()) {
                try (InputStream in = Files.newInputStream(shared.get())) {
                    return parse(in, shared.get().toString());
                }
            }
            try (InputStream in = OpenApiSpec.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("no " + SHARED_PATH + " above " + Path.of("").toAbsolutePath()
                            + " and no copy at " + RESOURCE);
                }
                return parse(in, "classpath:" + RESOURCE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Path> locateShared(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SHARED_PATH);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static OpenApiSpec parse(InputStream in, String origin) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10_000);
        options.setCodePointLimit(64 * 1024 * 1024);
        Object tree = new Yaml(new SafeConstructor(options)).load(in);
        return new OpenApiSpec(new ObjectMapper().valueToTree(tree), origin);
    }

    /** The spec path template matching a concrete path, if any. */
    public Optional<String> template(String path) {
        return paths.stream().filter(t -> t.pattern().matcher(path).matches()).map(PathTemplate::template).findFirst();
    }

    /** Problems of a request; empty when it is what the spec asks for. */
    public List<String> checkRequest(String method, String path, String rawQuery, JsonNode body) {
        List<String> errors = new ArrayList<>();
        String where = method + " " + path;
        Optional<String> template = template(path);
        if (template.isEmpty()) {
            errors.add(where + ": no such path in the Langfuse API");
            return errors;
        }
        JsonNode operation = root.path("paths").path(template.get()).path(method.toLowerCase());
        if (operation.isMissingNode()) {
            errors.add(where + ": " + template.get() + " has no " + method);
            return errors;
        }
        Map<String, String> query = parseQuery(rawQuery);
        Set<String> known = new LinkedHashSet<>();
        for (JsonNode p : operation.path("parameters")) {
            if (!"query".equals(p.path("in").asText())) {
                continue;
            }
            String name = p.path("name").asText();
            known.add(name);
            String value = query.get(name);
            if (value == null) {
                if (p.path("required").asBoolean()) {
                    errors.add(where + ": query parameter '" + name + "' is required");
                }
                continue;
            }
            String type = deref(p.path("schema")).path("type").asText();
            if ("integer".equals(type) && !value.matches("-?\\d+")) {
                errors.add(where + ": query parameter '" + name + "' must be an integer, not '" + value + "'");
            } else if ("boolean".equals(type) && !value.matches("true|false")) {
                errors.add(where + ": query parameter '" + name + "' must be true or false");
            }
        }
        query.keySet().stream().filter(k -> !known.contains(k))
                .forEach(k -> errors.add(where + ": unknown query parameter '" + k + "'"));
        JsonNode requestBody = operation.path("requestBody");
        if (requestBody.isMissingNode()) {
            if (body != null && !body.isMissingNode() && !body.isNull()) {
                errors.add(where + ": takes no request body");
            }
            return errors;
        }
        if (body == null || body.isMissingNode()) {
            if (requestBody.path("required").asBoolean()) {
                errors.add(where + ": a JSON request body is required");
            }
            return errors;
        }
        errors.addAll(validate(body, requestBody.path("content").path("application/json").path("schema"),
                where + " body", true));
        return errors;
    }

    /** Problems of an answer; empty when it has the documented shape (unknown properties allowed). */
    public List<String> checkResponse(String method, String path, int status, JsonNode body) {
        Optional<String> template = template(path);
        if (template.isEmpty()) {
            return List.of();
        }
        JsonNode response = root.path("paths").path(template.get()).path(method.toLowerCase()).path("responses")
                .path(String.valueOf(status));
        String where = "answer " + status + " to " + method + " " + path;
        if (response.isMissingNode()) {
            return List.of(where + ": the spec lists no such status");
        }
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (schema.isMissingNode() || body == null) {
            return List.of();
        }
        return validate(body, schema, where, false);
    }

    /** Problems of a value checked against {@code #/components/schemas/<name>}. */
    public List<String> check(JsonNode value, String schemaName, boolean strict) {
        return validate(value, root.path("components").path("schemas").path(schemaName), schemaName, strict);
    }

    private JsonNode deref(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 20 && current.has("$ref"); i++) {
            String ref = current.path("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("unsupported $ref " + ref);
            }
            JsonNode target = root;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            current = target;
        }
        return current;
    }

    List<String> validate(JsonNode value, JsonNode rawSchema, String at, boolean strict) {
        return validate(value, rawSchema, at, strict, strict);
    }

    /**
     * @param strict whether nested objects refuse undeclared properties
     * @param unknownHere whether this object does (false for one part of an allOf, which sees only its own part)
     */
    private List<String> validate(JsonNode value, JsonNode rawSchema, String at, boolean strict, boolean unknownHere) {
        List<String> errors = new ArrayList<>();
        if (rawSchema == null || rawSchema.isMissingNode()) {
            return errors;
        }
        boolean nullable = rawSchema.path("nullable").asBoolean(false);
        JsonNode schema = deref(rawSchema);
        nullable |= schema.path("nullable").asBoolean(false);
        if (value == null || value.isNull()) {
            if (!nullable && constrains(schema)) {
                errors.add(at + ": null is not allowed");
            }
            return errors;
        }
        for (JsonNode part : schema.path("allOf")) {
            errors.addAll(validate(value, part, at, strict, false));
        }
        if (schema.has("oneOf")) {
            List<List<String>> attempts = new ArrayList<>();
            for (JsonNode option : schema.path("oneOf")) {
                List<String> result = validate(value, option, at, strict, unknownHere);
                if (result.isEmpty()) {
                    attempts.clear();
                    break;
                }
                attempts.add(result);
            }
            if (!attempts.isEmpty()) {
                errors.add(at + ": matches none of the " + attempts.size() + " alternatives");
                // Explain with the closest alternative; one whose discriminator (an enum) differs is far.
                errors.addAll(attempts.stream().min(Comparator.comparingInt(a -> a.size()
                        + 10 * (int) a.stream().filter(e -> e.contains("is not one of")).count())).orElseThrow());
                return errors;
            }
        }
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !hasType(value, type)) {
            errors.add(at + ": expected " + type + " but got " + value.getNodeType().name().toLowerCase()
                    + " " + abbreviate(value));
            return errors;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.path("enum")) {
                found |= e.asText().equals(value.asText());
            }
            if (!found) {
                errors.add(at + ": '" + value.asText() + "' is not one of " + schema.path("enum"));
            }
        }
        if ("date-time".equals(schema.path("format").asText()) && value.isTextual()) {
            try {
                OffsetDateTime.parse(value.asText());
            } catch (DateTimeParseException e) {
                errors.add(at + ": '" + value.asText() + "' is not an ISO 8601 date-time");
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    errors.add(at + ": required property '" + required.asText() + "' is missing");
                }
            }
            JsonNode properties = schema.path("properties");
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode property = properties.path(field.getKey());
                if (!property.isMissingNode()) {
                    errors.addAll(validate(field.getValue(), property, at + "." + field.getKey(), strict));
                } else if (schema.path("additionalProperties").isObject()) {
                    errors.addAll(validate(field.getValue(), schema.path("additionalProperties"),
                            at + "." + field.getKey(), strict));
                }
            }
            if (strict && unknownHere) {
                Set<String> declared = new LinkedHashSet<>();
                if (collectDeclared(schema, declared)) {
                    value.fieldNames().forEachRemaining(name -> {
                        if (!declared.contains(name)) {
                            errors.add(at + ": unknown property '" + name + "' (the spec declares " + declared + ")");
                        }
                    });
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                errors.addAll(validate(value.get(i), schema.path("items"), at + "[" + i + "]", strict));
            }
        }
        return errors;
    }

    /** Collects declared property names; false when the object is open (free-form or additionalProperties). */
    private boolean collectDeclared(JsonNode rawSchema, Set<String> declared) {
        JsonNode schema = deref(rawSchema);
        if (schema.has("additionalProperties") && !schema.path("additionalProperties").asText().equals("false")) {
            return false;
        }
        schema.path("properties").fieldNames().forEachRemaining(declared::add);
        for (JsonNode part : schema.path("allOf")) {
            if (!collectDeclared(part, declared)) {
                return false;
            }
        }
        return !declared.isEmpty();
    }

    private static boolean constrains(JsonNode schema) {
        return schema.has("type") || schema.has("allOf") || schema.has("oneOf") || schema.has("properties");
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(name, value);
        }
        return query;
    }

    static JsonNode missing() {
        return MissingNode.getInstance();
    }
}
