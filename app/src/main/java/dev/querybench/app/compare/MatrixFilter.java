package dev.querybench.app.compare;

/** Which questions the matrix shows, relative to the compared pair A and B. */
public enum MatrixFilter {
    ALL("All questions"),
    DISAGREEMENTS("Disagreements"),
    A_RIGHT_B_WRONG("A right, B wrong"),
    A_WRONG_B_RIGHT("A wrong, B right"),
    ANY_FAILURE("Any column failing"),
    /** Offered only for judged runs: a column where the LLM judge contradicts the execution verdict. */
    JUDGE_DISAGREES("Judge disagrees"),
    /** Offered once a baseline run is picked: questions a column got right that the baseline got wrong. */
    IMPROVED("Improved vs baseline"),
    /** Offered once a baseline run is picked: questions a column got wrong that the baseline got right. */
    REGRESSED("Regressed vs baseline");

    private final String label;

    MatrixFilter(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
