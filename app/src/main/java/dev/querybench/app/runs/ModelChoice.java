package dev.querybench.app.runs;

import dev.querybench.app.text.Wording;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.model.ModelProviders;
import dev.querybench.engine.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A model the user can run: a profile of the workspace, or a spec given on the command line.
 *
 * @param id what the engine is asked to run: a profile name or a {@code provider:model} spec
 * @param label what the model picker shows
 * @param detail provider, endpoint and where the key comes from; never the key
 * @param baseUrl endpoint for an ad-hoc spec, or null
 * @param problem why a run with it cannot start (a missing key), or blank
 * @param adHoc true when it came from the command line rather than the workspace
 */
public record ModelChoice(String id, String label, String detail, String baseUrl, String problem, boolean adHoc) {

    /** The workspace's profiles, in file order, followed by an ad-hoc spec when one was given. */
    public static List<ModelChoice> of(Workspace workspace, SecretResolver secrets, String adHocSpec, String baseUrl) {
        List<ModelChoice> choices = new ArrayList<>();
        if (adHocSpec != null && !adHocSpec.isBlank()) {
            choices.add(adHoc(adHocSpec.strip(), baseUrl, secrets));
        }
        for (ModelConfig profile : workspace.config().models()) {
            choices.add(profile(profile, secrets));
        }
        return choices;
    }

    static ModelChoice profile(ModelConfig profile, SecretResolver secrets) {
        StringBuilder detail = new StringBuilder(profile.spec());
        if (profile.baseUrl() != null) {
            detail.append(" at ").append(profile.baseUrl());
        }
        SecretRef key = profile.apiKey();
        detail.append(key == null ? " · no key needed" : " · key from " + key.describe());
        return new ModelChoice(profile.name(), profile.name(), detail.toString(), null, missingKey(key, secrets), false);
    }

    static ModelChoice adHoc(String spec, String baseUrl, SecretResolver secrets) {
        // The engine reads the provider's usual key variable, as the run planner does (none for an endpoint that needs none).
        SecretRef key = keyVariable(spec, baseUrl).map(SecretRef::env).orElse(null);
        String detail = (baseUrl == null ? "provider's default endpoint" : "at " + baseUrl) + " · from the command line";
        return new ModelChoice(spec, spec, detail, baseUrl, missingKey(key, secrets), true);
    }

    private static String missingKey(SecretRef key, SecretResolver secrets) {
        try {
            if (key == null || secrets.resolve(key).isPresent()) {
                return "";
            }
        } catch (dev.querybench.engine.errors.QueryBenchException e) {
            // no keyring service: say so and how to fix it, rather than fail to open the workspace
            Explanation why = Wording.sentences(Explanation.of(e));
            return why.headline() + " " + why.fix();
        }
        return key.env() == null ? "No key in " + key.describe() + ": " + key.howToSet() + "."
                : key.env() + " is not set. Export it before starting QueryBench.";
    }

    private static java.util.Optional<String> keyVariable(String spec, String baseUrl) {
        try {
            return ModelProviders.find(ModelSpec.parse(spec).provider()).flatMap(p -> p.keyVariable(baseUrl));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
