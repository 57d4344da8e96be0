package dev.querybench.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.DatasetImporter;
import dev.querybench.engine.dataset.DatasetReader;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.prompt.PromptLibrary;
import dev.querybench.engine.prompt.PromptTask;
import dev.querybench.engine.prompt.PromptTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads and checks a workspace folder. Thread-safe. */
public final class WorkspaceLoader {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final DatasetReader datasets = new DatasetReader();
    private final DatasetImporter imported = new DatasetImporter();

    /**
     * @throws ConfigException naming the file, the place and the fix when the workspace is unusable
     */
    public Workspace load(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        Path file = root.resolve(Workspace.CONFIG_FILE);
        WorkspaceConfig config = readConfig(file);
        check(config, file);
        Dataset dataset = readDataset(root.resolve(config.dataset()));
        PromptLibrary prompts = PromptLibrary.load(root.resolve(config.prompts()));
        checkJudgePrompt(config.judge(), prompts, file.getFileName() + ": judge.prompt");
        return new Workspace(root, config, dataset, prompts);
    }

    /**
     * The native YAML format as before (whatever the file's name); JSON (Spider's and BIRD's
     * dev.json, or the native format), JSONL and CSV through the importer.
     */
    private Dataset readDataset(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".csv") ? imported.read(file)
                : datasets.read(file);
    }

    public WorkspaceConfig readConfig(Path file) {
        try {
            WorkspaceConfig config = yaml.readValue(Files.readString(file), WorkspaceConfig.class);
            if (config == null) {
                throw new ConfigException(file + " is empty", "describe the workspace: database, dataset, models", null);
            }
            return config;
        } catch (NoSuchFileException e) {
            throw new ConfigException("no " + Workspace.CONFIG_FILE + " in " + file.getParent(),
                    "point --workspace at a folder with a querybench.yaml, or use --workspace sample", e);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file.getFileName() + at(e.getLocation()) + ": unknown setting '"
                    + e.getPropertyName() + "'", "known settings here: " + e.getKnownPropertyIds(), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file.getFileName() + at(e.getLocation()) + ": " + rootMessage(e),
                    "fix the YAML at that place", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), "check the file's permissions", e);
        }
    }

    private static void check(WorkspaceConfig config, Path file) {
        String where = file.getFileName().toString();
        if (config.database() == null) {
            throw new ConfigException(where + ": no 'database' section", "add database: with type and path", null);
        }
        DatabaseProfileResolver profiles = new DatabaseProfileResolver(SecretResolver.none());
        Set<String> databaseNames = new HashSet<>();
        List<DatabaseConfig> all = new java.util.ArrayList<>();
        all.add(config.database());
        all.addAll(config.databases());
        for (DatabaseConfig db : all) {
            if (db == null) {
                throw new ConfigException(where + ": an empty entry in 'databases'", "remove it", null);
            }
            try {
                profiles.check(db, file.getParent());
            } catch (ConfigException e) {
                throw new ConfigException(where + ", " + e.error().message(), e.error().remedy(), null);
            }
            if (!databaseNames.add(db.nameOrDefault())) {
                throw new ConfigException(where + ": database profile name '" + db.nameOrDefault() + "' is used twice",
                        "give every database profile its own name", null);
            }
        }
        checkInstances(where, all, databaseNames, file.getParent());
        if (config.dataset() == null || config.dataset().isBlank()) {
            throw new ConfigException(where + ": no 'dataset'", "add dataset: <file>.yaml", null);
        }
        Set<String> names = new HashSet<>();
        for (ModelConfig model : config.models()) {
            if (model.name() == null || model.name().isBlank()) {
                throw new ConfigException(where + ": a model profile has no 'name'", "give every model a name", null);
            }
            if (!names.add(model.name())) {
                throw new ConfigException(where + ": model name '" + model.name() + "' is used twice",
                        "give every model profile its own name", null);
            }
            try {
                ModelSpec.parse(model.spec());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + ", model '" + model.name() + "': " + e.getMessage(),
                        "fix its 'spec'", null);
            }
        }
        for (ModelConfig model : config.models()) {
            checkFallback(where, "model '" + model.name() + "': fallback", model.fallback(), names, model.name());
        }
        checkFallback(where, "run.fallback", config.run().fallback(), names, null);
        checkResilience(where, config.resilience());
        if (config.cache().ttlHoursOrDefault() < 1) {
            throw new ConfigException(where + ": cache.ttlHours must be at least 1",
                    "give the hours an answer is kept, or turn the cache off with enabled: false", null);
        }
        checkJudgeModel(config.judge(), names, where);
        List<String> unknown = config.run().models().stream().filter(m -> !names.contains(m)).toList();
        if (!unknown.isEmpty()) {
            throw new ConfigException(where + ": run.models names unknown profiles " + unknown,
                    "use names from the models list: " + names, null);
        }
        if (config.run().concurrencyOrDefault() < 1 || config.run().rowCapOrDefault() < 1
                || config.run().queryTimeoutSecondsOrDefault() < 1) {
            throw new ConfigException(where + ": run.concurrency, run.rowCap and run.queryTimeoutSeconds must be"
                    + " at least 1", "fix the run section", null);
        }
        Long streamed = config.run().maxStreamedRows();
        if (streamed != null && streamed < 0) {
            throw new ConfigException(where + ": run.maxStreamedRows is " + streamed + "; it cannot be negative",
                    "give the most rows to stream for a comparison beyond the row cap (default "
                            + RunSettings.DEFAULT_MAX_STREAMED_ROWS + "), or 0 to compare only the first rowCap rows",
                    null);
        }
        if (streamed != null && streamed != 0 && streamed < config.run().rowCapOrDefault()) {
            throw new ConfigException(where + ": run.maxStreamedRows is " + streamed + ", below run.rowCap ("
                    + config.run().rowCapOrDefault() + "), so no result beyond the row cap could be compared whole",
                    "give at least the row cap (default " + RunSettings.DEFAULT_MAX_STREAMED_ROWS + "), or 0 to compare"
                            + " only the first rowCap rows", null);
        }
    }

    private static void checkJudgeModel(JudgeConfig judge, Set<String> names, String where) {
        if (judge == null || switchedOffWithoutModel(judge)) {
            return;
        }
        if (judge.model() == null || judge.model().isBlank()) {
            throw new ConfigException(where + ": judge.model is missing",
                    "name the model profile that judges, one of " + names + " (or remove the judge section)", null);
        }
        if (!names.contains(judge.model())) {
            throw new ConfigException(where + ": judge.model '" + judge.model() + "' is not a model profile",
                    "use one of the names under models: " + names + ", or add a profile with that name", null);
        }
    }

    /**
     * Checks that a judge prompt exists in the library and is a {@code sql-judge} template.
     *
     * @param what where the name came from, for the message ({@code querybench.yaml: judge.prompt}, {@code --judge-prompt})
     * @throws ConfigException naming the prompt, what is wrong and the judge prompts there are
     */
    public static void checkJudgePrompt(JudgeConfig judge, PromptLibrary prompts, String what) {
        if (judge == null || switchedOffWithoutModel(judge)) {
            return;
        }
        String name = judge.promptOrDefault();
        List<String> judges = prompts.templates(PromptTask.SQL_JUDGE).stream().map(PromptTemplate::name).sorted().toList();
        PromptTemplate template = prompts.template(name).orElseThrow(() -> new ConfigException(
                what + " '" + name + "' is not in the prompt folder",
                judges.isEmpty() ? "add " + name + PromptLibrary.EXTENSION + " with 'task: " + PromptTask.SQL_JUDGE.id()
                        + "' to the prompt folder" : "use one of the judge prompts " + judges, null));
        if (template.task() != PromptTask.SQL_JUDGE) {
            throw new ConfigException(what + " '" + name + "' is a " + template.task().id() + " template, not a "
                    + PromptTask.SQL_JUDGE.id() + " one", judges.isEmpty() ? "give the judge prompt 'task: "
                    + PromptTask.SQL_JUDGE.id() + "'" : "use one of the judge prompts " + judges, null);
        }
        if (!template.problems().isEmpty()) {
            throw new ConfigException(what + " '" + name + "' has problems: " + String.join("; ", template.problems()),
                    "fix " + template.source(), null);
        }
    }

    /** {@code judge: {enabled: false}} keeps the section as a placeholder; nothing in it needs to be right. */
    private static boolean switchedOffWithoutModel(JudgeConfig judge) {
        return Boolean.FALSE.equals(judge.enabled()) && (judge.model() == null || judge.model().isBlank());
    }

    /** Test-suite instances name other profiles or existing SQLite files, never the profile itself. */
    private static void checkInstances(String where, List<DatabaseConfig> all, Set<String> profileNames, Path root) {
        for (DatabaseConfig db : all) {
            for (String instance : db.instances()) {
                String what = where + ": database profile '" + db.nameOrDefault() + "' lists instance '" + instance + "'";
                if (instance == null || instance.isBlank() || instance.equals(db.nameOrDefault())) {
                    throw new ConfigException(where + ": database profile '" + db.nameOrDefault()
                            + "' lists an empty instance or itself under instances",
                            "list other profiles or SQLite files with the same schema", null);
                }
                if (!profileNames.contains(instance) && !Files.isRegularFile(root.resolve(instance))) {
                    throw new ConfigException(what + ", which is neither a database profile nor an existing file",
                            "use a profile name (" + String.join(", ", profileNames)
                                    + ") or an SQLite file's path relative to the workspace", null);
                }
            }
        }
    }

    private static void checkFallback(String where, String what, List<String> chain, Set<String> names, String self) {
        List<String> unknown = chain.stream().filter(m -> !names.contains(m)).toList();
        if (!unknown.isEmpty()) {
            throw new ConfigException(where + ": " + what + " names unknown profiles " + unknown,
                    "use names from the models list: " + names, null);
        }
        if (self != null && chain.contains(self)) {
            throw new ConfigException(where + ": " + what + " names the profile itself",
                    "list other profiles as its fallback", null);
        }
        if (new HashSet<>(chain).size() != chain.size()) {
            throw new ConfigException(where + ": " + what + " names a profile twice", "list each profile once", null);
        }
    }

    private static void checkResilience(String where, ResilienceConfig resilience) {
        String selection = resilience.selection();
        if (selection != null && !List.of("in-order", "quality", "cost").contains(selection)) {
            throw new ConfigException(where + ": resilience.selection '" + selection + "' is not known",
                    "use in-order, quality or cost", null);
        }
        Double floor = resilience.qualityFloor();
        if (floor != null && (floor < 0 || floor > 1)) {
            throw new ConfigException(where + ": resilience.qualityFloor must be between 0 and 1",
                    "write the accuracy as a fraction, such as 0.6", null);
        }
        resilience.rateLimits().forEach((provider, perMinute) -> {
            if (!ModelSpec.PROVIDERS.contains(provider) || perMinute == null || perMinute < 1) {
                throw new ConfigException(where + ": resilience.rateLimits." + provider + " must name a provider ("
                        + ModelSpec.PROVIDERS + ") and at least 1 request per minute", "fix the rate limit", null);
            }
        });
        RetrySettings retry = resilience.retry();
        if (retry != null && ((retry.maxAttempts() != null && retry.maxAttempts() < 1)
                || (retry.jitter() != null && (retry.jitter() < 0 || retry.jitter() > 1))
                || (retry.multiplier() != null && retry.multiplier() < 1)
                || negative(retry.initialBackoffMillis(), retry.maxBackoffMillis(), retry.maxRetryAfterMillis()))) {
            throw new ConfigException(where + ": resilience.retry has a value out of range",
                    "maxAttempts ≥ 1, multiplier ≥ 1, jitter between 0 and 1, waits ≥ 0", null);
        }
        BreakerSettings breaker = resilience.circuitBreaker();
        if (breaker != null && ((breaker.failureRatePercent() != null
                && (breaker.failureRatePercent() < 1 || breaker.failureRatePercent() > 100))
                || (breaker.window() != null && breaker.window() < 1)
                || (breaker.minimumCalls() != null && breaker.minimumCalls() < 1)
                || (breaker.halfOpenCalls() != null && breaker.halfOpenCalls() < 1)
                || negative(breaker.openMillis(), breaker.quotaOpenMillis()))) {
            throw new ConfigException(where + ": resilience.circuitBreaker has a value out of range",
                    "failureRatePercent 1-100; window, minimumCalls and halfOpenCalls ≥ 1; waits ≥ 0", null);
        }
    }

    private static boolean negative(Long... values) {
        for (Long v : values) {
            if (v != null && v < 0) {
                return true;
            }
        }
        return false;
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : " line " + location.getLineNr();
    }

    private static String rootMessage(JsonProcessingException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
    }
}
