package dev.querybench.engine.config;

import java.util.List;

/**
 * The contents of a workspace's {@code querybench.yaml}. Immutable.
 *
 * @param name workspace name
 * @param description one line about it
 * @param database the database profile
 * @param dataset dataset file, relative to the workspace
 * @param prompts prompt folder, relative to the workspace
 * @param variants prompt variant names evaluated by default (all when empty)
 * @param models model profiles
 * @param run run defaults
 * @param langfuse the Langfuse connection, or null when the workspace has none
 */
public record WorkspaceConfig(
        String name, String description, DatabaseConfig database, String dataset, String prompts,
        List<String> variants, List<ModelConfig> models, RunSettings run, LangfuseConfig langfuse) {

    public WorkspaceConfig {
        variants = variants == null ? List.of() : List.copyOf(variants);
        models = models == null ? List.of() : List.copyOf(models);
        run = run == null ? RunSettings.DEFAULTS : run;
        prompts = prompts == null ? "prompts" : prompts;
    }

    /** A configuration without a Langfuse section. */
    public WorkspaceConfig(String name, String description, DatabaseConfig database, String dataset, String prompts,
            List<String> variants, List<ModelConfig> models, RunSettings run) {
        this(name, description, database, dataset, prompts, variants, models, run, null);
    }
}
