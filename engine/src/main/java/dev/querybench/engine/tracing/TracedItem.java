package dev.querybench.engine.tracing;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.run.ItemResult;
import java.util.Objects;

/**
 * One finished item (question × variant × model) with what a trace needs beyond the stored result.
 *
 * @param runId the run's id
 * @param workspace workspace name
 * @param dataset dataset name
 * @param question the question asked
 * @param result the stored item result (prompt, answer, SQL, verdict, usage)
 * @param prompt the prompt version the variant came from, or null when it has none
 * @param timing when the model call and the SQL execution ran
 * @param cost what the model call cost, or null when no price is known
 */
public record TracedItem(String runId, String workspace, String dataset, Question question, ItemResult result,
        PromptRef prompt, ItemTiming timing, Cost cost) {

    public TracedItem {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(timing, "timing");
    }
}
