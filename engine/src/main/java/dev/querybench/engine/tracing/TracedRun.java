package dev.querybench.engine.tracing;

import dev.querybench.engine.dataset.Question;
import java.util.List;
import java.util.Map;

/**
 * A run as a tracer sees it when it starts.
 *
 * @param runId the run's id
 * @param workspace workspace name
 * @param dataset dataset name
 * @param questions the planned questions, in plan order
 * @param prompts the prompt version each variant was loaded from, by variant name; variants with
 *     no known remote version are absent
 */
public record TracedRun(String runId, String workspace, String dataset, List<Question> questions,
        Map<String, PromptRef> prompts) {

    public TracedRun {
        questions = List.copyOf(questions);
        prompts = Map.copyOf(prompts);
    }
}
