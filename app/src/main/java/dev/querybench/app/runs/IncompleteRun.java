package dev.querybench.app.runs;

import dev.querybench.engine.evaluation.RunResults;

/**
 * What the run screen says about a run some of whose items no model answered (provider down,
 * rate limited past the run's patience): the engine's "answered n of N" wording, the cause and
 * the fix, so that an incomplete run never reads as a finished one.
 *
 * @param status the status line
 * @param cause the banner's message: how many items were left unanswered and why
 * @param remedy the banner's next step: the provider's remedy and how to resume
 */
record IncompleteRun(String status, String cause, String remedy) {

    static IncompleteRun of(RunResults outcome) {
        String id = outcome.run().id();
        int missing = outcome.run().plannedItems() - outcome.answered();
        String status = "Incomplete: " + outcome.answeredLine() + " items; Resume finishes it";
        var main = outcome.mainCause();
        String cause = missing + (missing == 1 ? " item was" : " items were") + " not answered"
                + main.map(u -> ": " + u.cause()).orElse("") + ". Unanswered items are not wrong: they are"
                + " left out of accuracy and asked again on resume.";
        String remedy = main.map(u -> RunErrorBanner.sentence(u.remedy()) + " ").orElse("")
                + "Resume asks only the unanswered " + (missing == 1 ? "item" : "items") + " and keeps the answered"
                + " ones (or run `querybench run --resume " + id + "`).";
        return new IncompleteRun(status, cause, remedy);
    }

    /** The banner's failure: the cause and how to finish the run. */
    dev.querybench.engine.errors.Explanation explanation() {
        return new dev.querybench.engine.errors.Explanation(cause, "", remedy);
    }
}
