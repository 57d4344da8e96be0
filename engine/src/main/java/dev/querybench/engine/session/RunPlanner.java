package dev.querybench.engine.session;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.db.UnknownDatabaseException;
import dev.querybench.engine.evaluation.RunPlan;
import dev.querybench.engine.evaluation.sql.MatchMode;
import dev.querybench.engine.generation.SqlGenerator;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelProviders;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.config.PriceTable;
import dev.querybench.engine.model.cache.ResponseCache;
import dev.querybench.engine.prompt.PromptTask;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.resilience.Endpoint;
import dev.querybench.engine.resilience.EndpointRegistry;
import dev.querybench.engine.resilience.FallbackChain;
import dev.querybench.engine.resilience.ResiliencePolicy;
import dev.querybench.engine.resilience.ResilientModel;
import dev.querybench.engine.resilience.Scoreboard;
import dev.querybench.engine.resilience.SelectionPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns run requests into checked plans for one workspace session: variants that exist and
 * render, questions by id, and each model as a {@link ResilientModel} over the session's
 * endpoints (retries, breaker, rate limit) and response cache, followed by its fallback chain.
 * Thread-safe; built by {@link WorkspaceSession}.
 */
public final class RunPlanner {

    private final Workspace workspace;
    private final SqlGenerator generator;
    private final QuestionDatabases databases;
    private final EndpointRegistry endpoints;
    private final ResponseCache cache;
    private final PriceTable prices;

    RunPlanner(Workspace workspace, SqlGenerator generator, QuestionDatabases databases, EndpointRegistry endpoints,
            ResponseCache cache, PriceTable prices) {
        this.workspace = workspace;
        this.generator = generator;
        this.databases = databases;
        this.endpoints = endpoints;
        this.cache = cache;
        this.prices = prices;
    }

    /**
     * Turns a request into a checked plan: variants exist and render, models resolve.
     *
     * @throws ConfigException or TemplateException before any model is called
     */
    public RunPlan plan(RunRequest request) {
        List<String> variantNames = !request.variants().isEmpty() ? request.variants()
                : !workspace.config().variants().isEmpty() ? workspace.config().variants()
                : workspace.prompts().templates(PromptTask.SQL_GENERATION).stream().map(PromptTemplate::name).toList();
        List<PromptTemplate> variants = workspace.prompts().requireUsable(variantNames, PromptTask.SQL_GENERATION);
        List<Question> questions = selectQuestions(request.questionIds());
        Question probe = questions.stream().filter(this::databaseKnown).findFirst().orElse(null);
        for (PromptTemplate variant : variants) {
            if (probe != null) {
                generator.render(variant, probe);
            }
        }
        Scoreboard scores = new Scoreboard();
        Map<String, ModelAdapter> adapters = new LinkedHashMap<>();
        // Each repeat of an item is cached under its own key (a fresh sample the first time, never paid twice).
        for (ModelConfig profile : modelProfiles(request.models(), request.baseUrl())) {
            adapters.put(profile.name(), model(chain(profile), scores, request.bypassCache(),
                    endpoints.policy().patience()));
        }
        int concurrency = request.concurrency() != null ? request.concurrency()
                : workspace.config().run().concurrencyOrDefault();
        String mode = MatchMode.parse(workspace.config().run().matchModeOrDefault()).id();
        return new RunPlan(workspace.name(), workspace.dataset().name(), questions, variants, adapters, concurrency, mode,
                Math.max(1, request.repeats()), scores);
    }

    /**
     * A chain's model as runs and judges ask it: the workspace's selection policy over the chain,
     * successes scored on {@code scores}, answers from the session's response cache or, with
     * {@code bypassCache}, always from the model (and cached for next time).
     */
    ModelAdapter model(FallbackChain chain, Scoreboard scores, boolean bypassCache, Duration patience) {
        return new ResilientModel(chain, selection(), scores, bypassCache ? cache.bypassed() : cache, patience);
    }

    /** The profile followed by its own fallback list, or else by the run's. */
    public FallbackChain chain(ModelConfig profile) {
        List<Endpoint> members = new ArrayList<>();
        for (ModelConfig member : chainProfiles(profile)) {
            if (members.isEmpty()) {
                members.add(endpoints.endpoint(member));
                continue;
            }
            try {
                members.add(endpoints.endpoint(member));
            } catch (QueryBenchException e) {
                // A fallback that cannot even be built (its key is not set) could never answer: the
                // chain goes on without it, as it would past a fallback that fails; the primary's
                // own problem still stops the plan. The pre-flight names it.
            }
        }
        return new FallbackChain(profile.name(), members);
    }

    /** The profile followed by the profiles of its fallback chain, in order. */
    public List<ModelConfig> chainProfiles(ModelConfig profile) {
        List<String> fallback = !profile.fallback().isEmpty() ? profile.fallback()
                : workspace.config().run().fallback().stream().filter(name -> !name.equals(profile.name())).toList();
        List<ModelConfig> members = new ArrayList<>();
        members.add(profile);
        for (String name : fallback) {
            members.add(namedProfile(name).orElseThrow(() -> new ConfigException("fallback profile '" + name
                    + "' is unknown", "use names from the models list", null)));
        }
        return members;
    }

    /** The workspace's selection policy over a fallback chain. */
    public SelectionPolicy selection() {
        ResiliencePolicy policy = endpoints.policy();
        return switch (policy.selection()) {
            case IN_ORDER -> SelectionPolicy.inOrder();
            case QUALITY -> SelectionPolicy.qualityBased();
            case COST -> SelectionPolicy.costOptimised(prices, policy.qualityFloor());
        };
    }

    private boolean databaseKnown(Question question) {
        try {
            databases.of(question);
            return true;
        } catch (UnknownDatabaseException | dev.querybench.engine.db.DatabaseUnavailableException e) {
            return false;
        }
    }

    private List<Question> selectQuestions(List<String> ids) {
        if (ids.isEmpty()) {
            return workspace.dataset().questions();
        }
        Set<String> wanted = Set.copyOf(ids);
        List<Question> chosen = workspace.dataset().questions().stream().filter(q -> wanted.contains(q.id())).toList();
        if (chosen.size() != wanted.size()) {
            Set<String> known = chosen.stream().map(Question::id).collect(Collectors.toSet());
            throw new ConfigException("unknown question ids " + ids.stream().filter(id -> !known.contains(id)).toList(),
                    "use ids from " + workspace.config().dataset(), null);
        }
        return chosen;
    }

    /** Resolves names to profiles; a name that is no profile but a spec becomes an ad-hoc profile. */
    public List<ModelConfig> modelProfiles(List<String> requested, String baseUrl) {
        List<String> names = !requested.isEmpty() ? requested : workspace.config().run().models();
        if (names.isEmpty()) {
            if (workspace.config().models().isEmpty()) {
                throw new ConfigException("the workspace has no model profiles",
                        "add one under models: in querybench.yaml, or pass --model openai:<model>", null);
            }
            names = List.of(workspace.config().models().getFirst().name());
        }
        return names.stream().map(name -> profile(name, baseUrl)).toList();
    }

    /**
     * The model configuration a run request's model name stands for: the workspace profile of that
     * name (with {@code baseUrl} when given), or an ad-hoc {@code provider:model} spec reading the
     * provider's usual key variable, as {@code --model}/{@code --base-url} give it.
     *
     * @throws ConfigException when {@code name} is neither a profile nor a spec
     */
    public ModelConfig modelProfile(String name, String baseUrl) {
        return profile(name, baseUrl);
    }

    /** The workspace's model profile of that name, as written. */
    Optional<ModelConfig> namedProfile(String name) {
        return workspace.config().models().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * The workspace's profile of that name as written (its own base URL kept), or else an ad-hoc
     * {@code provider:model} spec reaching {@code baseUrl}: how a judge model is named.
     */
    ModelConfig profileAsWritten(String name, String baseUrl) {
        return namedProfile(name).orElseGet(() -> profile(name, baseUrl));
    }

    ModelConfig profile(String name, String baseUrl) {
        for (ModelConfig m : workspace.config().models()) {
            if (m.name().equals(name)) {
                return baseUrl == null ? m : m.withBaseUrl(baseUrl);
            }
        }
        ModelSpec spec;
        try {
            spec = ModelSpec.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("no model profile named '" + name + "', and it is not a provider:model spec",
                    "use a profile from querybench.yaml ("
                            + workspace.config().models().stream().map(ModelConfig::name).toList()
                            + ") or a spec such as openai:gpt-4o-mini", null);
        }
        return new ModelConfig(name, spec.toString(), baseUrl, adHocKey(spec, baseUrl), null, null, null);
    }

    /**
     * The key an ad-hoc spec reads: the provider's usual environment variable ({@link
     * dev.querybench.engine.model.ModelProvider#keyVariable}), none for an endpoint that needs no key.
     */
    private static SecretRef adHocKey(ModelSpec spec, String baseUrl) {
        return ModelProviders.find(spec.provider()).flatMap(p -> p.keyVariable(baseUrl)).map(SecretRef::env)
                .orElse(null);
    }

}
