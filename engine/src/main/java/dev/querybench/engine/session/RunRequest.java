package dev.querybench.engine.session;

import java.util.List;

/**
 * What a user asks to run; empty lists mean "the workspace's defaults".
 *
 * @param variants prompt variant names
 * @param models model profile names or ad-hoc specs such as {@code openai:gpt-4o-mini}
 * @param baseUrl endpoint for ad-hoc specs, or null
 * @param concurrency items at once, or null for the workspace's setting
 * @param questionIds a subset of questions, or empty for all
 * @param repeats how many times each item is asked, at least 1
 * @param bypassCache true to ask the models again instead of reading cached answers (fresh answers
 *     still replace the cached ones)
 * @param judge which LLM judge to ask after the execution match ({@link JudgeChoice#WORKSPACE} when null)
 */
public record RunRequest(List<String> variants, List<String> models, String baseUrl, Integer concurrency,
        List<String> questionIds, int repeats, boolean bypassCache, JudgeChoice judge) {

    public RunRequest {
        variants = variants == null ? List.of() : List.copyOf(variants);
        models = models == null ? List.of() : List.copyOf(models);
        questionIds = questionIds == null ? List.of() : List.copyOf(questionIds);
        repeats = Math.max(1, repeats);
        judge = judge == null ? JudgeChoice.WORKSPACE : judge;
    }

    /** A request with the workspace's judge settings. */
    public RunRequest(List<String> variants, List<String> models, String baseUrl, Integer concurrency,
            List<String> questionIds, int repeats, boolean bypassCache) {
        this(variants, models, baseUrl, concurrency, questionIds, repeats, bypassCache, JudgeChoice.WORKSPACE);
    }

    /** A request that asks each item once and uses the response cache. */
    public RunRequest(List<String> variants, List<String> models, String baseUrl, Integer concurrency,
            List<String> questionIds) {
        this(variants, models, baseUrl, concurrency, questionIds, 1, false);
    }

    /** A request that uses the response cache. */
    public RunRequest(List<String> variants, List<String> models, String baseUrl, Integer concurrency,
            List<String> questionIds, int repeats) {
        this(variants, models, baseUrl, concurrency, questionIds, repeats, false);
    }

    public static RunRequest defaults() {
        return new RunRequest(List.of(), List.of(), null, null, List.of());
    }

    /** The same request, reading cached answers or not. */
    public RunRequest withBypassCache(boolean bypass) {
        return new RunRequest(variants, models, baseUrl, concurrency, questionIds, repeats, bypass, judge);
    }

    /** The same request with another judge choice. */
    public RunRequest withJudge(JudgeChoice choice) {
        return new RunRequest(variants, models, baseUrl, concurrency, questionIds, repeats, bypassCache, choice);
    }
}
