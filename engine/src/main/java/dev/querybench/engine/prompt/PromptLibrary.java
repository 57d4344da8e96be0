package dev.querybench.engine.prompt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.querybench.engine.errors.FileProblem;
import dev.querybench.engine.yaml.YamlSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The prompt variants of a workspace, loaded from {@code *.prompt} files in one folder. Problems
 * (bad front matter, unknown variables) are collected rather than thrown, so editors can show
 * them all; {@link #requireUsable} throws before a run starts. Immutable and thread-safe.
 */
public final class PromptLibrary {

    public static final String EXTENSION = ".prompt";

    /** Front matter keys a template file may have. */
    public static final List<String> FRONT_MATTER_KEYS = List.of("task", "name", "description", "few_shots", "repair",
            "langfuse");
    /** How {@code few_shots.select} may choose examples. */
    public static final List<String> FEW_SHOT_SELECTIONS = List.of("similar", "random", "fixed");

    private final Map<String, PromptTemplate> templates;
    private final List<FileProblem> problems;

    private PromptLibrary(Map<String, PromptTemplate> templates, List<FileProblem> problems) {
        this.templates = templates;
        this.problems = List.copyOf(problems);
    }

    public static PromptLibrary load(Path folder) {
        Map<String, PromptTemplate> templates = new LinkedHashMap<>();
        List<FileProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            problems.add(new FileProblem(String.valueOf(folder), 0, 0, "", "the prompt folder does not exist",
                    "create it, or point 'prompts' in querybench.yaml at the folder of *.prompt files"));
            return new PromptLibrary(templates, problems);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(EXTENSION)).sorted().toList();
        } catch (IOException e) {
            problems.add(new FileProblem(String.valueOf(folder), 0, 0, "", "the prompt folder cannot be listed",
                    "check that you may read it"));
            return new PromptLibrary(templates, problems);
        }
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            try {
                PromptTemplate t = parse(fileName, YamlSource.readText(file, fileName, TemplateException::new));
                if (templates.containsKey(t.name())) {
                    problems.add(new FileProblem(fileName, nameLine(Files.readString(file)), 1, "name",
                            "variant name '" + t.name() + "' is also used by " + templates.get(t.name()).source(),
                            "give every variant its own name"));
                    continue;
                }
                templates.put(t.name(), t);
                problems.addAll(t.findings());
            } catch (TemplateException e) {
                problems.add(e.problem());
            } catch (IOException e) {
                problems.add(new FileProblem(fileName, 0, 0, "", "the file cannot be read",
                        "check that it is a file you may read"));
            }
        }
        return new PromptLibrary(templates, problems);
    }

    private static int nameLine(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("name:")) {
                return i + 1;
            }
        }
        return 1;
    }

    /** Parses one template file: a front matter block between {@code ---} lines, then the body. */
    public static PromptTemplate parse(String source, String text) {
        String normalized = text.replace("\r\n", "\n");
        if (!normalized.startsWith("---\n")) {
            throw new TemplateException(new FileProblem(source, 1, 1, "", "the file does not start with front matter",
                    "start the file with a line ---, then task:, name: and description: lines, then ---"));
        }
        int end = normalized.indexOf("\n---\n", 3);
        if (end < 0 && normalized.endsWith("\n---")) {
            end = normalized.length() - 4;
            normalized = normalized + "\n";
        }
        if (end < 0) {
            throw new TemplateException(new FileProblem(source, 1, 1, "", "the front matter is not closed",
                    "add a line --- after the task:, name: and description: lines"));
        }
        String frontText = normalized.substring(4, end + 1);
        YamlSource front = YamlSource.parse(source, frontText, 1, TemplateException::new);
        int bodyLine = (int) normalized.substring(0, end + 5).chars().filter(c -> c == '\n').count() + 1;
        Map<String, Object> values = front.empty() ? Map.of() : front.bind(MAPPER, MAP);
        for (String key : values.keySet()) {
            if (!FRONT_MATTER_KEYS.contains(key)) {
                throw front.fail(List.of(key), "unknown front matter key '" + key + "'",
                        "check the spelling; a template's front matter may have " + String.join(", ", FRONT_MATTER_KEYS));
            }
        }
        String name = text(front, values, "name");
        String taskId = text(front, values, "task");
        if (name == null || name.isBlank()) {
            throw front.fail(List.of("name"), "the front matter has no 'name'", "add name: <variant-name>");
        }
        if (taskId == null) {
            throw front.fail(List.of("task"), "the front matter has no 'task'", "add task: sql-generation");
        }
        PromptTask task = PromptTask.byId(taskId).orElseThrow(() -> front.fail(List.of("task"),
                "unknown task '" + taskId + "'", "use task: sql-generation or task: sql-judge"));
        String description = text(front, values, "description");
        String body = normalized.substring(end + 5);
        PromptOptions options = options(front, values);
        if (options.fewShots() == null && body.contains("{{few_shots}}")) {
            throw front.fail(List.of(), "the body uses {{few_shots}} but the front matter sets no few_shots",
                    "add few_shots: {select: similar, k: 3} (or random with seed, or fixed with ids)");
        }
        return new PromptTemplate(name, task, description == null ? "" : description, body, source, options, bodyLine);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
    @SuppressWarnings("unchecked")
    private static final Class<Map<String, Object>> MAP = (Class<Map<String, Object>>) (Class<?>) Map.class;

    private static String text(YamlSource front, Map<String, Object> values, String key) {
        Object value = values.get(key);
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw front.fail(List.of(key), "'" + key + "' should be text, not " + (value instanceof List<?> ? "a list"
                    : "a section"), "write " + key + ": followed by one line of text");
        }
        return value == null ? null : value.toString();
    }

    private static PromptOptions options(YamlSource front, Map<String, Object> values) {
        PromptOptions.FewShotSpec fewShots = null;
        Object few = values.get("few_shots");
        if (few instanceof Map<?, ?> f) {
            for (Object key : f.keySet()) {
                if (!List.of("select", "k", "seed", "ids").contains(String.valueOf(key))) {
                    throw front.fail(List.of("few_shots", String.valueOf(key)), "unknown few_shots setting '" + key
                            + "'", "few_shots may have select, k, seed and ids");
                }
            }
            String select = f.get("select") == null ? null : String.valueOf(f.get("select"));
            if (select == null || !FEW_SHOT_SELECTIONS.contains(select)) {
                throw front.fail(List.of("few_shots", "select"), select == null ? "few_shots has no 'select'"
                        : "unknown few-shot selection '" + select + "'; it must be fixed, random or similar",
                        "use select: similar, random or fixed");
            }
            int k = whole(front, f.get("k"), List.of("few_shots", "k"), 3, 0, 1000);
            long seed = f.get("seed") == null ? 0 : whole(front, f.get("seed"), List.of("few_shots", "seed"), 0,
                    Integer.MIN_VALUE, Integer.MAX_VALUE);
            Object ids = f.get("ids");
            if (ids != null && !(ids instanceof List<?>)) {
                throw front.fail(List.of("few_shots", "ids"), "few_shots.ids should be a list of question ids",
                        "write ids: [q001, q002]");
            }
            try {
                fewShots = new PromptOptions.FewShotSpec(select, k, seed,
                        ids instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of());
            } catch (IllegalArgumentException e) {
                throw front.fail(List.of("few_shots"), String.valueOf(e.getMessage()),
                        "write few_shots: {select: similar, k: 3}, or {select: fixed, ids: [q001, q002]}");
            }
        } else if (few != null) {
            throw front.fail(List.of("few_shots"), "few_shots should be a section such as {select: similar, k: 3}",
                    "write few_shots: {select: similar, k: 3}");
        }
        int repair = whole(front, values.get("repair"), List.of("repair"), 0, 0, 10);
        try {
            return new PromptOptions(fewShots, repair);
        } catch (IllegalArgumentException e) {
            throw front.fail(List.of(), String.valueOf(e.getMessage()), "fix the front matter");
        }
    }

    private static int whole(YamlSource front, Object value, List<Object> path, int absent, int min, int max) {
        if (value == null) {
            return absent;
        }
        String field = YamlSource.fieldPath(path);
        if (!(value instanceof Integer i) || i < min || i > max) {
            throw front.fail(path, field + " should be a whole number from " + min + " to " + max + ", not '" + value
                    + "'", "write " + field + ": " + Math.max(min, Math.min(max, 1)));
        }
        return i;
    }

    private static String string(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }

    public Collection<PromptTemplate> templates() {
        return templates.values();
    }

    public List<PromptTemplate> templates(PromptTask task) {
        return templates.values().stream().filter(t -> t.task() == task).toList();
    }

    public Optional<PromptTemplate> template(String name) {
        return Optional.ofNullable(templates.get(name));
    }

    /** Every problem as file:line:column: what. */
    public List<String> problems() {
        return problems.stream().map(FileProblem::message).toList();
    }

    /** Every problem with its place and fix. */
    public List<FileProblem> findings() {
        return problems;
    }

    /**
     * The named variants, checked: each exists, is a {@code task} template, and has no problems.
     *
     * @throws TemplateException listing every problem found
     */
    public List<PromptTemplate> requireUsable(List<String> names, PromptTask task) {
        List<String> found = new ArrayList<>();
        List<PromptTemplate> result = new ArrayList<>();
        for (String name : names) {
            PromptTemplate t = templates.get(name);
            if (t == null) {
                found.add("no prompt variant named '" + name + "' (known: " + templates.keySet() + ")"
                        + problems.stream().filter(p -> p.file().equals(name + EXTENSION)).findFirst()
                                .map(p -> "; its file has a problem: " + p.message()).orElse(""));
            } else if (t.task() != task) {
                found.add("prompt variant '" + name + "' is a " + t.task().id() + " template, not " + task.id());
            } else {
                found.addAll(t.problems());
                result.add(t);
            }
        }
        if (!found.isEmpty()) {
            throw new TemplateException(String.join("; ", found), "fix the prompt files, then run again");
        }
        return result;
    }
}
