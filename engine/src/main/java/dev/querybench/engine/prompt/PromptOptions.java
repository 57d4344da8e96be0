package dev.querybench.engine.prompt;

import java.util.List;

/**
 * Generation options a variant sets in its front matter:
 *
 * <pre>
 * few_shots: {select: similar, k: 3}      # or random (with seed) or fixed (with ids)
 * repair: 2                               # repair attempts after an SQL error
 * </pre>
 *
 * @param fewShots how examples for {@code {{few_shots}}} are chosen, or null for none
 * @param repairAttempts how many times a failing query is sent back with its error (0: never)
 */
public record PromptOptions(FewShotSpec fewShots, int repairAttempts) {

    public static final PromptOptions NONE = new PromptOptions(null, 0);

    public PromptOptions {
        if (repairAttempts < 0 || repairAttempts > 10) {
            throw new IllegalArgumentException("repair must be between 0 and 10");
        }
    }

    /**
     * How few-shot examples are chosen.
     *
     * @param select {@code fixed}, {@code random} or {@code similar}
     * @param k how many examples
     * @param seed random seed for {@code random}
     * @param ids question ids for {@code fixed}
     */
    public record FewShotSpec(String select, int k, long seed, List<String> ids) {
        public FewShotSpec {
            if (!List.of("fixed", "random", "similar").contains(select)) {
                throw new IllegalArgumentException("few_shots.select must be fixed, random or similar, not '" + select + "'");
            }
            ids = ids == null ? List.of() : List.copyOf(ids);
            if ("fixed".equals(select) && ids.isEmpty()) {
                throw new IllegalArgumentException("few_shots with select: fixed needs ids: [question ids]");
            }
            if (k < 1 && !"fixed".equals(select)) {
                throw new IllegalArgumentException("few_shots.k must be at least 1");
            }
        }
    }
}
