package dev.querybench.engine.config;

import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.prompt.PromptLibrary;
import java.nio.file.Path;

/**
 * A loaded workspace: its folder, configuration, dataset and prompt variants. Immutable.
 *
 * @param root the workspace folder
 * @param config contents of {@code querybench.yaml}
 * @param dataset the questions
 * @param prompts the prompt variants (problems are listed, not thrown)
 */
public record Workspace(Path root, WorkspaceConfig config, Dataset dataset, PromptLibrary prompts) {

    public static final String CONFIG_FILE = "querybench.yaml";
    public static final String STATE_FOLDER = ".querybench";

    public String name() {
        return config.name() == null ? root.getFileName().toString() : config.name();
    }

    public Path resolve(String relative) {
        return root.resolve(relative).normalize();
    }

    /** Where QueryBench keeps the workspace's own state (run store, built databases). */
    public Path stateFolder() {
        return root.resolve(STATE_FOLDER);
    }
}
