package dev.querybench.engine.evaluation.sql;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.DatabaseUnavailableException;
import dev.querybench.engine.db.UnknownDatabaseException;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.EvaluationStrategy;
import dev.querybench.engine.evaluation.base.ExecutionEvaluator;
import dev.querybench.engine.evaluation.base.Verdict;
import java.util.function.Function;

/**
 * Judges each question on its own database, for datasets spanning several: the router gives the
 * evaluator of the question's database (one per database, so each gold result is computed once
 * per database and shared). A question naming a database nobody knows is an ERROR item (a
 * dataset problem) whose reason names the question and the known databases. Thread-safe when
 * the router is.
 */
public final class PerDatabaseEvaluator implements ExecutionEvaluator {

    /** An ERROR because the question's database is unknown, missing or unusable (a dataset problem). */
    public static final String FLAG_DATASET_ERROR = "dataset-error";

    private final MatchMode matchMode;
    private final Function<Question, ? extends EvaluationStrategy> router;

    /**
     * @param router the evaluator of a question's database; throws {@link UnknownDatabaseException}
     *     for a database it does not know
     */
    public PerDatabaseEvaluator(MatchMode matchMode, Function<Question, ? extends EvaluationStrategy> router) {
        this.matchMode = matchMode;
        this.router = router;
    }

    @Override
    public String id() {
        return "execution-" + matchMode.id();
    }

    @Override
    public Verdict evaluate(Question question, String predictedSql) {
        EvaluationStrategy evaluator;
        try {
            evaluator = router.apply(question);
        } catch (UnknownDatabaseException e) {
            return datasetError(matchMode, e.getMessage());
        } catch (DatabaseUnavailableException e) {
            return datasetError(matchMode, "question " + question.id() + ": " + e.getMessage() + " ("
                    + e.error().remedy() + ")");
        }
        return evaluator.evaluate(question, predictedSql);
    }

    /** An ERROR item flagged {@value #FLAG_DATASET_ERROR}. */
    public static Verdict datasetError(MatchMode mode, String reason) {
        return datasetError(mode.id(), reason);
    }

    /** An ERROR item flagged {@value #FLAG_DATASET_ERROR}, for a mode given by its id. */
    public static Verdict datasetError(String mode, String reason) {
        return new Verdict(Outcome.ERROR, 0.0, mode, java.util.Set.of(FLAG_DATASET_ERROR), null, reason,
                java.util.List.of(), java.util.List.of());
    }
}
