package dev.querybench.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.querybench.engine.dataset.DatasetReader;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.evaluation.sql.MatchMode;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.prompt.PromptLibrary;
import dev.querybench.engine.prompt.PromptTask;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schemas shipped for editors and the loader's rules are the same rules: every section's
 * settings are the fields the loader binds, and every list of allowed values is the loader's own.
 * The sample workspace's files use only what the schemas allow.
 */
class JsonSchemasTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode schema(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/dev/querybench/engine/schema/" + name)) {
            return json.readTree(in);
        }
    }

    @Test
    void theWorkspaceSchemaHasExactlyTheLoadersSettingsAndValues() throws Exception {
        JsonNode s = schema("querybench.schema.json");
        JsonNode defs = s.get("$defs");
        assertThat(keys(s.get("properties"))).isEqualTo(components(WorkspaceConfig.class));
        assertThat(keys(defs.get("database").get("properties"))).isEqualTo(components(DatabaseConfig.class));
        assertThat(keys(defs.get("model").get("properties"))).isEqualTo(components(ModelConfig.class));
        assertThat(keys(defs.get("run").get("properties"))).isEqualTo(components(RunSettings.class));
        assertThat(keys(defs.get("langfuse").get("properties"))).isEqualTo(components(LangfuseConfig.class));
        assertThat(keys(defs.get("secret").get("properties"))).isEqualTo(components(SecretRef.class));
        JsonNode resilience = defs.get("resilience").get("properties");
        assertThat(keys(defs.get("resilience").get("properties"))).isEqualTo(components(ResilienceConfig.class));
        assertThat(keys(resilience.get("retry").get("properties"))).isEqualTo(components(RetrySettings.class));
        assertThat(keys(resilience.get("circuitBreaker").get("properties"))).isEqualTo(components(BreakerSettings.class));
        assertThat(keys(s.get("properties").get("cache").get("properties"))).isEqualTo(components(CacheConfig.class));
        assertThat(keys(s.get("properties").get("judge").get("properties"))).isEqualTo(components(JudgeConfig.class));

        assertThat(values(defs.get("run").get("properties").get("matchMode").get("enum")))
                .isEqualTo(new TreeSet<>(Arrays.stream(MatchMode.values()).map(MatchMode::id).toList()));
        assertThat(values(resilience.get("rateLimits").get("propertyNames").get("enum")))
                .isEqualTo(new TreeSet<>(ModelSpec.PROVIDERS));
    }

    @Test
    void theDatasetSchemaHasTheReadersFieldsAndValues() throws Exception {
        JsonNode s = schema("dataset.schema.json");
        JsonNode question = s.get("properties").get("questions").get("items").get("properties");
        assertThat(keys(question)).containsExactlyInAnyOrder("id", "question", "gold", "difficulty", "tags", "evidence",
                "database", "gold_dialects");
        assertThat(values(question.get("difficulty").get("enum"))).isEqualTo(new TreeSet<>(DatasetReader.DIFFICULTIES));
        assertThat(values(question.get("gold_dialects").get("propertyNames").get("enum")))
                .isEqualTo(new TreeSet<>(Dialect.knownNames()));
    }

    @Test
    void theFrontMatterSchemaHasTheLibrarysKeysAndValues() throws Exception {
        JsonNode s = schema("prompt-front-matter.schema.json").get("properties");
        assertThat(keys(s)).isEqualTo(new TreeSet<>(PromptLibrary.FRONT_MATTER_KEYS));
        assertThat(values(s.get("task").get("enum")))
                .isEqualTo(new TreeSet<>(Arrays.stream(PromptTask.values()).map(PromptTask::id).toList()));
        assertThat(values(s.get("few_shots").get("properties").get("select").get("enum")))
                .isEqualTo(new TreeSet<>(PromptLibrary.FEW_SHOT_SELECTIONS));
    }

    @Test
    void theSampleUsesOnlyWhatTheSchemasAllow() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        String base = "/dev/querybench/engine/sample/";
        try (InputStream config = getClass().getResourceAsStream(base + "querybench.yaml");
                InputStream dataset = getClass().getResourceAsStream(base + "dataset.yaml")) {
            JsonNode ws = schema("querybench.schema.json");
            assertThat(unknownKeys(yaml.readTree(config), ws, ws, "")).isEmpty();
            JsonNode ds = schema("dataset.schema.json");
            assertThat(unknownKeys(yaml.readTree(dataset), ds, ds, "")).isEmpty();
        }
    }

    /** Keys of {@code value} a schema with additionalProperties: false does not list, as paths. */
    private static List<String> unknownKeys(JsonNode value, JsonNode schema, JsonNode root, String path) {
        List<String> out = new ArrayList<>();
        if (schema.has("$ref")) {
            schema = root.at(schema.get("$ref").asText().substring(1));
        }
        if (value.isObject() && schema.has("properties")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode sub = schema.get("properties").get(e.getKey());
                if (sub == null) {
                    out.add(path + "." + e.getKey());
                } else {
                    out.addAll(unknownKeys(e.getValue(), sub, root, path + "." + e.getKey()));
                }
            }
        } else if (value.isArray() && schema.has("items")) {
            for (JsonNode item : value) {
                out.addAll(unknownKeys(item, schema.get("items"), root, path + "[]"));
            }
        }
        return out;
    }

    private static Set<String> keys(JsonNode properties) {
        Set<String> out = new TreeSet<>();
        properties.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<String> values(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static Set<String> components(Class<? extends Record> type) {
        Set<String> out = new TreeSet<>();
        Arrays.stream(type.getRecordComponents()).forEach(c -> out.add(c.getName()));
        return out;
    }
}
