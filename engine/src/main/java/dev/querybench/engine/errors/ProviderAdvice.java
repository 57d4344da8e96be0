package dev.querybench.engine.errors;

import java.util.Optional;

/**
 * What a model provider tells {@link ErrorHandler} so its remedies can name the provider's own
 * conventions: the key variable, how to start a local server, how to get a missing model. Every
 * {@code ModelProvider} is one, so this package never names a vendor. Implementations are
 * stateless and thread-safe.
 */
public interface ProviderAdvice {

    /** The lower-case provider id, as {@code openai}. */
    String id();

    /**
     * The environment variable that holds this provider's key by convention; empty when the
     * endpoint at {@code baseUrl} (null for the provider's own) needs no key.
     */
    default Optional<String> keyVariable(String baseUrl) {
        return Optional.empty();
    }

    /** What to do when nothing answers at the endpoint, if this provider has a better step than the generic one. */
    default Optional<String> unreachableFix() {
        return Optional.empty();
    }

    /** What to do when the provider does not know {@code model}, if better than the generic step. */
    default Optional<String> unknownModelFix(String model) {
        return Optional.empty();
    }
}
