package dev.querybench.engine.model;

/**
 * Who really answered a call and what it took: reports use it so that a retry, a switch to a
 * fallback model or an answer from the cache is never hidden.
 *
 * @param answeredBy the spec of the model that produced the answer, such as {@code anthropic:claude-sonnet-4-5}
 * @param retries calls that failed and were repeated before the answer, over all models tried
 * @param fallbacks how many models were passed over (failed or unavailable) before the one that answered
 * @param cached whether the answer came from the response cache (no call, no cost)
 */
public record Provenance(String answeredBy, int retries, int fallbacks, boolean cached) {

    /** Nothing known: an answer recorded before provenance was kept. */
    public static final Provenance UNKNOWN = new Provenance("", 0, 0, false);

    public Provenance {
        answeredBy = answeredBy == null ? "" : answeredBy;
        if (retries < 0 || fallbacks < 0) {
            throw new IllegalArgumentException("retries and fallbacks cannot be negative");
        }
    }

    /** A first-time answer from {@code spec} with no retries and no fallback. */
    public static Provenance direct(ModelSpec spec) {
        return new Provenance(spec.toString(), 0, 0, false);
    }
}
