package dev.querybench.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.DatasetReader;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.prompt.PromptLibrary;
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

    /**
     * @throws ConfigException naming the file, the place and the fix when the workspace is unusable
     */
    public Workspace load(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        Path file = root.resolve(Workspace.CONFIG_FILE);
        WorkspaceConfig config = readConfig(file);
        check(config, file);
        Dataset dataset = datasets.read(root.resolve(config.dataset()));
        PromptLibrary prompts = PromptLibrary.load(root.resolve(config.prompts()));
        return new Workspace(root, config, dataset, prompts);
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
