package dev.querybench.engine.config;

/**
 * The workspace's LLM judge ({@code judge:} in {@code querybench.yaml}): after the execution
 * match, a separately configured model reads the question, schema, both queries and samples of
 * both results and says whether they are equivalent. Immutable.
 *
 * @param model a model profile name from {@code models:} (independent of {@code run.models})
 * @param prompt a {@code sql-judge} template in the prompt folder (default {@value #DEFAULT_PROMPT})
 * @param enabled whether runs ask the judge (default true when a model is named)
 * @param includeRows whether the judge sees the first rows of both results (default true)
 */
public record JudgeConfig(String model, String prompt, Boolean enabled, Boolean includeRows) {

    public static final String DEFAULT_PROMPT = "judge-equivalence";

    /** True when runs ask the judge by default. */
    public boolean enabledOrDefault() {
        return model != null && !model.isBlank() && (enabled == null || enabled);
    }

    public String promptOrDefault() {
        return prompt == null || prompt.isBlank() ? DEFAULT_PROMPT : prompt;
    }

    public boolean includeRowsOrDefault() {
        return includeRows == null || includeRows;
    }
}
