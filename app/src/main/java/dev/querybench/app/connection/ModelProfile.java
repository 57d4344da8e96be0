package dev.querybench.app.connection;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.model.ModelProviders;
import dev.querybench.engine.model.ModelSpec;

/**
 * A model profile as the wizard lists it.
 *
 * @param name profile name
 * @param spec provider:model
 * @param baseUrl endpoint, or null for the provider's own
 * @param keyEnv where the key is kept: an environment variable, or a keyring entry when {@code keyring};
 *     null when none is needed
 * @param keyring true when {@code keyEnv} names an OS keyring entry
 */
public record ModelProfile(String name, String spec, String baseUrl, String keyEnv, boolean keyring) {

    static ModelProfile of(ModelConfig config) {
        SecretRef key = config.apiKey();
        return new ModelProfile(config.name(), config.spec(), config.baseUrl(),
                key == null ? null : key.env() != null ? key.env() : key.keyring(), key != null && key.env() == null);
    }

    ModelConfig toConfig() {
        return new ModelConfig(name, spec, baseUrl, reference(), null, null, null);
    }

    /** The key's reference as the workspace file writes it, or null. */
    SecretRef reference() {
        return keyEnv == null ? null : keyring ? SecretRef.keyring(keyEnv) : SecretRef.env(keyEnv);
    }

    /** "key from $OPENAI_API_KEY" or "key from the keyring entry OPENAI_API_KEY". */
    String keyText() {
        return keyEnv == null ? "no key" : keyring ? "key from the keyring entry " + keyEnv : "key from $" + keyEnv;
    }

    /** "primary · gpt-4o-mini — openai:gpt-4o-mini · key from $OPENAI_API_KEY". */
    public String describe(int position) {
        return (position == 0 ? "primary · " : "fallback " + position + " · ") + name + " — " + spec
                + (baseUrl == null ? "" : " at " + baseUrl) + " · " + keyText();
    }

    /** The spec as provider and model; a spec that does not parse is a model of {@code fallbackProvider}. */
    ModelSpec parsedSpec(String fallbackProvider) {
        try {
            return ModelSpec.parse(spec);
        } catch (IllegalArgumentException e) {
            return new ModelSpec(fallbackProvider, spec);
        }
    }

    /** The key variable a provider's own endpoint reads by convention, or "" when it needs none. */
    static String keyVariable(String providerId) {
        return ModelProviders.find(providerId).flatMap(p -> p.keyVariable(null)).orElse("");
    }
}
