package dev.querybench.engine.evaluation.plugin;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.evaluation.StrategyRegistry;
import dev.querybench.engine.evaluation.base.EvaluationStrategy;
import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.Verdict;
import java.util.List;
import java.util.Set;

/** A strategy shipped the way a user's jar would ship one: found through META-INF/services. */
public final class RowCountStrategyProvider implements StrategyRegistry.StrategyProvider {

    @Override
    public List<EvaluationStrategy> strategies(StrategyRegistry.StrategyContext context) {
        return List.of(new EvaluationStrategy() {
            @Override
            public String id() {
                return "row-count";
            }

            @Override
            public Verdict evaluate(Question question, String predictedSql) {
                int gold = context.executor().execute(question.primaryGold(), context.limits()).rowCount();
                int predicted = context.executor().execute(predictedSql, context.limits()).rowCount();
                return gold == predicted ? Verdict.pass(id(), Set.of(), "same row count")
                        : Verdict.fail(id(), Set.of(), FailureCategory.WRONG_ROW_COUNT, predicted + " vs " + gold,
                                List.of(), List.of());
            }
        });
    }
}
