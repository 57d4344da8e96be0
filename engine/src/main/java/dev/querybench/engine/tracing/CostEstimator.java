package dev.querybench.engine.tracing;

import dev.querybench.engine.model.Usage;
import java.util.Optional;

/**
 * Prices a model call from its usage. Implementations are thread-safe. {@link #NONE} knows no
 * prices; Langfuse then derives cost itself for the models it has prices for.
 */
@FunctionalInterface
public interface CostEstimator {

    CostEstimator NONE = (profile, modelId, usage) -> Optional.empty();

    /**
     * @param profile the model profile's name
     * @param modelId the model id the provider reported, or null
     * @param usage tokens used
     * @return the cost, or empty when no price is known
     */
    Optional<Cost> estimate(String profile, String modelId, Usage usage);
}
