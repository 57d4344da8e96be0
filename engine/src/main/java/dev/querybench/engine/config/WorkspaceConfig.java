package dev.querybench.engine.config;

import java.util.List;
import java.util.Optional;

/**
 * The contents of a workspace's {@code querybench.yaml}. Immutable.
 *
 * @param name workspace name
 * @param description one line about it
 * @param database the database profile runs evaluate against
 * @param databases further named database profiles (for {@code --db NAME}: the same dataset on
 *     another engine, a loader account …)
 * @param dataset dataset file, relative to the workspace
 * @param prompts prompt folder, relative to the workspace
 * @param variants prompt variant names evaluated by default (all when empty)
 * @param models model profiles
 * @param run run defaults
 * @param langfuse the Langfuse connection, or null when the workspace has none
 * @param resilience retries, circuit breakers, rate limits and fallback selection for model calls
 * @param cache the response cache
 * @param judge the LLM judge asked after the execution match, or null when the workspace has none
 */
public record WorkspaceConfig(
        String name, String description, DatabaseConfig database, List<DatabaseConfig> databases, String dataset,
        String prompts, List<String> variants, List<ModelConfig> models, RunSettings run, LangfuseConfig langfuse,
        ResilienceConfig resilience, CacheConfig cache, JudgeConfig judge) {

    /** A configuration without a judge. */
    public WorkspaceConfig(String name, String description, DatabaseConfig database, List<DatabaseConfig> databases,
            String dataset, String prompts, List<String> variants, List<ModelConfig> models, RunSettings run,
            LangfuseConfig langfuse, ResilienceConfig resilience, CacheConfig cache) {
        this(name, description, database, databases, dataset, prompts, variants, models, run, langfuse, resilience,
                cache, null);
    }

    /** A configuration with only the default database profile, no Langfuse and default resilience. */
    public WorkspaceConfig(String name, String description, DatabaseConfig database, String dataset, String prompts,
            List<String> variants, List<ModelConfig> models, RunSettings run) {
        this(name, description, database, List.of(), dataset, prompts, variants, models, run, null, null, null);
    }

    /** A configuration with only the default database profile. */
    public WorkspaceConfig(String name, String description, DatabaseConfig database, String dataset, String prompts,
            List<String> variants, List<ModelConfig> models, RunSettings run, LangfuseConfig langfuse) {
        this(name, description, database, List.of(), dataset, prompts, variants, models, run, langfuse, null, null);
    }

    /** A configuration without a Langfuse section. */
    public WorkspaceConfig(String name, String description, DatabaseConfig database, List<DatabaseConfig> databases,
            String dataset, String prompts, List<String> variants, List<ModelConfig> models, RunSettings run) {
        this(name, description, database, databases, dataset, prompts, variants, models, run, null, null, null);
    }

    /** A configuration with resilience and cache settings and nothing else optional. */
    public WorkspaceConfig(String name, String description, DatabaseConfig database, String dataset, String prompts,
            List<String> variants, List<ModelConfig> models, RunSettings run, ResilienceConfig resilience,
            CacheConfig cache) {
        this(name, description, database, List.of(), dataset, prompts, variants, models, run, null, resilience, cache);
    }

    public WorkspaceConfig {
        databases = databases == null ? List.of() : List.copyOf(databases);
        variants = variants == null ? List.of() : List.copyOf(variants);
        models = models == null ? List.of() : List.copyOf(models);
        run = run == null ? RunSettings.DEFAULTS : run;
        prompts = prompts == null ? "prompts" : prompts;
        resilience = resilience == null ? ResilienceConfig.DEFAULTS : resilience;
        cache = cache == null ? CacheConfig.DEFAULTS : cache;
    }

    /** The profile with this name: the default {@code database} or one of {@code databases}. */
    public Optional<DatabaseConfig> databaseProfile(String profileName) {
        if (database != null && (profileName == null || database.nameOrDefault().equals(profileName))) {
            return Optional.of(database);
        }
        return databases.stream().filter(d -> d.nameOrDefault().equals(profileName)).findFirst();
    }

    /** Names of all database profiles, the default first. */
    public List<String> databaseProfileNames() {
        List<String> names = new java.util.ArrayList<>();
        if (database != null) {
            names.add(database.nameOrDefault());
        }
        databases.forEach(d -> names.add(d.nameOrDefault()));
        return names;
    }
}
