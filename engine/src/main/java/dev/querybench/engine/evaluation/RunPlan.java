package dev.querybench.engine.evaluation;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.run.ItemKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run evaluates: questions × prompt variants × models, and how many items run at once.
 *
 * @param workspace workspace name, recorded with the run
 * @param dataset dataset name, recorded with the run
 * @param questions questions in dataset order
 * @param variants prompt variants
 * @param models model adapters by profile name, in the order given
 * @param concurrency items evaluated at once (at least 1)
 * @param matchMode the execution match mode's id, recorded with the run
 * @param repeats how many times each item is asked (for consistency), at least 1
 * @param feedback told of every finished item before the caller's listener, so the plan's own
 *     parts (such as model selection by accuracy so far) can learn from the run
 */
public record RunPlan(
        String workspace, String dataset, List<Question> questions, List<PromptTemplate> variants,
        Map<String, ModelAdapter> models, int concurrency, String matchMode, int repeats, RunListener feedback) {

    /** A plan that asks each item once and needs no feedback. */
    public RunPlan(String workspace, String dataset, List<Question> questions, List<PromptTemplate> variants,
            Map<String, ModelAdapter> models, int concurrency, String matchMode) {
        this(workspace, dataset, questions, variants, models, concurrency, matchMode, 1, RunListener.NONE);
    }

    /** A plan whose parts need no feedback. */
    public RunPlan(String workspace, String dataset, List<Question> questions, List<PromptTemplate> variants,
            Map<String, ModelAdapter> models, int concurrency, String matchMode, int repeats) {
        this(workspace, dataset, questions, variants, models, concurrency, matchMode, repeats, RunListener.NONE);
    }

    /** A plan that asks each item once. */
    public RunPlan(String workspace, String dataset, List<Question> questions, List<PromptTemplate> variants,
            Map<String, ModelAdapter> models, int concurrency, String matchMode, RunListener feedback) {
        this(workspace, dataset, questions, variants, models, concurrency, matchMode, 1, feedback);
    }

    public RunPlan {
        questions = List.copyOf(questions);
        variants = List.copyOf(variants);
        models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
        if (questions.isEmpty() || variants.isEmpty() || models.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one question, one prompt variant and one model");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1");
        }
        feedback = feedback == null ? RunListener.NONE : feedback;
    }

    /** Every item in the deterministic plan order: question, then variant, then model, then repeat. */
    public List<ItemKey> keys() {
        List<ItemKey> keys = new ArrayList<>(questions.size() * variants.size() * models.size() * repeats);
        for (Question q : questions) {
            for (PromptTemplate v : variants) {
                for (String m : models.keySet()) {
                    for (int r = 0; r < repeats; r++) {
                        keys.add(new ItemKey(q.id(), v.name(), m, r));
                    }
                }
            }
        }
        return keys;
    }
}
