package dev.querybench.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves connection profiles into a workspace's {@code querybench.yaml}: a database profile as
 * {@code database:} when it has that profile's name, else into {@code databases:}, model profiles into {@code models:} (replacing same-named ones, in the
 * order given), and the {@code langfuse:} section. Each section it writes is replaced whole;
 * every other line, comments included, stays as it was. Secrets are written only as references
 * ({@code {env: NAME}}), which {@link SecretRef} guarantees. The result is loaded again before
 * it replaces the file, so a profile that would break the workspace is never written.
 * Not thread-safe for the same workspace; does file I/O.
 */
public final class WorkspaceProfileWriter {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR))
            .disable(SerializationFeature.WRITE_NULL_MAP_VALUES);

    /**
     * What to save; null parts are left as they are.
     *
     * @param database a database profile for {@code databases:}, or null
     * @param models model profiles in primary-first order for {@code models:}, or empty
     * @param langfuse the Langfuse section, or null
     */
    public record Profile(DatabaseConfig database, List<ModelConfig> models, LangfuseConfig langfuse) {
        public Profile {
            models = models == null ? List.of() : List.copyOf(models);
        }
    }

    /**
     * Writes {@code profile} into the workspace's file.
     *
     * @return the workspace as loaded from the written file
     * @throws QueryBenchException when the file cannot be read or written, or the result would not load
     */
    public Workspace save(Path workspaceRoot, Profile profile) {
        Path file = workspaceRoot.resolve(Workspace.CONFIG_FILE);
        WorkspaceLoader loader = new WorkspaceLoader();
        WorkspaceConfig current = loader.readConfig(file);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw error("cannot read " + file, e);
        }
        if (profile.database() != null && current.database() != null
                && profile.database().nameOrDefault().equals(current.database().nameOrDefault())) {
            text = replaceSection(text, "database", profile.database());
        } else if (profile.database() != null) {
            List<DatabaseConfig> databases = new ArrayList<>();
            current.databases().stream().filter(d -> !d.nameOrDefault().equals(profile.database().nameOrDefault()))
                    .forEach(databases::add);
            databases.add(profile.database());
            text = replaceSection(text, "databases", databases);
        }
        if (!profile.models().isEmpty()) {
            Map<String, ModelConfig> byName = new LinkedHashMap<>();
            profile.models().forEach(m -> byName.put(m.name(), m));
            current.models().forEach(m -> byName.putIfAbsent(m.name(), m));
            text = replaceSection(text, "models", List.copyOf(byName.values()));
        }
        if (profile.langfuse() != null) {
            text = replaceSection(text, "langfuse", profile.langfuse());
        }
        Path temporary;
        try {
            temporary = Files.createTempFile(workspaceRoot, ".querybench-", ".yaml");
            Files.writeString(temporary, text);
        } catch (IOException e) {
            throw error("cannot write next to " + file, e);
        }
        try {
            loader.readConfig(temporary);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw error("cannot replace " + file, e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
        return loader.load(workspaceRoot);
    }

    /** Replaces (or appends) one top-level section with {@code value} written as YAML. */
    String replaceSection(String text, String section, Object value) {
        String block;
        try {
            block = yaml.writeValueAsString(Map.of(section, value)).stripTrailing();
        } catch (JsonProcessingException e) {
            throw error("cannot write the " + section + " section", e);
        }
        List<String> kept = new ArrayList<>();
        int insertAt = -1;
        boolean inSection = false;
        for (String line : text.split("\n", -1)) {
            // A line at column 0 (a key or a comment) ends the section being replaced.
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                boolean starts = line.startsWith(section + ":");
                if (starts && insertAt < 0) {
                    insertAt = kept.size();
                }
                inSection = starts;
            }
            if (!inSection) {
                kept.add(line);
            }
        }
        while (!kept.isEmpty() && kept.getLast().isBlank()) {
            kept.removeLast();
        }
        if (insertAt < 0 || insertAt > kept.size()) {
            kept.add(block);
        } else {
            kept.add(insertAt, block);
        }
        return String.join("\n", kept) + "\n";
    }

    private static QueryBenchException error(String what, Exception e) {
        return new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION, what + ": " + e.getMessage(),
                "check that the workspace folder is writable"), e);
    }
}
