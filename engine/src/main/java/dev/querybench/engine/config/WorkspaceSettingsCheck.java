package dev.querybench.engine.config;

import dev.querybench.engine.errors.UrlCredentials;
import dev.querybench.engine.evaluation.sql.MatchMode;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.yaml.YamlSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks of {@code querybench.yaml} against itself, before the dataset and prompts are read:
 * database profiles and their instances, model profiles and fallback chains, the judge's model,
 * resilience, cache and run settings. Each failure names the setting's line and column and the fix
 * ({@link YamlSource#fail}). Stateless.
 */
final class WorkspaceSettingsCheck {

    private WorkspaceSettingsCheck() {}

    static void check(WorkspaceConfig config, Path file, YamlSource source) {
        if (config.database() == null) {
            throw source.fail(List.of("database"), "no 'database' section", "add database: with type and path");
        }
        checkDatabases(config, file, source);
        if (config.dataset() == null || config.dataset().isBlank()) {
            throw source.fail(List.of("dataset"), "no 'dataset'", "add dataset: <file>.yaml");
        }
        Set<String> names = checkModels(config, source);
        for (int i = 0; i < config.models().size(); i++) {
            ModelConfig model = config.models().get(i);
            checkFallback(source, List.of("models", i, "fallback"), model.fallback(), names, model.name());
        }
        checkFallback(source, List.of("run", "fallback"), config.run().fallback(), names, null);
        if (config.langfuse() != null) {
            UrlCredentials.find(config.langfuse().host()).ifPresent(found -> {
                throw source.fail(List.of("langfuse", "host"), "the URL holds " + found
                        + "; a key written here would be shown and stored wherever the URL is",
                        "remove it from the URL and give the keys as publicKey and secretKey: {env: VARIABLE}");
            });
        }
        checkResilience(source, config.resilience());
        if (config.cache().ttlHoursOrDefault() < 1) {
            throw source.fail(List.of("cache", "ttlHours"), "cache.ttlHours must be at least 1",
                    "give the hours an answer is kept, or turn the cache off with enabled: false");
        }
        checkJudgeModel(config.judge(), names, source);
        for (int i = 0; i < config.run().models().size(); i++) {
            String m = config.run().models().get(i);
            if (!names.contains(m)) {
                throw source.fail(List.of("run", "models", i), "run.models names '" + m
                        + "', which is not a model profile", "use names from the models list: " + new TreeSet<>(names));
            }
        }
        checkRunSettings(config.run(), source);
    }

    private static void checkDatabases(WorkspaceConfig config, Path file, YamlSource source) {
        DatabaseProfileResolver profiles = new DatabaseProfileResolver(SecretResolver.none());
        Set<String> databaseNames = new HashSet<>();
        List<DatabaseConfig> all = new ArrayList<>();
        all.add(config.database());
        all.addAll(config.databases());
        for (int i = 0; i < all.size(); i++) {
            DatabaseConfig db = all.get(i);
            List<Object> path = i == 0 ? List.of("database") : List.of("databases", i - 1);
            if (db == null) {
                throw source.fail(path, "an empty entry in 'databases'", "remove it");
            }
            try {
                profiles.check(db, file.getParent());
            } catch (ConfigException e) {
                throw source.fail(path, e.error().message(), e.error().remedy());
            }
            if (!databaseNames.add(db.nameOrDefault())) {
                throw source.fail(path, "database profile name '" + db.nameOrDefault() + "' is used twice",
                        "give every database profile its own name");
            }
        }
        checkInstances(source, all, databaseNames, file.getParent());
    }

    /** Every model profile has a unique name, a spec that parses and no key in its base URL; returns the names. */
    private static Set<String> checkModels(WorkspaceConfig config, YamlSource source) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < config.models().size(); i++) {
            ModelConfig model = config.models().get(i);
            List<Object> path = List.of("models", i);
            if (model == null) {
                throw source.fail(path, "an empty entry in 'models'", "remove it, or give it name: and spec:");
            }
            if (model.name() == null || model.name().isBlank()) {
                throw source.fail(path, "a model profile has no 'name'", "give every model a name");
            }
            if (!names.add(model.name())) {
                throw source.fail(List.of("models", i, "name"), "model name '" + model.name() + "' is used twice",
                        "give every model profile its own name");
            }
            try {
                ModelSpec.parse(model.spec());
            } catch (IllegalArgumentException e) {
                throw source.fail(List.of("models", i, "spec"), "model '" + model.name() + "': " + e.getMessage(),
                        "write spec: provider:model, such as openai:gpt-4o-mini");
            }
            int index = i;
            UrlCredentials.find(model.baseUrl()).ifPresent(found -> {
                throw source.fail(List.of("models", index, "baseUrl"), "the URL holds " + found
                        + "; a key written here would be shown and stored wherever the URL is",
                        "remove it from the URL and give the key as apiKey: {env: VARIABLE} (or a keyring entry)");
            });
        }
        return names;
    }

    /** Whole-number settings of at least 1, the match mode, and a streamed-rows limit that fits the row cap. */
    private static void checkRunSettings(RunSettings run, YamlSource source) {
        for (String setting : List.of("concurrency", "rowCap", "queryTimeoutSeconds")) {
            int value = switch (setting) {
                case "concurrency" -> run.concurrencyOrDefault();
                case "rowCap" -> run.rowCapOrDefault();
                default -> run.queryTimeoutSecondsOrDefault();
            };
            if (value < 1) {
                throw source.fail(List.of("run", setting), "run." + setting + " is " + value
                        + "; it must be at least 1", "give a whole number of 1 or more, or remove it for the default");
            }
        }
        try {
            MatchMode.parse(run.matchModeOrDefault());
        } catch (IllegalArgumentException e) {
            throw source.fail(List.of("run", "matchMode"), "unknown match mode '" + run.matchMode() + "'",
                    "use one of " + String.join(", ", Arrays.stream(MatchMode.values()).map(MatchMode::id).toList()));
        }
        Long streamed = run.maxStreamedRows();
        if (streamed != null && streamed < 0) {
            throw source.fail(List.of("run", "maxStreamedRows"), "run.maxStreamedRows is " + streamed
                    + "; it cannot be negative", "give the most rows to stream for a comparison beyond the row cap"
                    + " (default " + RunSettings.DEFAULT_MAX_STREAMED_ROWS + "), or 0 to compare only the first rowCap rows");
        }
        if (streamed != null && streamed != 0 && streamed < run.rowCapOrDefault()) {
            throw source.fail(List.of("run", "maxStreamedRows"), "run.maxStreamedRows is " + streamed
                    + ", below run.rowCap (" + run.rowCapOrDefault()
                    + "), so no result beyond the row cap could be compared whole",
                    "give at least the row cap (default " + RunSettings.DEFAULT_MAX_STREAMED_ROWS + "), or 0 to compare"
                            + " only the first rowCap rows");
        }
    }

    private static void checkJudgeModel(JudgeConfig judge, Set<String> names, YamlSource source) {
        if (judge == null || switchedOffWithoutModel(judge)) {
            return;
        }
        if (judge.model() == null || judge.model().isBlank()) {
            throw source.fail(List.of("judge", "model"), "judge.model is missing",
                    "name the model profile that judges, one of " + names + " (or remove the judge section)");
        }
        if (!names.contains(judge.model())) {
            throw source.fail(List.of("judge", "model"), "judge.model '" + judge.model() + "' is not a model profile",
                    "use one of the names under models: " + names + ", or add a profile with that name");
        }
    }

    /** {@code judge: {enabled: false}} keeps the section as a placeholder; nothing in it needs to be right. */
    static boolean switchedOffWithoutModel(JudgeConfig judge) {
        return Boolean.FALSE.equals(judge.enabled()) && (judge.model() == null || judge.model().isBlank());
    }

    /** Test-suite instances name other profiles or existing SQLite files, never the profile itself. */
    private static void checkInstances(YamlSource source, List<DatabaseConfig> all, Set<String> profileNames,
            Path root) {
        for (int d = 0; d < all.size(); d++) {
            DatabaseConfig db = all.get(d);
            for (int i = 0; i < db.instances().size(); i++) {
                String instance = db.instances().get(i);
                List<Object> path = d == 0 ? List.of("database", "instances", i) : List.of("databases", d - 1,
                        "instances", i);
                String what = "database profile '" + db.nameOrDefault() + "' lists instance '" + instance + "'";
                if (instance == null || instance.isBlank() || instance.equals(db.nameOrDefault())) {
                    throw source.fail(path, "database profile '" + db.nameOrDefault()
                            + "' lists an empty instance or itself under instances",
                            "list other profiles or SQLite files with the same schema");
                }
                if (!profileNames.contains(instance) && !Files.isRegularFile(root.resolve(instance))) {
                    throw source.fail(path, what + ", which is neither a database profile nor an existing file",
                            "use a profile name (" + String.join(", ", profileNames)
                                    + ") or an SQLite file's path relative to the workspace");
                }
            }
        }
    }

    private static void checkFallback(YamlSource source, List<Object> path, List<String> chain, Set<String> names,
            String self) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < chain.size(); i++) {
            String m = chain.get(i);
            List<Object> at = new ArrayList<>(path);
            at.add(i);
            if (!names.contains(m)) {
                throw source.fail(at, "the fallback '" + m + "' is not a model profile",
                        "use names from the models list: " + new TreeSet<>(names));
            }
            if (m.equals(self)) {
                throw source.fail(at, "the fallback names the profile itself", "list other profiles as its fallback");
            }
            if (!seen.add(m)) {
                throw source.fail(at, "the fallback names '" + m + "' twice", "list each profile once");
            }
        }
    }

    private static void checkResilience(YamlSource source, ResilienceConfig resilience) {
        String selection = resilience.selection();
        if (selection != null && !List.of("in-order", "quality", "cost").contains(selection)) {
            throw source.fail(List.of("resilience", "selection"), "resilience.selection '" + selection
                    + "' is not known", "use in-order, quality or cost");
        }
        Double floor = resilience.qualityFloor();
        if (floor != null && (floor < 0 || floor > 1)) {
            throw source.fail(List.of("resilience", "qualityFloor"), "resilience.qualityFloor must be between 0 and 1",
                    "write the accuracy as a fraction, such as 0.6");
        }
        resilience.rateLimits().forEach((provider, perMinute) -> {
            if (!ModelSpec.PROVIDERS.contains(provider) || perMinute == null || perMinute < 1) {
                throw source.fail(List.of("resilience", "rateLimits", provider), "resilience.rateLimits." + provider
                        + " must name a provider (" + ModelSpec.PROVIDERS + ") and at least 1 request per minute",
                        "write rateLimits: {openai: 60} with a provider's name and requests per minute");
            }
        });
        RetrySettings retry = resilience.retry();
        if (retry != null && ((retry.maxAttempts() != null && retry.maxAttempts() < 1)
                || (retry.jitter() != null && (retry.jitter() < 0 || retry.jitter() > 1))
                || (retry.multiplier() != null && retry.multiplier() < 1)
                || negative(retry.initialBackoffMillis(), retry.maxBackoffMillis(), retry.maxRetryAfterMillis()))) {
            throw source.fail(List.of("resilience", "retry"), "resilience.retry has a value out of range",
                    "maxAttempts ≥ 1, multiplier ≥ 1, jitter between 0 and 1, waits ≥ 0");
        }
        BreakerSettings breaker = resilience.circuitBreaker();
        if (breaker != null && ((breaker.failureRatePercent() != null
                && (breaker.failureRatePercent() < 1 || breaker.failureRatePercent() > 100))
                || (breaker.window() != null && breaker.window() < 1)
                || (breaker.minimumCalls() != null && breaker.minimumCalls() < 1)
                || (breaker.halfOpenCalls() != null && breaker.halfOpenCalls() < 1)
                || negative(breaker.openMillis(), breaker.quotaOpenMillis()))) {
            throw source.fail(List.of("resilience", "circuitBreaker"), "resilience.circuitBreaker has a value out of"
                    + " range", "failureRatePercent 1-100; window, minimumCalls and halfOpenCalls ≥ 1; waits ≥ 0");
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
}
