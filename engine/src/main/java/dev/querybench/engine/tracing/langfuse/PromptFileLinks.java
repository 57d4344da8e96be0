package dev.querybench.engine.tracing.langfuse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.tracing.PromptRef;
import dev.querybench.engine.tracing.PromptRefs;
import dev.querybench.engine.tracing.RunTracing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the Langfuse link that {@code querybench langfuse pull-prompt} and {@code push-prompt}
 * write into a variant's front matter:
 *
 * <pre>
 * langfuse: {prompt: sql/basic, version: 3, sha256: …}
 * </pre>
 *
 * The SHA-256 is of the body as it was pulled or pushed; a body that no longer matches is that
 * version "modified locally". Thread-safe.
 */
public final class PromptFileLinks implements PromptRefs {

    static final String KEY = "langfuse";

    private final Path folder;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /** @param folder the workspace's prompt folder */
    public PromptFileLinks(Path folder) {
        this.folder = folder;
    }

    @Override
    public Optional<PromptRef> of(PromptTemplate template) {
        Path file = folder.resolve(template.source());
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return link(Files.readString(file), template.body());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The link in a prompt file's text, judged against the body the library loaded. */
    Optional<PromptRef> link(String text, String body) throws IOException {
        String normalized = text.replace("\r\n", "\n");
        int end = normalized.indexOf("\n---\n", 3);
        if (!normalized.startsWith("---\n") || end < 0) {
            return Optional.empty();
        }
        Map<String, Object> front = yaml.readerForMapOf(Object.class).readValue(normalized.substring(4, end));
        if (front == null || !(front.get(KEY) instanceof Map<?, ?> link)) {
            return Optional.empty();
        }
        Object name = link.get("prompt");
        Object version = link.get("version");
        if (name == null || !(version instanceof Number number)) {
            return Optional.empty();
        }
        Object sha = link.get("sha256");
        boolean modified = sha == null || !sha.toString().equals(RunTracing.sha256(body));
        return Optional.of(new PromptRef(name.toString(), number.intValue(), modified));
    }
}
