package dev.querybench.engine.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.StatementGuard;
import dev.querybench.engine.errors.FileProblem;
import dev.querybench.engine.yaml.YamlSource;
import java.util.Locale;
import java.util.ArrayList;
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

    /** Configured once and only read with after, so one mapper (and its deserializers) serves every reader. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    private final ObjectMapper yaml = YAML;

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

    /** Difficulty labels a native dataset may use: QueryBench's own, Spider's and BIRD's. */
    public static final List<String> DIFFICULTIES = List.of("easy", "medium", "hard", "extra", "simple", "moderate",
            "challenging");

    public Dataset read(Path file) {
        String fileName = file.getFileName().toString();
        RawDataset raw;
        YamlSource source;
        try {
            source = YamlSource.parse(fileName, YamlSource.readText(file, fileName, DatasetReader::failure), 0,
                    DatasetReader::failure);
            raw = source.empty() ? null : source.bind(yaml, RawDataset.class);
        } catch (NoSuchFileException e) {
            throw new DatasetException("dataset file " + file + " does not exist",
                    "check the 'dataset' entry in querybench.yaml", e);
        } catch (IOException e) {
            throw new DatasetException("cannot read dataset " + file + (Files.isReadable(file) ? ""
                    : ": it is not readable"), "check that it is a file you may read", e);
        }
        if (raw == null || raw.questions() == null || raw.questions().isEmpty()) {
            throw failure(raw == null ? new FileProblem(fileName, 1, 0, "", "the dataset has no questions",
                    "add a 'questions:' list with at least one question")
                    : source.problem(List.of("questions"), "the dataset has no questions",
                            "add a 'questions:' list with at least one question"));
        }
        List<Question> questions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < raw.questions().size(); i++) {
            questions.add(toQuestion(source, i, raw.questions().get(i), ids));
        }
        String name = raw.name() == null ? fileName : raw.name();
        Map<String, String> requires = raw.requires() == null ? Map.of() : raw.requires();
        List<String> products = requires.isEmpty() ? List.of()
                : Dialect.all().stream().flatMap(d -> d.engine().products().stream()).toList();
        for (Map.Entry<String, String> e : requires.entrySet()) {
            if (!products.contains(e.getKey())
                    || e.getValue() == null || !e.getValue().matches("\\d+(\\.\\d+)*")) {
                throw source.fail(List.of("requires", e.getKey()), "'" + e.getValue() + "' is not a product and version",
                        "write requires: {postgresql: \"12\", mysql: \"8.0.31\"} with products "
                                + String.join(", ", products));
            }
        }
        return new Dataset(name, raw.description(), questions, requires);
    }

    /**
     * Where question {@code id}'s {@code field} stands in a native YAML dataset file, as a problem
     * there; at the top of the file when the file is not YAML or the question cannot be found.
     */
    public static FileProblem problemAt(Path file, String id, String field, String what, String fix) {
        String fileName = file.getFileName().toString();
        try {
            YamlSource source = YamlSource.parse(fileName, YamlSource.readText(file, fileName, DatasetReader::failure),
                    0, DatasetReader::failure);
            for (int i = 0; source.node("questions", i).isPresent(); i++) {
                if (source.node("questions", i, "id").filter(n -> n instanceof org.yaml.snakeyaml.nodes.ScalarNode s
                        && s.getValue().equals(id)).isPresent()) {
                    return source.problem(List.of("questions", i, field), what, fix);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a YAML dataset (imported JSON or CSV): the file alone is the place
        }
        return new FileProblem(fileName, 1, 0, "question " + id, what, fix);
    }

    private static DatasetException failure(FileProblem problem) {
        return new DatasetException(problem.message(), problem.fix(), null);
    }

    private static Question toQuestion(YamlSource source, int index, RawQuestion raw, Set<String> ids) {
        List<Object> at = List.of("questions", index);
        if (raw == null) {
            throw source.fail(at, "question #" + (index + 1) + " is empty", "remove the empty list entry");
        }
        if (blank(raw.id())) {
            throw source.fail(at, "question #" + (index + 1) + ": field 'id' is missing", "give every question a unique id");
        }
        if (!ids.add(raw.id())) {
            throw source.fail(List.of("questions", index, "id"), "the id " + raw.id() + " is used twice",
                    "give every question a unique id");
        }
        if (blank(raw.question())) {
            throw source.fail(List.of("questions", index, "question"), "question " + raw.id()
                    + " has no question text", "write the question under question:");
        }
        if (raw.gold() == null || raw.gold().isEmpty() || raw.gold().stream().anyMatch(DatasetReader::blank)) {
            throw source.fail(List.of("questions", index, "gold"), "question " + raw.id()
                    + " has no gold SQL, or an empty one", "give at least one gold SQL query under gold:");
        }
        if (raw.difficulty() != null && !DIFFICULTIES.contains(raw.difficulty().strip().toLowerCase(Locale.ROOT))) {
            throw source.fail(List.of("questions", index, "difficulty"), "question " + raw.id() + ": '" + raw.difficulty()
                    + "' is not a difficulty", "use easy, medium or hard (or Spider's extra, BIRD's simple,"
                    + " moderate, challenging), or leave difficulty out");
        }
        List<String> gold = raw.gold().stream().map(String::strip).toList();
        for (int g = 0; g < gold.size(); g++) {
            checkReadQuery(source, raw.gold().size() == 1 && source.node("questions", index, "gold")
                    .filter(n -> n instanceof org.yaml.snakeyaml.nodes.ScalarNode).isPresent()
                    ? List.of("questions", index, "gold") : List.of("questions", index, "gold", g), raw.id(), gold.get(g));
        }
        List<String> tags = raw.tags() == null ? List.of()
                : raw.tags().stream().filter(t -> t != null && !t.isBlank()).toList();
        Map<Dialect, List<String>> dialectGold = new java.util.LinkedHashMap<>();
        if (raw.goldDialects() != null) {
            for (Map.Entry<String, GoldList> e : raw.goldDialects().entrySet()) {
                List<Object> path = List.of("questions", index, "gold_dialects", e.getKey());
                Dialect dialect = Dialect.fromName(e.getKey()).orElseThrow(() -> source.fail(path,
                        "question " + raw.id() + ": gold_dialects names unknown engine '" + e.getKey() + "'", "use " + Dialect.knownNames()));
                List<String> queries = e.getValue() == null ? List.of() : e.getValue().queries();
                if (queries.isEmpty() || queries.stream().anyMatch(DatasetReader::blank)) {
                    throw source.fail(path, "question " + raw.id() + ": gold_dialects." + e.getKey() + " is empty",
                            "give the gold SQL for that engine, or remove the entry");
                }
                for (String q : queries) {
                    checkReadQuery(source, path, raw.id(), q);
                }
                if (dialectGold.put(dialect, queries.stream().map(String::strip).toList()) != null) {
                    throw source.fail(path, "question " + raw.id() + ": gold_dialects names " + dialect.id() + " twice",
                            "keep one entry per engine");
                }
            }
        }
        return new Question(raw.id(), raw.question().strip(), gold, raw.difficulty(), tags, raw.evidence(),
                raw.database() == null ? "" : raw.database().strip(), dialectGold);
    }

    /** Gold SQL must be one read query; the lexer's verdict, without a parse (the database still enforces). */
    private static void checkReadQuery(YamlSource source, List<Object> path, String id, String sql) {
        StatementGuard.lexicalRefusal(sql).ifPresent(why -> {
            throw source.fail(path, "the gold SQL of question " + id + " is not a read query: " + why,
                    "write gold SQL as a single SELECT (or WITH … SELECT) query");
        });
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
