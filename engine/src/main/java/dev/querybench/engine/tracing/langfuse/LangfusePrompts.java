package dev.querybench.engine.tracing.langfuse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.prompt.PromptLibrary;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.tracing.RunTracing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prompt variants kept in Langfuse's prompt management. {@link #pull} writes a Langfuse prompt
 * version (by label or version) as a local {@code .prompt} variant; {@link #push} creates a new
 * Langfuse version from a local variant. Both record the link ({@code langfuse: {prompt, version,
 * sha256}}) in the variant's front matter, which is how every run knows which version it used
 * ({@link PromptFileLinks}). QueryBench variants are text prompts with {@code {{variables}}},
 * which Langfuse text prompts share; the variant's task and description travel in the prompt's
 * {@code config.querybench}. Thread-safe.
 */
public final class LangfusePrompts {

    private final LangfuseClient client;
    private final ObjectMapper json = new ObjectMapper();

    public LangfusePrompts(LangfuseClient client) {
        this.client = client;
    }

    /**
     * A pulled variant.
     *
     * @param file the written {@code .prompt} file
     * @param prompt the Langfuse version it came from
     * @param problems what the template library finds wrong with it (unknown variables …); empty when usable
     */
    public record Pulled(Path file, LangfusePrompt prompt, List<String> problems) {}

    /**
     * Writes a Langfuse prompt version into {@code folder} as {@code <variant>.prompt}.
     *
     * @param label the label to fetch (Langfuse's default, {@code production}, when this and version are null)
     * @param version the version to fetch, or null
     * @param variant the local variant name, or null for the prompt's name with folders joined by {@code -}
     * @param overwrite whether an existing file may be replaced
     */
    public Pulled pull(String name, String label, Integer version, Path folder, String variant, boolean overwrite) {
        LangfusePrompt prompt = client.prompt(name, label, version);
        if (prompt.text() == null) {
            throw new ConfigException("Langfuse prompt " + name + " v" + prompt.version() + " is a chat prompt with"
                    + " several messages; a QueryBench variant is one message",
                    "keep the variant as a text prompt in Langfuse (or a chat prompt with a single message)", null);
        }
        String variantName = variant != null ? variant : name.replaceAll("[^A-Za-z0-9._-]+", "-");
        JsonNode meta = prompt.config() == null ? json.nullNode() : prompt.config().path("querybench");
        String task = meta.path("task").asText("sql-generation");
        String description = meta.path("description").asText("Langfuse prompt " + name + " version "
                + prompt.version() + (label == null ? "" : " (" + label + ")"));
        String text = "---\n"
                + "task: " + task + "\n"
                + "name: " + quoted(variantName) + "\n"
                + "description: " + quoted(description) + "\n"
                + link(name, prompt.version(), prompt.text()) + "\n"
                + "---\n"
                + prompt.text();
        PromptTemplate template = PromptLibrary.parse(variantName + PromptLibrary.EXTENSION, text);
        Path file = folder.resolve(variantName + PromptLibrary.EXTENSION);
        if (Files.exists(file) && !overwrite) {
            throw new ConfigException(file + " already exists", "pass --force to replace it, or --as another-name", null);
        }
        try {
            Files.createDirectories(folder);
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new Pulled(file, prompt, template.problems());
    }

    /**
     * Creates a new Langfuse version of a local variant and records it in the file's front matter.
     *
     * @param file the variant's {@code .prompt} file
     * @param name the Langfuse prompt name, or null for the variant's name
     * @param labels labels for the new version (such as {@code production}); may be empty
     * @param commitMessage a note for the version, or null
     */
    public LangfusePrompt push(Path file, String name, List<String> labels, String commitMessage) {
        String text;
        try {
            text = Files.readString(file).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), "check the variant's file", e);
        }
        PromptTemplate template = PromptLibrary.parse(file.getFileName().toString(), text);
        if (!template.problems().isEmpty()) {
            throw new ConfigException(String.join("; ", template.problems()), "fix the variant before pushing it", null);
        }
        String promptName = name != null ? name : template.name();
        ObjectNode request = json.createObjectNode();
        request.put("name", promptName);
        request.put("type", "text");
        request.put("prompt", template.body());
        ObjectNode meta = request.putObject("config").putObject("querybench");
        meta.put("task", template.task().id());
        meta.put("variant", template.name());
        meta.put("description", template.description());
        ArrayNode labelArray = request.putArray("labels");
        labels.forEach(labelArray::add);
        request.putArray("tags").add("querybench");
        if (commitMessage != null && !commitMessage.isBlank()) {
            request.put("commitMessage", commitMessage);
        }
        LangfusePrompt created = client.createPrompt(request);
        try {
            Files.writeString(file, withLink(text, link(promptName, created.version(), template.body())));
        } catch (IOException e) {
            throw new UncheckedIOException("pushed as version " + created.version() + " but cannot update " + file, e);
        }
        return created;
    }

    private String link(String name, int version, String body) {
        return PromptFileLinks.KEY + ": {prompt: " + quoted(name) + ", version: " + version + ", sha256: "
                + RunTracing.sha256(body) + "}";
    }

    /** The file's text with its front matter's {@code langfuse:} entry replaced by {@code link}. */
    static String withLink(String text, String link) {
        int end = text.indexOf("\n---\n", 3);
        List<String> front = new ArrayList<>();
        boolean inLink = false;
        for (String line : text.substring(4, end).split("\n", -1)) {
            boolean topLevel = !line.isEmpty() && !Character.isWhitespace(line.charAt(0));
            if (topLevel) {
                inLink = line.startsWith(PromptFileLinks.KEY + ":");
            }
            if (!inLink) {
                front.add(line);
            }
        }
        front.add(link);
        return "---\n" + String.join("\n", front) + text.substring(end);
    }

    private String quoted(String value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
