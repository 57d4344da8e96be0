package dev.querybench.app.dataset;

import java.util.List;

/**
 * One question of a generated test suite, as the Datasets screen lists it.
 *
 * @param questionId the question
 * @param caught how many of the neighbours that pass on the real database the suite catches
 * @param toCatch how many neighbours pass on the real database (the false positives of one database)
 * @param survivors the neighbours no instance catches, as "change — SQL" (maybe equivalent rewrites)
 * @param problem why the question got no neighbours, or empty
 */
public record TestSuiteRow(String questionId, int caught, int toCatch, List<String> survivors, String problem) {

    public TestSuiteRow {
        survivors = List.copyOf(survivors);
    }

    /** "12 of 14", "nothing to catch" when the database itself catches every neighbour, or the problem. */
    public String caughtText() {
        if (!problem.isEmpty()) {
            return problem;
        }
        return toCatch == 0 ? "nothing to catch" : caught + " of " + toCatch;
    }

    /** "none", or the survivors one a line. */
    public String survivorsText() {
        return survivors.isEmpty() ? "none" : String.join("\n", survivors);
    }
}
