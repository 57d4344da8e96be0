package dev.querybench.engine.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.DatasetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads predictions made elsewhere: Spider-style files (one SQL per line, in dataset order; text
 * after a tab is ignored), JSON ({@code {"id": "sql"}} — BIRD's {@code \t----- bird -----\t db}
 * suffix is removed — or a list of objects) and JSONL keyed by question id. Thread-safe.
 */
public final class PredictionsReader {

    private static final List<String> ID_FIELDS = List.of("id", "question_id", "qid");
    private static final List<String> SQL_FIELDS = List.of("sql", "predicted_sql", "prediction", "pred", "SQL", "query");

    private final ObjectMapper json = new ObjectMapper();

    /** Predicted SQL by question id; questions without a prediction are absent. */
    public Map<String, String> read(Path file, Dataset dataset) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".jsonl")) {
                return jsonLines(file, dataset);
            }
            if (name.endsWith(".json")) {
                return json(file, dataset);
            }
            return lines(file, dataset);
        } catch (IOException e) {
            throw new DatasetException("cannot read predictions " + file + ": " + e.getMessage(), "check the path", e);
        }
    }

    private Map<String, String> lines(Path file, Dataset dataset) throws IOException {
        List<String> lines = Files.readAllLines(file);
        while (!lines.isEmpty() && lines.getLast().isBlank()) {
            lines = lines.subList(0, lines.size() - 1);
        }
        if (lines.size() != dataset.size()) {
            throw new DatasetException(file.getFileName() + " has " + lines.size() + " lines but the dataset has "
                    + dataset.size() + " questions", "write one predicted query per line, in dataset order", null);
        }
        Map<String, String> predictions = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int tab = line.indexOf('\t');
            predictions.put(dataset.questions().get(i).id(), (tab < 0 ? line : line.substring(0, tab)).strip());
        }
        return predictions;
    }

    private Map<String, String> json(Path file, Dataset dataset) throws IOException {
        JsonNode root;
        try {
            root = json.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new DatasetException(file.getFileName() + " is not valid JSON: " + e.getOriginalMessage(),
                    "fix the JSON", e);
        }
        Map<String, String> predictions = new LinkedHashMap<>();
        if (root.isObject()) {
            root.properties().forEach(e -> predictions.put(e.getKey(), stripBirdSuffix(e.getValue().asText())));
        } else if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                put(predictions, file.getFileName() + " entry #" + (i + 1), root.get(i));
            }
        } else {
            throw new DatasetException(file.getFileName() + " holds neither an object nor a list",
                    "write {\"<question id>\": \"<sql>\"} or a list of {id, sql}", null);
        }
        return checked(file, predictions, dataset);
    }

    private Map<String, String> jsonLines(Path file, Dataset dataset) throws IOException {
        Map<String, String> predictions = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = file.getFileName() + " line " + (i + 1);
            try {
                put(predictions, where, json.readTree(lines.get(i)));
            } catch (JsonProcessingException e) {
                throw new DatasetException(where + " is not valid JSON: " + e.getOriginalMessage(),
                        "write one JSON object per line", e);
            }
        }
        return checked(file, predictions, dataset);
    }

    private static void put(Map<String, String> predictions, String where, JsonNode node) {
        String id = ID_FIELDS.stream().filter(node::has).map(f -> node.get(f).asText()).findFirst().orElseThrow(() ->
                new DatasetException(where + ": no question id", "give each prediction an 'id' field", null));
        String sql = SQL_FIELDS.stream().filter(node::has).map(f -> node.get(f).asText()).findFirst().orElseThrow(() ->
                new DatasetException(where + ": no SQL", "give each prediction a 'sql' field", null));
        predictions.put(id, stripBirdSuffix(sql));
    }

    private static Map<String, String> checked(Path file, Map<String, String> predictions, Dataset dataset) {
        Set<String> ids = new HashSet<>();
        dataset.questions().forEach(q -> ids.add(q.id()));
        List<String> unknown = predictions.keySet().stream().filter(id -> !ids.contains(id)).limit(5).toList();
        if (!unknown.isEmpty()) {
            throw new DatasetException(file.getFileName() + " has predictions for unknown question ids " + unknown,
                    "key predictions by the dataset's question ids", null);
        }
        return predictions;
    }

    private static String stripBirdSuffix(String sql) {
        int marker = sql.indexOf("\t----- bird -----\t");
        return (marker < 0 ? sql : sql.substring(0, marker)).strip();
    }
}
