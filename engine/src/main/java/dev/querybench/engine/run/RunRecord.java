package dev.querybench.engine.run;

import java.time.Instant;
import java.util.List;

/**
 * A run's identity and plan as stored.
 *
 * @param id run id
 * @param createdAt when it started
 * @param workspace workspace name
 * @param dataset dataset name
 * @param questionIds questions in plan order
 * @param variants prompt variant names
 * @param models model profile names
 * @param matchMode execution match mode
 * @param status {@code running}, {@code finished} or {@code cancelled}
 * @param repeats how many times each (question, variant, model) is asked
 */
public record RunRecord(
        String id, Instant createdAt, String workspace, String dataset, List<String> questionIds, List<String> variants,
        List<String> models, String matchMode, String status, int repeats) {

    /** A run that asks each item once. */
    public RunRecord(String id, Instant createdAt, String workspace, String dataset, List<String> questionIds,
            List<String> variants, List<String> models, String matchMode, String status) {
        this(id, createdAt, workspace, dataset, questionIds, variants, models, matchMode, status, 1);
    }

    public RunRecord {
        questionIds = List.copyOf(questionIds);
        variants = List.copyOf(variants);
        models = List.copyOf(models);
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1");
        }
    }

    public int plannedItems() {
        return questionIds.size() * variants.size() * models.size() * repeats;
    }

    public RunRecord withStatus(String newStatus) {
        return new RunRecord(id, createdAt, workspace, dataset, questionIds, variants, models, matchMode, newStatus,
                repeats);
    }
}
