package dev.querybench.app.connection;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretRef;

/**
 * A model profile as the wizard lists it.
 *
 * @param name profile name
 * @param spec provider:model
 * @param baseUrl endpoint, or null for the provider's own
 * @param keyEnv the environment variable holding the key, or null when none is needed
 */
public record ModelProfile(String name, String spec, String baseUrl, String keyEnv) {

    static ModelProfile of(ModelConfig config) {
        return new ModelProfile(config.name(), config.spec(), config.baseUrl(),
                config.apiKey() == null ? null : config.apiKey().env() != null ? config.apiKey().env()
                        : config.apiKey().keyring());
    }

    ModelConfig toConfig() {
        return new ModelConfig(name, spec, baseUrl, keyEnv == null ? null : SecretRef.env(keyEnv), null, null, null);
    }

    /** "primary · gpt-4o-mini — openai:gpt-4o-mini · key from $OPENAI_API_KEY". */
    public String describe(int position) {
        return (position == 0 ? "primary · " : "fallback " + position + " · ") + name + " — " + spec
                + (baseUrl == null ? "" : " at " + baseUrl) + (keyEnv == null ? " · no key" : " · key from $" + keyEnv);
    }
}
