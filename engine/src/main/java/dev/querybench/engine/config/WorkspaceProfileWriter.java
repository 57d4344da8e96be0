package dev.querybench.engine.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves connection profiles into a workspace's {@code querybench.yaml} by editing the file in
 * place ({@link YamlDocument}): a database profile as {@code database:} when it has that profile's
 * name, else into {@code databases:}; model profiles into {@code models:} (a changed profile is
 * rewritten where it stands, a new one appended, an unchanged one left byte for byte); the
 * {@code langfuse:} section; and, when the model list is the wizard's whole list, the order as
 * the default model ({@code run.models: [primary]}) and the fallback chain (the primary's own
 * {@code fallback:} when it has one, else {@code run.fallback}). Comments, blank lines and the
 * order of everything else stay as they were. Secrets are written only as references
 * ({@code {env: NAME}} or {@code {keyring: NAME}}), which {@link SecretRef} guarantees. The result
 * is loaded again before it replaces the file, so a profile that would break the workspace is
 * never written. Not thread-safe for the same workspace; does file I/O.
 */
public final class WorkspaceProfileWriter {

    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * What to save; null parts are left as they are.
     *
     * @param database a database profile, or null
     * @param models model profiles in primary-first order for {@code models:}, or empty
     * @param langfuse the Langfuse section, or null
     * @param modelsComplete true when {@code models} is the whole list (the wizard's): profiles not
     *     in it are removed, and the order becomes the default model and its fallback chain
     * @param judgeModel the judge's model profile, {@code ""} to turn the judge off, or null to leave it
     */
    public record Profile(DatabaseConfig database, List<ModelConfig> models, LangfuseConfig langfuse,
            boolean modelsComplete, String judgeModel) {
        public Profile {
            models = models == null ? List.of() : List.copyOf(models);
        }

        /** Profiles to add or replace; the rest of the models list, the default model and the judge stay. */
        public Profile(DatabaseConfig database, List<ModelConfig> models, LangfuseConfig langfuse) {
            this(database, models, langfuse, false, null);
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
        String edited;
        try {
            edited = edit(text, current, profile);
        } catch (RuntimeException e) {
            throw error("cannot edit " + file, e);
        }
        Path temporary;
        try {
            temporary = Files.createTempFile(workspaceRoot, ".querybench-", ".yaml");
            Files.writeString(temporary, edited);
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
        try {
            return loader.load(workspaceRoot);
        } catch (RuntimeException e) {
            // the whole workspace does not load with it (a judge naming no profile, say): put the file back
            try {
                Files.writeString(file, text);
            } catch (IOException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
    }

    /** The file's text with {@code profile} written into it. */
    String edit(String text, WorkspaceConfig current, Profile profile) {
        YamlDocument doc = new YamlDocument(text);
        DatabaseConfig db = profile.database();
        if (db != null && current.database() != null
                && db.nameOrDefault().equals(current.database().nameOrDefault())) {
            if (!db.equals(current.database())) {
                doc.set(List.of("database"), values(db));
            }
        } else if (db != null) {
            boolean same = current.databases().stream().anyMatch(db::equals);
            if (!same) {
                doc.putNamed(List.of("databases"), db.nameOrDefault(), values(db));
            }
        }
        for (ModelConfig model : profile.models()) {
            boolean unchanged = current.models().stream().anyMatch(model::equals);
            if (!unchanged) {
                doc.putNamed(List.of("models"), model.name(), values(model));
            }
        }
        if (profile.modelsComplete()) {
            writeOrder(doc, current, profile.models());
        }
        if (profile.langfuse() != null && !profile.langfuse().equals(current.langfuse())) {
            doc.set(List.of("langfuse"), values(profile.langfuse()));
        }
        if (profile.judgeModel() != null) {
            writeJudge(doc, current, profile.judgeModel());
        }
        return doc.text();
    }

    /** Removes profiles the wizard dropped; the first becomes the default model, the rest its fallbacks. */
    private void writeOrder(YamlDocument doc, WorkspaceConfig current, List<ModelConfig> models) {
        List<String> names = models.stream().map(ModelConfig::name).toList();
        for (ModelConfig old : current.models()) {
            if (!names.contains(old.name())) {
                doc.removeNamed(List.of("models"), old.name());
            }
        }
        if (models.isEmpty()) {
            return;
        }
        ModelConfig primary = models.getFirst();
        List<String> fallback = names.subList(1, names.size());
        if (!current.run().models().equals(List.of(primary.name()))) {
            doc.set(List.of("run", "models"), List.of(primary.name()));
        }
        if (!primary.fallback().isEmpty()) {
            if (!primary.fallback().equals(fallback)) {
                ModelConfig withChain = new ModelConfig(primary.name(), primary.spec(), primary.baseUrl(),
                        primary.apiKey(), primary.temperature(), primary.maxTokens(), primary.timeoutSeconds(),
                        fallback);
                doc.putNamed(List.of("models"), primary.name(), values(withChain));
            }
        } else if (!current.run().fallback().equals(fallback)
                && (!fallback.isEmpty() || doc.node(List.of("run", "fallback")).isPresent())) {
            doc.set(List.of("run", "fallback"), fallback);
        }
    }

    private void writeJudge(YamlDocument doc, WorkspaceConfig current, String judgeModel) {
        JudgeConfig judge = current.judge();
        if (judgeModel.isBlank()) {
            if (judge != null && judge.enabledOrDefault()) {
                doc.set(List.of("judge", "enabled"), false);
            }
            return;
        }
        if (judge == null || !judgeModel.equals(judge.model())) {
            doc.set(List.of("judge", "model"), judgeModel);
        }
        if (judge != null && !judge.enabledOrDefault()) {
            doc.set(List.of("judge", "enabled"), true);
        }
    }

    /** A profile as plain maps and lists, without nulls and empty lists, in its record's order. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> values(Object profile) {
        return (Map<String, Object>) prune(mapper.convertValue(profile, LinkedHashMap.class));
    }

    private static Object prune(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> kept = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object pruned = prune(v);
                boolean empty = pruned == null || pruned instanceof java.util.Collection<?> c && c.isEmpty()
                        || pruned instanceof Map<?, ?> m && m.isEmpty();
                if (!empty) {
                    kept.put(String.valueOf(k), pruned);
                }
            });
            return kept;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(WorkspaceProfileWriter::prune).toList();
        }
        return value;
    }

    private static QueryBenchException error(String what, Exception e) {
        return new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION, what + ": " + e.getMessage(),
                "check that the workspace folder is writable"), e);
    }
}
