package dev.querybench.engine.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.DatasetImporter;
import dev.querybench.engine.dataset.DatasetReader;
import dev.querybench.engine.errors.FileProblem;
import dev.querybench.engine.prompt.PromptLibrary;
import dev.querybench.engine.prompt.PromptTask;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.prompt.TemplateException;
import dev.querybench.engine.yaml.YamlSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads and checks a workspace folder. Thread-safe. */
public final class WorkspaceLoader {

    /** Configured once and only read with after, so one mapper (and its deserializers) serves every loader. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final ObjectMapper yaml = YAML;
    private final DatasetReader datasets = new DatasetReader();
    private final DatasetImporter imported = new DatasetImporter();

    /**
     * Reads the workspace and checks everything that can be checked without its database: the
     * settings file, the dataset and the prompt files. This is the one check doctor, run, score,
     * the workbench's load and the connection wizard's save all go through, so whatever one of
     * them refuses, all refuse with the same message.
     *
     * @throws ConfigException or {@link dev.querybench.engine.dataset.DatasetException} or
     *     {@link dev.querybench.engine.prompt.TemplateException} naming the file, line, column,
     *     field and the fix when the workspace is unusable
     */
    public Workspace load(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        Path file = root.resolve(Workspace.CONFIG_FILE);
        YamlSource source = source(file);
        WorkspaceConfig config = bind(source, file);
        WorkspaceSettingsCheck.check(config, file, source);
        Path datasetFile = root.resolve(config.dataset());
        if (!Files.isRegularFile(datasetFile)) {
            throw source.fail(List.of("dataset"), "the dataset file " + config.dataset() + " does not exist in "
                    + root, "point 'dataset' at the dataset file, relative to the workspace folder");
        }
        Dataset dataset = readDataset(datasetFile);
        Path promptFolder = root.resolve(config.prompts());
        // a workspace only scored or checked against its databases may have no prompts; one that names them must
        boolean promptsNamed = source.node("prompts").isPresent() || !config.variants().isEmpty();
        if (!Files.isDirectory(promptFolder) && !promptsNamed) {
            PromptLibrary none = PromptLibrary.load(promptFolder);
            checkJudgePrompt(config.judge(), none, file.getFileName() + ": judge.prompt");
            return new Workspace(root, config, dataset, none);
        }
        if (!Files.isDirectory(promptFolder)) {
            throw source.fail(List.of("prompts"), "the prompt folder " + config.prompts() + " does not exist in "
                    + root, "point 'prompts' at the folder of *.prompt files, relative to the workspace folder");
        }
        PromptLibrary prompts = PromptLibrary.load(promptFolder);
        checkPrompts(config, prompts, source, promptsNamed);
        checkJudgePrompt(config.judge(), prompts, source.problem(List.of("judge", "prompt"), "", "").where()
                + ": judge.prompt");
        return new Workspace(root, config, dataset, prompts);
    }

    /**
     * Every prompt file must be usable (a broken file is reported as itself, not as a missing
     * variant later); every variant the workspace lists must exist and be a generation template.
     */
    private static void checkPrompts(WorkspaceConfig config, PromptLibrary prompts, YamlSource source,
            boolean promptsNamed) {
        if (!prompts.problems().isEmpty()) {
            throw new TemplateException(prompts.findings().getFirst());
        }
        List<String> generation = prompts.templates(PromptTask.SQL_GENERATION).stream().map(PromptTemplate::name)
                .sorted().toList();
        if (generation.isEmpty() && promptsNamed) {
            throw source.fail(List.of("prompts"), "the prompt folder " + config.prompts()
                    + " has no sql-generation template", "add a *.prompt file with 'task: sql-generation'");
        }
        for (int i = 0; i < config.variants().size(); i++) {
            String name = config.variants().get(i);
            Optional<PromptTemplate> template = prompts.template(name);
            if (template.isEmpty()) {
                throw source.fail(List.of("variants", i), "no prompt variant named '" + name + "' in "
                        + config.prompts(), "use one of " + generation + ", or add " + name + PromptLibrary.EXTENSION);
            }
            if (template.get().task() != PromptTask.SQL_GENERATION) {
                throw source.fail(List.of("variants", i), "'" + name + "' is a " + template.get().task().id()
                        + " template, not a variant to evaluate", "use one of " + generation);
            }
        }
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

    /** The settings alone, checked for YAML, types and unknown keys (not against the rest of the workspace). */
    public WorkspaceConfig readConfig(Path file) {
        return bind(source(file), file);
    }

    private static YamlSource source(Path file) {
        String name = file.getFileName().toString();
        String text;
        try {
            text = YamlSource.readText(file, name, WorkspaceLoader::failure);
        } catch (NoSuchFileException e) {
            throw new ConfigException("no " + Workspace.CONFIG_FILE + " in " + file.getParent(),
                    "point --workspace at a folder with a querybench.yaml, or use --workspace sample", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + (Files.isDirectory(file) ? ": it is a folder"
                    : Files.isReadable(file) ? "" : ": it is not readable"),
                    "check that it is a file you may read", e);
        }
        return YamlSource.parse(name, text, 0, WorkspaceLoader::failure);
    }

    private WorkspaceConfig bind(YamlSource source, Path file) {
        WorkspaceConfig config = source.empty() ? null : source.bind(yaml, WorkspaceConfig.class);
        if (config == null) {
            throw new ConfigException(file.getFileName() + ":1: the file is empty",
                    "describe the workspace: database, dataset, models", null);
        }
        return config;
    }

    private static ConfigException failure(FileProblem problem) {
        return new ConfigException(problem.message(), problem.fix(), null);
    }

    /**
     * Checks that a judge prompt exists in the library and is a {@code sql-judge} template.
     *
     * @param what where the name came from, for the message ({@code querybench.yaml: judge.prompt}, {@code --judge-prompt})
     * @throws ConfigException naming the prompt, what is wrong and the judge prompts there are
     */
    public static void checkJudgePrompt(JudgeConfig judge, PromptLibrary prompts, String what) {
        if (judge == null || WorkspaceSettingsCheck.switchedOffWithoutModel(judge)) {
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

}
