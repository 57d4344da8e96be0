package dev.querybench.engine.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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

    private final Map<String, PromptTemplate> templates;
    private final List<String> problems;

    private PromptLibrary(Map<String, PromptTemplate> templates, List<String> problems) {
        this.templates = templates;
        this.problems = List.copyOf(problems);
    }

    public static PromptLibrary load(Path folder) {
        Map<String, PromptTemplate> templates = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            problems.add("prompt folder " + folder + " does not exist");
            return new PromptLibrary(templates, problems);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(EXTENSION)).sorted().toList();
        } catch (IOException e) {
            problems.add("cannot list prompt folder " + folder + ": " + e.getMessage());
            return new PromptLibrary(templates, problems);
        }
        for (Path file : files) {
            try {
                PromptTemplate t = parse(file.getFileName().toString(), Files.readString(file));
                if (templates.containsKey(t.name())) {
                    problems.add(file.getFileName() + ": variant name '" + t.name() + "' is also used by "
                            + templates.get(t.name()).source());
                    continue;
                }
                templates.put(t.name(), t);
                problems.addAll(t.problems());
            } catch (TemplateException e) {
                problems.add(e.getMessage());
            } catch (IOException e) {
                problems.add("cannot read " + file + ": " + e.getMessage());
            }
        }
        return new PromptLibrary(templates, problems);
    }

    /** Parses one template file: a front matter block between {@code ---} lines, then the body. */
    public static PromptTemplate parse(String source, String text) {
        String normalized = text.replace("\r\n", "\n");
        if (!normalized.startsWith("---\n")) {
            throw new TemplateException(source + ": missing front matter",
                    "start the file with ---, then task:, name: and description: lines, then ---");
        }
        int end = normalized.indexOf("\n---\n", 3);
        if (end < 0) {
            throw new TemplateException(source + ": front matter is not closed", "add a line with --- after it");
        }
        Map<String, Object> front;
        try {
            front = new ObjectMapper(new YAMLFactory()).readerForMapOf(Object.class).readValue(normalized.substring(4, end));
        } catch (JsonProcessingException e) {
            throw new TemplateException(source + ": front matter is not valid YAML: " + e.getOriginalMessage(),
                    "write it as key: value lines");
        }
        if (front == null) {
            front = Map.of();
        }
        String name = string(front, "name");
        String taskId = string(front, "task");
        if (name == null || name.isBlank()) {
            throw new TemplateException(source + ": front matter has no 'name'", "add name: <variant-name>");
        }
        if (taskId == null) {
            throw new TemplateException(source + ": front matter has no 'task'", "add task: sql-generation");
        }
        PromptTask task = PromptTask.byId(taskId).orElseThrow(() -> new TemplateException(
                source + ": unknown task '" + taskId + "'", "use task: sql-generation or task: sql-judge"));
        String body = normalized.substring(end + 5);
        PromptOptions options = options(source, front);
        if (options.fewShots() == null && body.contains("{{few_shots}}")) {
            throw new TemplateException(source + ": uses {{few_shots}} but the front matter sets no few_shots",
                    "add few_shots: {select: similar, k: 3} (or random with seed, or fixed with ids)");
        }
        return new PromptTemplate(name, task, Optional.ofNullable(string(front, "description")).orElse(""), body, source,
                options);
    }

    private static PromptOptions options(String source, Map<String, Object> front) {
        try {
            PromptOptions.FewShotSpec fewShots = null;
            if (front.get("few_shots") instanceof Map<?, ?> f) {
                Object ids = f.get("ids");
                fewShots = new PromptOptions.FewShotSpec(String.valueOf(f.get("select")),
                        f.get("k") == null ? 3 : Integer.parseInt(f.get("k").toString()),
                        f.get("seed") == null ? 0 : Long.parseLong(f.get("seed").toString()),
                        ids instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of());
            } else if (front.get("few_shots") != null) {
                throw new IllegalArgumentException("few_shots must be a map such as {select: similar, k: 3}");
            }
            int repair = front.get("repair") == null ? 0 : Integer.parseInt(front.get("repair").toString());
            return new PromptOptions(fewShots, repair);
        } catch (IllegalArgumentException e) {
            throw new TemplateException(source + ": " + e.getMessage(), "fix the front matter");
        }
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

    public List<String> problems() {
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
                found.add("no prompt variant named '" + name + "' (known: " + templates.keySet() + ")");
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
