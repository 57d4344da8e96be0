package dev.querybench.engine.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads datasets in every format QueryBench knows, choosing by content: native YAML, JSONL and
 * CSV; Spider's {@code dev.json}; BIRD's {@code dev.json} (with {@code evidence}); defog
 * sql-eval's CSV (alternatives separated by {@code ;}, column sets expanded). A malformed file
 * gets an error naming the line (or entry) and the field. Thread-safe.
 */
public final class DatasetImporter {

    /** The formats told apart. */
    public static final String NATIVE_YAML = "native YAML";
    public static final String NATIVE_JSON = "native JSON";
    public static final String NATIVE_JSONL = "native JSONL";
    public static final String NATIVE_CSV = "native CSV";
    public static final String SPIDER = "Spider JSON";
    public static final String BIRD = "BIRD JSON";
    public static final String SQL_EVAL = "sql-eval CSV";

    /** A dataset and the format it was read as. */
    public record Imported(Dataset dataset, String format) {}

    private static final List<String> NATIVE_COLUMNS = List.of("id", "question", "gold");
    private static final List<String> SQL_EVAL_COLUMNS = List.of("question", "query", "db_name");

    private final DatasetReader yaml = new DatasetReader();
    private final ObjectMapper json = new ObjectMapper();
    private final ColumnSetExpander expander = new ColumnSetExpander();

    public Dataset read(Path file) {
        return load(file).dataset();
    }

    /** Reads a dataset and says which format it was taken for. */
    public Imported load(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return new Imported(yaml.read(file), NATIVE_YAML);
        }
        if (name.endsWith(".jsonl")) {
            return new Imported(jsonLines(file), NATIVE_JSONL);
        }
        if (name.endsWith(".json")) {
            return benchmarkJson(file);
        }
        if (name.endsWith(".csv")) {
            return csvFile(file);
        }
        throw new DatasetException("cannot tell the format of " + file.getFileName(),
                "use .yaml, .jsonl or .csv (native), Spider's or BIRD's dev.json, or sql-eval's .csv", null);
    }

    private Dataset jsonLines(Path file) {
        List<Question> questions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = file.getFileName() + " line " + (i + 1);
            JsonNode node;
            try {
                node = json.readTree(lines.get(i));
            } catch (JsonProcessingException e) {
                throw new DatasetException(where + " is not valid JSON: " + e.getOriginalMessage(),
                        "write one JSON object per line", e);
            }
            questions.add(question(where, node, ids));
        }
        return dataset(file, questions);
    }

    private Question question(String where, JsonNode node, Set<String> ids) {
        String id = text(node, "id");
        if (id == null) {
            throw new DatasetException(where + ": field 'id' is missing", "give every question a unique id", null);
        }
        if (!ids.add(id)) {
            throw new DatasetException(where + ": id '" + id + "' is used twice", "give every question a unique id", null);
        }
        String text = required(where, node, "question");
        JsonNode goldNode = node.get("gold");
        List<String> gold = new ArrayList<>();
        if (goldNode != null && goldNode.isArray()) {
            goldNode.forEach(g -> gold.add(g.asText()));
        } else if (goldNode != null && goldNode.isTextual()) {
            gold.add(goldNode.asText());
        }
        if (gold.isEmpty() || gold.stream().anyMatch(String::isBlank)) {
            throw new DatasetException(where + ": field 'gold' is missing or empty", "give at least one gold SQL query", null);
        }
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(t -> tags.add(t.asText()));
        return new Question(id, text, gold, text(node, "difficulty"), tags, text(node, "evidence"), text(node, "database"));
    }

    private Imported benchmarkJson(Path file) {
        JsonNode root;
        try {
            root = json.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new DatasetException("dataset file " + file + " does not exist", "check the path", e);
        } catch (JsonProcessingException e) {
            throw new DatasetException(file.getFileName() + " is not valid JSON at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), "fix the JSON", e);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), "check the file", e);
        }
        if (root.isObject()) {
            // the native format written as JSON, which the YAML reader reads as it is
            return new Imported(yaml.read(file), NATIVE_JSON);
        }
        if (!root.isArray() || root.isEmpty()) {
            throw new DatasetException(file.getFileName() + " holds no list of questions",
                    "Spider's and BIRD's dev.json are JSON arrays of question objects", null);
        }
        boolean bird = root.get(0).has("SQL");
        if (!bird && !root.get(0).has("query")) {
            throw new DatasetException(file.getFileName() + " entry #1 has neither 'query' (Spider) nor 'SQL' (BIRD)",
                    "Spider's dev.json has db_id, question and query; BIRD's has db_id, question and SQL", null);
        }
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            String where = file.getFileName() + " entry #" + (i + 1);
            String db = required(where, node, "db_id");
            String question = required(where, node, "question");
            if (bird) {
                String id = node.has("question_id") ? node.get("question_id").asText() : String.valueOf(i);
                questions.add(new Question(id, question, List.of(required(where, node, "SQL")),
                        text(node, "difficulty"), List.of(), text(node, "evidence"), db));
            } else {
                questions.add(new Question(String.valueOf(i), question, List.of(required(where, node, "query")),
                        text(node, "difficulty"), List.of(), null, db));
            }
        }
        String name = file.getParent() == null ? file.getFileName().toString()
                : file.getParent().getFileName() + "/" + file.getFileName();
        return new Imported(new Dataset((bird ? "bird:" : "spider:") + name, "", questions), bird ? BIRD : SPIDER);
    }

    private Imported csvFile(Path file) {
        PandasCsv.Table table;
        try {
            table = new PandasCsv().read(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new DatasetException("dataset file " + file + " does not exist", "check the path", e);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), "check the file", e);
        } catch (PandasCsv.TooManyFields e) {
            throw new DatasetException(file.getFileName() + " " + e.getMessage(),
                    "quote fields that contain commas", e);
        }
        if (table.header().isEmpty()) {
            throw new DatasetException(file.getFileName() + " is empty", "write a header row, then one question per row",
                    null);
        }
        boolean sqlEval = table.header().contains("query") && !table.header().contains("gold");
        boolean nativeCsv = table.header().contains("gold");
        if (!sqlEval && !nativeCsv) {
            throw new DatasetException(file.getFileName() + " has the columns " + table.header()
                    + ", which is neither format: a native CSV needs " + NATIVE_COLUMNS + ", sql-eval's needs "
                    + SQL_EVAL_COLUMNS, "add the missing columns (for sql-eval, the gold SQL is the 'query' column)",
                    null);
        }
        List<String> required = sqlEval ? List.of("question", "query") : NATIVE_COLUMNS;
        List<String> missing = required.stream().filter(c -> !table.header().contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new DatasetException(file.getFileName() + " is a " + (sqlEval ? SQL_EVAL : NATIVE_CSV)
                    + " without the column" + (missing.size() > 1 ? "s " : " ") + missing + " (it has "
                    + table.header() + ")", "add the column", null);
        }
        if (table.rows().isEmpty()) {
            throw new DatasetException(file.getFileName() + " has no rows", "add questions below the header", null);
        }
        List<Question> questions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < table.rows().size(); i++) {
            Map<String, String> row = table.rows().get(i);
            String where = file.getFileName() + " line " + table.lines().get(i);
            if (sqlEval) {
                questions.add(sqlEvalQuestion(where, i, row));
            } else {
                JsonNode node = json.valueToTree(row);
                Question q = question(where, node, ids);
                List<String> tags = row.get("tags") == null || row.get("tags").isBlank() ? List.of()
                        : Arrays.stream(row.get("tags").split(";")).map(String::strip).toList();
                questions.add(new Question(q.id(), q.text(), q.gold(), q.difficulty(), tags, q.evidence(), q.database()));
            }
        }
        return new Imported(dataset(file, questions), sqlEval ? SQL_EVAL : NATIVE_CSV);
    }

    private Question sqlEvalQuestion(String where, int index, Map<String, String> row) {
        String question = row.get("question");
        String query = row.get("query");
        if (question == null || question.isBlank()) {
            throw new DatasetException(where + ": field 'question' is empty", "every row needs a question", null);
        }
        if (query == null || query.isBlank()) {
            throw new DatasetException(where + ": field 'query' is empty", "every row needs at least one query", null);
        }
        List<String> gold = expander.minimalQueries(query);
        if (gold.isEmpty()) {
            throw new DatasetException(where + ": field 'query' holds no query", "write at least one query", null);
        }
        String category = row.get("query_category") == null ? "" : row.get("query_category");
        String database = row.get("db_name") == null ? "" : row.get("db_name");
        return new Question(String.valueOf(index), question, gold, "", category.isBlank() ? List.of()
                : List.of(category), row.get("instructions"), database);
    }

    private static Dataset dataset(Path file, List<Question> questions) {
        if (questions.isEmpty()) {
            throw new DatasetException(file.getFileName() + " has no questions", "add at least one question", null);
        }
        return new Dataset(file.getFileName().toString(), "", questions);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException("dataset file " + file + " does not exist", "check the path", e);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), "check the file", e);
        }
    }

    private static String required(String where, JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new DatasetException(where + ": field '" + field + "' is missing", "add it", null);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
