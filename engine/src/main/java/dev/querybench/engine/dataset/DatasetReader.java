package dev.querybench.engine.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import dev.querybench.engine.db.Dialect;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the native YAML dataset format. Thread-safe.
 *
 * <pre>
 * name: sample-shop
 * requires: {mysql: "8.0.31"}                 # optional: oldest server versions the gold SQL needs
 * questions:
 *   - id: q001
 *     difficulty: easy
 *     tags: [count]
 *     question: How many customers are there?
 *     gold: SELECT COUNT(*) FROM customers    # or a list of alternatives
 *     database: shop                          # optional: the database profile (or file) it is asked of
 *     gold_dialects:                          # optional: replaces gold on one engine
 *       postgresql: SELECT count(*) FROM customers
 *       trino: [SELECT count(*) FROM customers]
 * </pre>
 *
 * <p>Engines are named as in workspace files: {@code sqlite}, {@code postgresql}, {@code mysql},
 * {@code trino}.
 */
public final class DatasetReader {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    private record RawQuestion(
            String id, String question, @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> gold,
            String difficulty, List<String> tags, String evidence,
            @JsonProperty("gold_dialects") Map<String, GoldList> goldDialects, String database) {}

    /** One engine's gold: a string or a list of strings. */
    private record GoldList(@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> queries) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        GoldList {
            queries = queries == null ? List.of() : queries;
        }
    }

    private record RawDataset(String name, String description, Map<String, String> requires,
            List<RawQuestion> questions) {}

    public Dataset read(Path file) {
        RawDataset raw;
        try {
            raw = yaml.readValue(Files.readString(file), RawDataset.class);
        } catch (NoSuchFileException e) {
            throw new DatasetException("dataset file " + file + " does not exist",
                    "check the 'dataset' entry in querybench.yaml", e);
        } catch (UnrecognizedPropertyException e) {
            throw new DatasetException(file.getFileName() + ", " + where(e) + ": unknown field '" + e.getPropertyName()
                    + "'", "use only " + e.getKnownPropertyIds(), e);
        } catch (JsonProcessingException e) {
            throw new DatasetException(describe(file, e),
                    "fix the file; each question needs id, question and gold", e);
        } catch (IOException e) {
            throw new DatasetException("cannot read dataset " + file + ": " + e.getMessage(),
                    "check that the file is readable", e);
        }
        if (raw == null || raw.questions() == null || raw.questions().isEmpty()) {
            throw new DatasetException("dataset " + file + " has no questions",
                    "add a 'questions:' list with at least one question", null);
        }
        List<Question> questions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < raw.questions().size(); i++) {
            questions.add(toQuestion(file, i, raw.questions().get(i), ids));
        }
        String name = raw.name() == null ? file.getFileName().toString() : raw.name();
        Map<String, String> requires = raw.requires() == null ? Map.of() : raw.requires();
        for (Map.Entry<String, String> e : requires.entrySet()) {
            if (!List.of("sqlite", "postgresql", "mysql", "mariadb", "trino").contains(e.getKey())
                    || e.getValue() == null || !e.getValue().matches("\\d+(\\.\\d+)*")) {
                throw new DatasetException(file.getFileName() + ": requires." + e.getKey() + ": '" + e.getValue()
                        + "' is not a product and version", "write requires: {postgresql: \"12\", mysql: \"8.0.31\"}"
                        + " with products sqlite, postgresql, mysql, mariadb, trino", null);
            }
        }
        return new Dataset(name, raw.description(), questions, requires);
    }

    private static Question toQuestion(Path file, int index, RawQuestion raw, Set<String> ids) {
        String where = file.getFileName() + ", question #" + (index + 1);
        if (raw == null) {
            throw new DatasetException(where + " is empty", "remove the empty list entry", null);
        }
        if (blank(raw.id())) {
            throw new DatasetException(where + ": field 'id' is missing", "give every question a unique id", null);
        }
        where += " (id " + raw.id() + ")";
        if (!ids.add(raw.id())) {
            throw new DatasetException(where + ": id is used twice", "give every question a unique id", null);
        }
        if (blank(raw.question())) {
            throw new DatasetException(where + ": field 'question' is missing", "write the question text", null);
        }
        if (raw.gold() == null || raw.gold().isEmpty() || raw.gold().stream().anyMatch(DatasetReader::blank)) {
            throw new DatasetException(where + ": field 'gold' is missing or empty",
                    "give at least one gold SQL query", null);
        }
        List<String> gold = raw.gold().stream().map(String::strip).toList();
        List<String> tags = raw.tags() == null ? List.of()
                : raw.tags().stream().filter(t -> t != null && !t.isBlank()).toList();
        Map<Dialect, List<String>> dialectGold = new EnumMap<>(Dialect.class);
        if (raw.goldDialects() != null) {
            for (Map.Entry<String, GoldList> e : raw.goldDialects().entrySet()) {
                Dialect dialect = Dialect.fromName(e.getKey()).orElseThrow(() -> new DatasetException(
                        where(file, raw) + ": gold_dialects names unknown engine '" + e.getKey() + "'",
                        "use " + Dialect.knownNames(), null));
                List<String> queries = e.getValue() == null ? List.of() : e.getValue().queries();
                if (queries.isEmpty() || queries.stream().anyMatch(DatasetReader::blank)) {
                    throw new DatasetException(where(file, raw) + ": gold_dialects." + e.getKey() + " is empty",
                            "give the gold SQL for that engine, or remove the entry", null);
                }
                if (dialectGold.put(dialect, queries.stream().map(String::strip).toList()) != null) {
                    throw new DatasetException(where(file, raw) + ": gold_dialects names " + dialect.id() + " twice",
                            "keep one entry per engine", null);
                }
            }
        }
        return new Question(raw.id(), raw.question().strip(), gold, raw.difficulty(), tags, raw.evidence(),
                raw.database() == null ? "" : raw.database().strip(), dialectGold);
    }

    private static String where(Path file, RawQuestion raw) {
        return file.getFileName() + ", question " + raw.id();
    }

    private static String where(JsonMappingException e) {
        StringBuilder where = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                where.append(where.isEmpty() ? "" : " ").append("question #").append(ref.getIndex() + 1);
            }
        }
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            where.append(where.isEmpty() ? "" : " ").append("(near line ").append(loc.getLineNr()).append(')');
        }
        return where.toString();
    }

    private static String describe(Path file, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String at = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return "dataset " + file + " is not valid" + at + ": " + e.getOriginalMessage();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
