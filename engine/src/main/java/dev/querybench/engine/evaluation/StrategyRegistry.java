package dev.querybench.engine.evaluation;

import dev.querybench.engine.evaluation.base.EvaluationStrategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The evaluation strategies a workspace can use, by id: the built-in ones registered by the
 * caller plus those found through {@link ServiceLoader} ({@link StrategyProvider}), so a user can
 * add a strategy as a jar on the class path. Thread-safe after construction.
 */
public final class StrategyRegistry {

    /** Supplies strategies from a jar; listed in META-INF/services. */
    public interface StrategyProvider {
        /** Strategies for the given context (database executor, limits, models…). */
        List<EvaluationStrategy> strategies(StrategyContext context);
    }

    /**
     * What a provided strategy may use.
     *
     * @param executor the safe executor of the workspace's database
     * @param limits query limits
     */
    public record StrategyContext(dev.querybench.engine.db.SafeExecutor executor, dev.querybench.engine.db.QueryLimits limits) {}

    private final Map<String, EvaluationStrategy> strategies = new LinkedHashMap<>();

    public StrategyRegistry(List<EvaluationStrategy> builtIn, StrategyContext context, ClassLoader loader) {
        builtIn.forEach(s -> strategies.put(s.id(), s));
        for (StrategyProvider provider : ServiceLoader.load(StrategyProvider.class, loader)) {
            for (EvaluationStrategy s : provider.strategies(context)) {
                strategies.putIfAbsent(s.id(), s);
            }
        }
    }

    public Optional<EvaluationStrategy> get(String id) {
        return Optional.ofNullable(strategies.get(id));
    }

    public List<String> ids() {
        return List.copyOf(strategies.keySet());
    }
}
