package dev.querybench.engine.tracing.langfuse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.run.ItemKey;
import dev.querybench.engine.tracing.TracedItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Langfuse v3 datasets: {@code POST /api/public/v2/datasets} (created or updated by name),
 * {@code POST /api/public/dataset-items} (upserted on a stable id per dataset and question) and
 * {@code POST /api/public/dataset-run-items}. Each (variant, model) cell of a run becomes one
 * Langfuse dataset run named {@code <run id> <variant> <model>}, so Langfuse's run comparison
 * lines up with QueryBench's cells. Immutable and thread-safe.
 */
public final class DatasetRunItemsLinker implements DatasetRunLinker {

    static final String DATASETS = "/api/public/v2/datasets";
    static final String DATASET_ITEMS = "/api/public/dataset-items";
    static final String DATASET_RUN_ITEMS = "/api/public/dataset-run-items";

    private final ObjectMapper json = new ObjectMapper();

    /** The dataset item id of a question: stable, and unique across datasets as Langfuse requires. */
    public static String itemId(String datasetName, String questionId) {
        return "qb-" + UUID.nameUUIDFromBytes((datasetName + "\u0000" + questionId).getBytes(StandardCharsets.UTF_8));
    }

    /** The Langfuse dataset run a run's cell is recorded under. */
    public static String runName(String runId, ItemKey key) {
        return runId + " " + key.variant() + " " + key.model();
    }

    @Override
    public List<Outgoing> upsertDataset(String datasetName, String description, List<Question> questions) {
        List<Outgoing> requests = new ArrayList<>();
        ObjectNode dataset = json.createObjectNode();
        dataset.put("name", datasetName);
        if (description != null && !description.isBlank()) {
            dataset.put("description", description);
        }
        dataset.putObject("metadata").put("source", "querybench");
        requests.add(Outgoing.post(DATASETS, dataset));
        for (Question q : questions) {
            ObjectNode item = json.createObjectNode();
            item.put("datasetName", datasetName);
            item.put("id", itemId(datasetName, q.id()));
            ObjectNode input = item.putObject("input");
            input.put("question", q.text());
            if (!q.evidence().isBlank()) {
                input.put("evidence", q.evidence());
            }
            ObjectNode expected = item.putObject("expectedOutput");
            expected.put("sql", q.primaryGold());
            if (q.gold().size() > 1) {
                ArrayNode alternatives = expected.putArray("alternatives");
                q.gold().subList(1, q.gold().size()).forEach(alternatives::add);
            }
            ObjectNode metadata = item.putObject("metadata");
            metadata.put("questionId", q.id());
            if (!q.difficulty().isBlank()) {
                metadata.put("difficulty", q.difficulty());
            }
            ArrayNode tags = metadata.putArray("tags");
            q.tags().forEach(tags::add);
            requests.add(Outgoing.post(DATASET_ITEMS, item));
        }
        return requests;
    }

    @Override
    public List<Outgoing> link(TracedItem item, String traceId, String observationId) {
        ItemKey key = item.result().key();
        ObjectNode body = json.createObjectNode();
        body.put("runName", runName(item.runId(), key));
        body.put("runDescription", "QueryBench run " + item.runId() + ": variant " + key.variant() + ", model "
                + key.model() + " (workspace " + item.workspace() + ")");
        ObjectNode metadata = body.putObject("metadata");
        metadata.put("runId", item.runId());
        metadata.put("variant", key.variant());
        metadata.put("model", key.model());
        if (item.prompt() != null) {
            metadata.put("prompt", item.prompt().describe());
        }
        body.put("datasetItemId", itemId(item.dataset(), key.questionId()));
        body.put("traceId", traceId);
        body.put("observationId", observationId);
        return List.of(Outgoing.post(DATASET_RUN_ITEMS, body));
    }
}
