package dev.querybench.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in's spec checks can fail: each kind of mistake is caught. */
class LangfuseSpecCheckTest {

    private final OpenApiSpec spec = LangfuseStandIn.spec();
    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode event(String text) throws Exception {
        return (ObjectNode) json.readTree(text);
    }

    private static final String GOOD = """
            {"id": "8b7c3a3e-2f5e-4a7e-9a51-1f0f5a4c2b11", "timestamp": "2026-11-23T10:00:00.123Z",
             "type": "generation-create",
             "body": {"id": "g1", "traceId": "t1", "name": "generate-sql", "startTime": "2026-11-23T10:00:00Z",
                      "endTime": "2026-11-23T10:00:01Z", "model": "gpt-4o-mini",
                      "usageDetails": {"input": 10, "output": 2, "total": 12},
                      "costDetails": {"total": 0.001}, "promptName": "p", "promptVersion": 2}}""";

    @Test
    void aValidGenerationEventPasses() throws Exception {
        assertThat(spec.check(event(GOOD), "IngestionEvent", true)).isEmpty();
    }

    @Test
    void missingIdsUnknownTypesWrongTypesAndUnknownFieldsAreCaught() throws Exception {
        ObjectNode noId = event(GOOD);
        noId.remove("id");
        assertThat(String.join("\n", spec.check(noId, "IngestionEvent", true))).contains("'id' is missing");

        ObjectNode unknownType = event(GOOD);
        unknownType.put("type", "generation-created");
        assertThat(spec.check(unknownType, "IngestionEvent", true)).isNotEmpty();

        ObjectNode badVersion = event(GOOD);
        ((ObjectNode) badVersion.get("body")).put("promptVersion", "two");
        assertThat(String.join("\n", spec.check(badVersion, "IngestionEvent", true))).contains("promptVersion");

        ObjectNode typo = event(GOOD);
        ((ObjectNode) typo.get("body")).putObject("usage_details").put("input", 1);
        assertThat(String.join("\n", spec.check(typo, "IngestionEvent", true))).contains("unknown property 'usage_details'");

        ObjectNode badTime = event(GOOD);
        ((ObjectNode) badTime.get("body")).put("startTime", "yesterday");
        assertThat(String.join("\n", spec.check(badTime, "IngestionEvent", true))).contains("date-time");

        ObjectNode badCost = event(GOOD);
        ((ObjectNode) badCost.get("body")).putObject("costDetails").put("total", "cheap");
        assertThat(spec.check(badCost, "IngestionEvent", true)).isNotEmpty();

        ObjectNode badScore = event("""
                {"id": "e", "timestamp": "2026-11-23T10:00:00Z", "type": "score-create",
                 "body": {"traceId": "t", "value": 1}}""");
        assertThat(String.join("\n", spec.check(badScore, "IngestionEvent", true))).contains("'name' is missing");
    }

    @Test
    void requestsAreCheckedForPathQueryAndBody() throws Exception {
        assertThat(spec.checkRequest("GET", "/api/public/healthz", null, null)).singleElement()
                .satisfies(e -> assertThat(e).contains("no such path"));
        assertThat(spec.checkRequest("GET", "/api/public/v2/prompts/x", "version=latest", null)).singleElement()
                .satisfies(e -> assertThat(e).contains("must be an integer"));
        assertThat(spec.checkRequest("GET", "/api/public/v2/prompts/x", "labels=production", null)).isNotEmpty();
        JsonNode noBatch = json.readTree("{\"events\": []}");
        assertThat(spec.checkRequest("POST", "/api/public/ingestion", null, noBatch)).isNotEmpty();
        JsonNode noPrompt = json.readTree("{\"name\": \"p\", \"type\": \"text\"}");
        assertThat(spec.checkRequest("POST", "/api/public/v2/prompts", null, noPrompt)).isNotEmpty();
        JsonNode runItem = json.readTree("{\"runName\": \"r\"}");
        assertThat(String.join("\n", spec.checkRequest("POST", "/api/public/dataset-run-items", null, runItem)))
                .contains("datasetItemId");
        assertThat(spec.checkResponse("GET", "/api/public/health", 200, json.readTree("{\"status\": \"OK\"}")))
                .singleElement().satisfies(e -> assertThat(e).contains("'version' is missing"));
    }

    @Test
    void theSpecIsFoundBesideTheRepositoryOrInTestResources(@TempDir Path dir) throws Exception {
        assertThat(OpenApiSpec.locateShared(dir)).isEmpty();
        Path nested = Files.createDirectories(dir.resolve("clone/engine"));
        Path shared = Files.createDirectories(dir.resolve("shared/reference")).resolve("langfuse-openapi.yml");
        Files.writeString(shared, "openapi: 3.0.1\npaths: {}\n");
        assertThat(OpenApiSpec.locateShared(nested)).contains(shared);
        assertThat(getClass().getResource(OpenApiSpec.RESOURCE)).as("fallback copy in test resources").isNotNull();
        assertThat(spec.template("/api/public/v2/prompts/sql%2Fbasic")).contains("/api/public/v2/prompts/{promptName}");
    }
}
