package dev.querybench.engine.session;

import dev.querybench.engine.config.CacheConfig;
import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.JudgeConfig;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.config.DatabaseProfileResolver;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.UnknownDatabaseException;
import dev.querybench.engine.db.sqlite.SqliteDatabaseBuilder;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.EvaluationOrchestrator;
import dev.querybench.engine.evaluation.ItemJudge;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunPlan;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.sql.MatchMode;
import dev.querybench.engine.evaluation.sql.PerDatabaseEvaluator;
import dev.querybench.engine.evaluation.sql.ResultComparator;
import dev.querybench.engine.evaluation.sql.SqlExecutionEvaluator;
import dev.querybench.engine.evaluation.sql.SqlLlmJudge;
import dev.querybench.engine.evaluation.sql.SpiderPredictions;
import dev.querybench.engine.evaluation.sql.SpiderRewrite;
import dev.querybench.engine.evaluation.base.EvaluationStrategy;
import dev.querybench.engine.evaluation.sql.TestSuiteEvaluator;
import dev.querybench.engine.generation.FewShots;
import dev.querybench.engine.generation.PromptContext;
import dev.querybench.engine.generation.SqlExtractor;
import dev.querybench.engine.generation.SqlGenerator;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelAdapterFactory;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.PriceTable;
import dev.querybench.engine.model.cache.ResponseCache;
import dev.querybench.engine.model.cache.SqliteResponseCache;
import dev.querybench.engine.prompt.PromptTask;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.resilience.Endpoint;
import dev.querybench.engine.resilience.EndpointRegistry;
import dev.querybench.engine.resilience.FallbackChain;
import dev.querybench.engine.resilience.ResiliencePolicy;
import dev.querybench.engine.resilience.ResilientModel;
import dev.querybench.engine.resilience.Scoreboard;
import dev.querybench.engine.resilience.SelectionPolicy;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.run.RunStore;
import dev.querybench.engine.tracing.RunTracing;
import dev.querybench.engine.tracing.langfuse.LangfuseTracing;
import dev.querybench.engine.tracing.langfuse.TraceLinks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An open workspace with its services wired: the database (built from its scripts on first
 * use), the safe executor, prompt context, run store, model endpoints and prices. Every model a
 * plan evaluates is a {@link ResilientModel} over the workspace's response cache
 * ({@code .querybench/cache.db}, unless the workspace turns it off): the profile's endpoint
 * with retries, circuit breaker and rate limit, followed by its fallback chain (the profile's
 * {@code fallback} list, or else {@code run.fallback}). Endpoints live as long as the session, so their breakers
 * remember trouble from one run to the next. Questions that name a database are prompted with, repaired on and
 * judged on that database ({@link QuestionDatabases}), on every test-suite instance it has. The CLI and the app
 * both work through this.
 * Thread-safe; close it to release the database and the store.
 */
public final class WorkspaceSession implements AutoCloseable {

    /** The workspace file whose prices override the shipped ones. */
    public static final String PRICES_FILE = "prices.yaml";
    /** The response cache's file in the workspace's state folder. */
    public static final String CACHE_FILE = "cache.db";

    private final Workspace workspace;
    private final DatabaseBackend backend;
    private final QuestionDatabases databases;
    private final SafeExecutor executor;
    private final PromptContext promptContext;
    private final SqlGenerator generator;
    private final RunStore runStore;
    private final EndpointRegistry endpoints;
    private final PriceTable prices;
    private final ResponseCache cache;
    private final Clock clock;
    private final RunTracing tracing;
    private final SecretResolver secrets;
    private final AtomicReference<Optional<TraceLinks>> traceLinks = new AtomicReference<>();

    private WorkspaceSession(Workspace workspace, DatabaseBackend backend, QuestionDatabases databases,
            RunStore runStore, SecretResolver secrets, Clock clock, RunTracing tracing) {
        ModelAdapterFactory models = new ModelAdapterFactory(secrets);
        this.secrets = secrets;
        this.workspace = workspace;
        this.backend = backend;
        this.databases = databases;
        this.executor = new SafeExecutor(backend);
        this.promptContext = new PromptContext(backend, question -> databases.of(question).main().backend());
        this.generator = new SqlGenerator(promptContext, new SqlExtractor(),
                new FewShots(workspace.dataset().questions()),
                (Question question) -> databases.of(question).main().executor(), queryLimits());
        this.runStore = runStore;
        this.endpoints = new EndpointRegistry(ResiliencePolicy.from(workspace.config().resilience()), models::create,
                clock);
        this.prices = PriceTable.shipped().overriddenBy(workspace.resolve(PRICES_FILE));
        CacheConfig cacheConfig = workspace.config().cache();
        this.cache = cacheConfig.enabledOrDefault()
                ? new SqliteResponseCache(workspace.stateFolder().resolve(CACHE_FILE),
                        Duration.ofHours(cacheConfig.ttlHoursOrDefault()), clock)
                : ResponseCache.disabled();
        this.clock = clock;
        this.tracing = tracing;
    }

    /** Opens the workspace's default database (an SQLite file is built when missing) and run store; traces runs as configured. */
    public static WorkspaceSession open(Workspace workspace, SecretResolver secrets, Clock clock) {
        return open(workspace, secrets, clock, null, null);
    }

    /**
     * Opens the workspace with the named database profile ({@code null}: the default one).
     *
     * @throws ConfigException when no profile has that name
     */
    public static WorkspaceSession open(Workspace workspace, SecretResolver secrets, Clock clock, String databaseName) {
        return open(workspace, secrets, clock, databaseName, null);
    }

    /**
     * Like {@link #open(Workspace, SecretResolver, Clock)} with the given run tracing (null: from
     * the workspace's {@code langfuse:} section). The session closes it.
     */
    public static WorkspaceSession open(Workspace workspace, SecretResolver secrets, Clock clock, RunTracing tracing) {
        return open(workspace, secrets, clock, null, tracing);
    }

    /**
     * Opens the workspace with a database profile ({@code null}: the default) and run tracing
     * ({@code null}: from the workspace's {@code langfuse:} section). The session closes both.
     */
    public static WorkspaceSession open(Workspace workspace, SecretResolver secrets, Clock clock, String databaseName,
            RunTracing tracing) {
        DatabaseBackend backend = openDatabase(workspace, secrets, databaseName);
        String defaultName = databaseName != null ? databaseName : workspace.config().database().nameOrDefault();
        QuestionDatabases databases = new QuestionDatabases(workspace, defaultName, backend,
                name -> openDatabase(workspace, secrets, name),
                Math.max(2, workspace.config().run().concurrencyOrDefault() + 1),
                name -> backend.dialect().isServer() ? Optional.of(DatabaseBackends.open(ScoreDatabases.onServer(
                        databaseProfile(workspace, secrets, defaultName), name))) : Optional.empty());
        RunStore store = null;
        try {
            store = new RunStore(workspace.stateFolder().resolve("runs.db"));
            return new WorkspaceSession(workspace, backend, databases, store, secrets, clock,
                    tracing != null ? tracing : LangfuseTracing.forWorkspace(workspace, secrets, clock));
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            databases.close();
            backend.close();
            throw e;
        }
    }

    /**
     * Opens one of the workspace's database profiles on its own, building an SQLite file from its
     * init scripts when it is missing.
     */
    public static DatabaseBackend openDatabase(Workspace workspace, SecretResolver secrets, String databaseName) {
        return DatabaseBackends.open(databaseProfile(workspace, secrets, databaseName));
    }

    /** The connection profile of a named database profile, with its password looked up. */
    public static ConnectionProfile databaseProfile(Workspace workspace, SecretResolver secrets, String databaseName) {
        DatabaseConfig db = workspace.config().databaseProfile(databaseName).orElseThrow(() -> new ConfigException(
                "no database profile named '" + databaseName + "'",
                "use one of " + workspace.config().databaseProfileNames(), null));
        int poolSize = Math.max(2, workspace.config().run().concurrencyOrDefault() + 1);
        ConnectionProfile profile = new DatabaseProfileResolver(secrets).resolve(db, workspace.root(), poolSize);
        if (profile.dialect() == Dialect.SQLITE && !db.init().isEmpty()) {
            new SqliteDatabaseBuilder().buildIfMissing(Path.of(profile.url().database()),
                    db.init().stream().map(workspace::resolve).toList());
        }
        return profile;
    }

    /**
     * Links to the Langfuse traces of run items, when the workspace traces to Langfuse and
     * Langfuse says which project its keys belong to. The first call asks Langfuse (one HTTP
     * request, so not on the UI thread); the answer is kept for the session, except a failed one,
     * which is asked again next time.
     */
    public Optional<TraceLinks> traceLinks() {
        Optional<TraceLinks> known = traceLinks.get();
        if (known != null) {
            return known;
        }
        Optional<TraceLinks> found = TraceLinks.forWorkspace(workspace, secrets, Duration.ofSeconds(5));
        if (found.isPresent()) {
            traceLinks.set(found);
        }
        return found;
    }

    public Workspace workspace() {
        return workspace;
    }

    public DatabaseBackend backend() {
        return backend;
    }

    public SafeExecutor executor() {
        return executor;
    }

    /** The databases questions are asked of: the session's own and those the questions name. */
    public QuestionDatabases databases() {
        return databases;
    }

    public RunStore runStore() {
        return runStore;
    }

    public SqlGenerator generator() {
        return generator;
    }

    /** The model endpoints used so far, with their breakers. */
    public EndpointRegistry endpoints() {
        return endpoints;
    }

    /** The shipped prices with the workspace's {@code prices.yaml} on top. */
    public PriceTable prices() {
        return prices;
    }

    public QueryLimits queryLimits() {
        var run = workspace.config().run();
        return new QueryLimits(Duration.ofSeconds(run.queryTimeoutSecondsOrDefault()), run.rowCapOrDefault());
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
        SelectionPolicy selection = selection();
        Map<String, ModelAdapter> adapters = new LinkedHashMap<>();
        // Repeats exist to sample a model's variation, so they never read an earlier answer.
        boolean freshAnswers = request.bypassCache() || request.repeats() > 1;
        for (ModelConfig profile : modelProfiles(request.models(), request.baseUrl())) {
            adapters.put(profile.name(), new ResilientModel(chain(profile), selection, scores,
                    freshAnswers ? cache.bypassed() : cache));
        }
        int concurrency = request.concurrency() != null ? request.concurrency()
                : workspace.config().run().concurrencyOrDefault();
        String mode = MatchMode.parse(workspace.config().run().matchModeOrDefault()).id();
        return new RunPlan(workspace.name(), workspace.dataset().name(), questions, variants, adapters, concurrency, mode,
                Math.max(1, request.repeats()), scores);
    }

    /** Runs a new evaluation, with the workspace's LLM judge when its {@code judge:} section turns one on. */
    public RunResults run(RunPlan plan, RunListener listener, Cancellation cancellation) {
        return run(plan, judge(RunRequest.defaults()), listener, cancellation);
    }

    /** Runs a new evaluation with the given LLM judge ({@link ItemJudge#none()} for none). */
    public RunResults run(RunPlan plan, ItemJudge judge, RunListener listener, Cancellation cancellation) {
        return orchestrator(judge).start(plan, tracing.listener(plan, listener), cancellation);
    }

    /**
     * The LLM judge a request asks for: its {@link JudgeChoice} over the workspace's {@code judge:}
     * section. The judge model is a profile from {@code models:} (or a provider:model spec, which
     * reaches {@code request.baseUrl()}), wrapped like the generating models with retries,
     * fallbacks and the response cache; it need not be one of the run's models.
     *
     * @return the judge, or {@link ItemJudge#none()} when none is asked for or configured
     * @throws ConfigException naming the setting and the fix when the model or prompt is unknown
     */
    public ItemJudge judge(RunRequest request) {
        JudgeChoice choice = request.judge();
        JudgeConfig configured = workspace.config().judge();
        if (choice.off()) {
            return ItemJudge.none();
        }
        boolean fromWorkspace = choice.model() == null;
        String modelName = fromWorkspace && configured != null && configured.enabledOrDefault() ? configured.model()
                : choice.model();
        if (modelName == null) {
            if (choice.prompt() != null) {
                throw new ConfigException("--judge-prompt " + choice.prompt() + " was given but no judge model",
                        "pass --judge MODEL, or add judge: {model: <profile>} to querybench.yaml", null);
            }
            return ItemJudge.none();
        }
        String promptName = choice.prompt() != null ? choice.prompt()
                : configured != null ? configured.promptOrDefault() : JudgeConfig.DEFAULT_PROMPT;
        boolean includeRows = configured == null || configured.includeRowsOrDefault();
        JudgeConfig settings = new JudgeConfig(modelName, promptName, true, includeRows);
        WorkspaceLoader.checkJudgePrompt(settings, workspace.prompts(),
                choice.prompt() != null ? "--judge-prompt" : Workspace.CONFIG_FILE + ": judge.prompt");
        PromptTemplate template = workspace.prompts().template(promptName).orElseThrow();
        ModelConfig profile;
        try {
            profile = workspace.config().models().stream().filter(m -> m.name().equals(modelName)).findFirst()
                    .orElseGet(() -> profile(modelName, request.baseUrl()));
        } catch (ConfigException e) {
            throw new ConfigException((fromWorkspace ? Workspace.CONFIG_FILE + ": judge.model: " : "--judge: ")
                    + e.error().message(), e.error().remedy(), null);
        }
        FallbackChain chain = chain(profile);
        Scoreboard scores = new Scoreboard();
        ModelAdapter model = new ResilientModel(chain, selection(), scores,
                request.bypassCache() ? cache.bypassed() : cache);
        // A malformed answer may have come from the cache; asking again must reach the model.
        ModelAdapter retry = new ResilientModel(chain, selection(), scores, cache.bypassed());
        return new ItemJudge(modelName, promptName,
                new SqlLlmJudge(model, retry, template, promptContext,
                        (Question question) -> databases.of(question).main().executor(), queryLimits(), includeRows));
    }

    /**
     * The prompt the workspace's judge ({@code judge:} section) would be sent for {@code predictedSql}
     * on {@code question}: its template filled from the question's own database, result samples
     * included as configured. Neither builds nor asks the judge's model, so it works without its key.
     *
     * @throws ConfigException when the workspace turns no judge on, or its prompt is unusable
     * @throws dev.querybench.engine.errors.QueryBenchException when a value cannot be read (the schema, say)
     */
    public SqlLlmJudge.Preview renderJudgePrompt(Question question, String predictedSql) {
        JudgeConfig configured = workspace.config().judge();
        if (configured == null || !configured.enabledOrDefault()) {
            throw new ConfigException("the workspace has no judge turned on", "add judge: {model: <profile>} to "
                    + Workspace.CONFIG_FILE, null);
        }
        WorkspaceLoader.checkJudgePrompt(configured, workspace.prompts(), Workspace.CONFIG_FILE + ": judge.prompt");
        PromptTemplate template = workspace.prompts().template(configured.promptOrDefault()).orElseThrow();
        ModelSpec spec = ModelSpec.parse(workspace.config().models().stream()
                .filter(m -> m.name().equals(configured.model())).findFirst().map(ModelConfig::spec)
                .orElse(configured.model()));
        ModelAdapter notAsked = new ModelAdapter() {
            @Override
            public ModelSpec spec() {
                return spec;
            }

            @Override
            public Completion complete(String prompt) {
                throw new IllegalStateException("rendering the judge prompt never asks the model");
            }
        };
        return new SqlLlmJudge(notAsked, notAsked, template, promptContext,
                (Question q) -> databases.of(q).main().executor(), queryLimits(), configured.includeRowsOrDefault())
                .preview(question, predictedSql);
    }

    /** Continues a stored run with the same variants, models and questions. */
    public RunResults resume(RunRecord record, String baseUrl, Integer concurrency, RunListener listener,
            Cancellation cancellation) {
        return resume(record, new RunRequest(List.of(), List.of(), baseUrl, concurrency, List.of()), listener,
                cancellation);
    }

    /**
     * Continues a stored run with the same variants, models, questions and repeats; the request
     * gives the base URL, concurrency and cache use.
     */
    public RunResults resume(RunRecord record, RunRequest request, RunListener listener, Cancellation cancellation) {
        RunPlan plan = plan(new RunRequest(record.variants(), record.models(), request.baseUrl(), request.concurrency(),
                record.questionIds(), record.repeats(), request.bypassCache()));
        // The run's own judge, so that its verdicts stay comparable; the request can only turn it off.
        ItemJudge judge = request.judge().off() ? ItemJudge.none() : runStore.judge(record.id())
                .map(ref -> recordedJudge(record, ref, request)).orElse(ItemJudge.none());
        return orchestrator(judge).resume(record, plan, tracing.listener(plan, listener), cancellation);
    }

    private ItemJudge recordedJudge(RunRecord record, RunStore.JudgeRef ref, RunRequest request) {
        try {
            return judge(request.withJudge(JudgeChoice.of(ref.model(), ref.prompt())));
        } catch (ConfigException e) {
            throw new ConfigException("run " + record.id() + " was judged by '" + ref.model() + "' with the prompt '"
                    + ref.prompt() + "', which this workspace cannot provide: " + e.error().message(),
                    "restore that model profile and judge prompt, or resume with --no-judge", null);
        }
    }

    /** The profile followed by its own fallback list, or else by the run's. */
    FallbackChain chain(ModelConfig profile) {
        List<String> fallback = !profile.fallback().isEmpty() ? profile.fallback()
                : workspace.config().run().fallback().stream().filter(name -> !name.equals(profile.name())).toList();
        List<Endpoint> members = new ArrayList<>();
        members.add(endpoints.endpoint(profile));
        for (String name : fallback) {
            members.add(endpoints.endpoint(workspace.config().models().stream().filter(m -> m.name().equals(name))
                    .findFirst().orElseThrow(() -> new ConfigException("fallback profile '" + name + "' is unknown",
                            "use names from the models list", null))));
        }
        return new FallbackChain(profile.name(), members);
    }

    private SelectionPolicy selection() {
        ResiliencePolicy policy = endpoints.policy();
        return switch (policy.selection()) {
            case IN_ORDER -> SelectionPolicy.inOrder();
            case QUALITY -> SelectionPolicy.qualityBased();
            case COST -> SelectionPolicy.costOptimised(prices, policy.qualityFloor());
        };
    }

    private EvaluationOrchestrator orchestrator(ItemJudge judge) {
        MatchMode mode = MatchMode.parse(workspace.config().run().matchModeOrDefault());
        PerDatabaseEvaluator perDatabase = new PerDatabaseEvaluator(mode, executionEvaluators(mode));
        // Spider's evaluator rewrites each predicted line ("value" → "1") above its test suites
        EvaluationStrategy evaluator = mode == MatchMode.SPIDER
                ? new SpiderPredictions(perDatabase, new SpiderRewrite(false), false) : perDatabase;
        return new EvaluationOrchestrator(generator, tracing.timed(evaluator), runStore, prices, clock, judge);
    }

    /**
     * One evaluator per database for one run, so each gold result is computed once per database
     * instance and shared by every item of the run that needs it.
     */
    private Function<Question, TestSuiteEvaluator> executionEvaluators(MatchMode mode) {
        Map<String, TestSuiteEvaluator> byDatabase = new ConcurrentHashMap<>();
        QueryLimits limits = queryLimits();
        // Spider's evaluator compares floats exactly; the other modes allow the relative tolerance
        ResultComparator comparator = mode.official() ? new ResultComparator(0) : new ResultComparator();
        long maxStreamedRows = workspace.config().run().maxStreamedRowsOrDefault();
        return question -> {
            QuestionDatabases.Target target = databases.of(question);
            return byDatabase.computeIfAbsent(target.name(), name -> new TestSuiteEvaluator("execution-" + mode.id(),
                    target.instances().stream().map(i -> new TestSuiteEvaluator.Instance(i.name(),
                            new SqlExecutionEvaluator(i.executor(), limits, comparator, mode, maxStreamedRows))).toList()));
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
    List<ModelConfig> modelProfiles(List<String> requested, String baseUrl) {
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

    private ModelConfig profile(String name, String baseUrl) {
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
     * The key an ad-hoc spec reads: the provider's usual environment variable. An OpenAI spec
     * with a base URL is taken for a local OpenAI-compatible server, which needs none.
     */
    private static SecretRef adHocKey(ModelSpec spec, String baseUrl) {
        return switch (spec.provider()) {
            case "openai" -> baseUrl == null ? SecretRef.env("OPENAI_API_KEY") : null;
            case "gemini" -> SecretRef.env("GEMINI_API_KEY");
            case "anthropic" -> SecretRef.env("ANTHROPIC_API_KEY");
            default -> null;
        };
    }

    @Override
    public void close() {
        tracing.close();
        if (cache instanceof SqliteResponseCache sqlite) {
            sqlite.close();
        }
        runStore.close();
        databases.close();
        backend.close();
    }
}
