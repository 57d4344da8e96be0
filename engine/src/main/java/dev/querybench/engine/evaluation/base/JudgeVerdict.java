package dev.querybench.engine.evaluation.base;

import dev.querybench.engine.model.Provenance;
import dev.querybench.engine.model.Usage;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the LLM judge said about one item, next to the execution verdict, and what asking it took.
 * Immutable.
 *
 * @param judge the judge strategy's id, such as {@code llm-judge:judge-equivalence}
 * @param model the judge's model profile name
 * @param decision equivalent, not_equivalent, unsure, or ERROR
 * @param score the judge's confidence that the queries are equivalent, 0..1 (0 for ERROR)
 * @param rationale the judge's explanation, or why there is no verdict
 * @param rawAnswer the judge's raw answer when it was malformed twice, else null
 * @param usage tokens over every judge call for the item (a retry included)
 * @param latencyMs time spent in judge calls, in milliseconds
 * @param cost what the judge calls cost in US dollars: zero from the cache, null when the judge model has no price
 * @param provenance which model really answered the last judge call, and whether from the cache
 */
public record JudgeVerdict(String judge, String model, Decision decision, double score, String rationale,
        String rawAnswer, Usage usage, long latencyMs, BigDecimal cost, Provenance provenance) {

    public JudgeVerdict {
        rationale = rationale == null ? "" : rationale;
        usage = usage == null ? Usage.NONE : usage;
        provenance = provenance == null ? Provenance.UNKNOWN : provenance;
    }

    /**
     * True when the judge could not give a verdict because its model failed (not because it
     * answered badly); such verdicts are asked again when the run resumes.
     */
    public boolean modelFailed() {
        return decision == Decision.ERROR && rawAnswer == null;
    }

    /**
     * Whether the judge and the execution match say the same: equivalent with PASS or
     * not_equivalent with FAIL. Empty when either gave no definite answer (unsure, ERROR).
     */
    public java.util.Optional<Boolean> agreesWith(Outcome execution) {
        if (execution == Outcome.ERROR || decision == Decision.UNSURE || decision == Decision.ERROR) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of((decision == Decision.EQUIVALENT) == (execution == Outcome.PASS));
    }

    /** The judge's answer. */
    public enum Decision {
        EQUIVALENT("equivalent"), NOT_EQUIVALENT("not_equivalent"), UNSURE("unsure"), ERROR("ERROR");

        private final String id;

        Decision(String id) {
            this.id = id;
        }

        /** As the judge prompt spells it; {@code ERROR} when there is no verdict. */
        public String id() {
            return id;
        }

        /**
         * @throws IllegalArgumentException for an unknown id
         */
        public static Decision byId(String id) {
            return Arrays.stream(values()).filter(d -> d.id.equals(id.strip().toLowerCase(Locale.ROOT))
                    || d.id.equals(id.strip())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown judge decision '" + id + "'"));
        }
    }
}
