package dev.querybench.engine.session;

import dev.querybench.engine.config.CacheConfig;
import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.config.DatabaseProfileResolver;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
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
import dev.querybench.engine.session.ModelAdapterFactory;
import dev.querybench.engine.config.PriceTable;
import dev.querybench.engine.model.cache.ResponseCache;
import dev.querybench.engine.model.cache.SqliteResponseCache;
import dev.querybench.engine.resilience.EndpointRegistry;
import dev.querybench.engine.resilience.ResiliencePolicy;
import dev.querybench.engine.resilience.ResilientModel;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.run.RunStore;
import dev.querybench.engine.tracing.RunTracing;
import dev.querybench.engine.tracing.langfuse.LangfuseTracing;
import dev.querybench.engine.tracing.langfuse.TraceLinks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

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
    private final RunPlanner planner;
    private final JudgeFactory judges;
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
        this.planner = new RunPlanner(workspace, generator, databases, endpoints, cache, prices);
        this.judges = new JudgeFactory(workspace, planner, promptContext, databases, queryLimits());
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
                    tracing != null ? tracing : LangfuseTracing.forWorkspace(workspace, secrets, clock,
                            PriceTable.shipped().overriddenBy(workspace.resolve(PRICES_FILE))));
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
        if (!profile.dialect().isServer() && !db.init().isEmpty()) {
            profile.dialect().engine().buildIfMissing(Path.of(profile.url().database()),
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

    /** The schema of the session's own database, read once and shared with the prompts. */
    public dev.querybench.engine.db.SchemaSnapshot schema() {
        return promptContext.schema();
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
        return planner.plan(request);
    }

    /** The request's plan maker, whose chains and profiles the pre-flight check reads. */
    public RunPlanner planner() {
        return planner;
    }

    /**
     * The model profiles a request would ask, for {@link dev.querybench.engine.validation.RunPreflight}
     * before anything is planned or spent: each evaluated model's profile followed by its fallbacks,
     * and the judge's chain under {@code "judge"} when the request has one.
     *
     * @throws ConfigException when a model name is neither a profile nor a spec
     */
    public Map<String, List<ModelConfig>> modelChains(RunRequest request) {
        Map<String, List<ModelConfig>> chains = new java.util.LinkedHashMap<>();
        for (ModelConfig profile : planner.modelProfiles(request.models(), request.baseUrl())) {
            chains.putIfAbsent(profile.name(), planner.chainProfiles(profile));
        }
        judges.judgeProfile(request).ifPresent(judge -> chains.put("judge", planner.chainProfiles(judge)));
        return chains;
    }

    /**
     * The LLM judge a request asks for ({@link JudgeFactory#judge}).
     *
     * @return the judge, or {@link ItemJudge#none()} when none is asked for or configured
     * @throws ConfigException naming the setting and the fix when the model or prompt is unknown
     */
    public ItemJudge judge(RunRequest request) {
        return judges.judge(request);
    }

    /** The prompt the workspace's judge would be sent ({@link JudgeFactory#renderJudgePrompt}). */
    public SqlLlmJudge.Preview renderJudgePrompt(Question question, String predictedSql) {
        return judges.renderJudgePrompt(question, predictedSql);
    }

    /**
     * The model configuration a run request's model name stands for ({@link RunPlanner#modelProfile}).
     *
     * @throws ConfigException when {@code name} is neither a profile nor a spec
     */
    public ModelConfig modelProfile(String name, String baseUrl) {
        return planner.modelProfile(name, baseUrl);
    }

    /** Runs a new evaluation, with the workspace's LLM judge when its {@code judge:} section turns one on. */
    public RunResults run(RunPlan plan, RunListener listener, Cancellation cancellation) {
        return run(plan, judge(RunRequest.defaults()), listener, cancellation);
    }

    /** Runs a new evaluation with the given LLM judge ({@link ItemJudge#none()} for none). */
    public RunResults run(RunPlan plan, ItemJudge judge, RunListener listener, Cancellation cancellation) {
        return orchestrator(judge).start(plan, tracing.listener(plan, listener), cancellation);
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
                .map(ref -> judges.recordedJudge(record, ref, request)).orElse(ItemJudge.none());
        return orchestrator(judge).resume(record, plan, tracing.listener(plan, listener), cancellation);
    }

    /**
     * One line per database whose untrusted SQL runs under a privileged account by opt-in
     * ({@code allowPrivilegedAccount: true}): the workspace's database, then those of per-question
     * profiles opened so far; none when every account is a reader.
     */
    public List<String> privilegedAccounts() {
        dev.querybench.engine.db.AccountSafety safety = backend().accountSafety();
        List<String> lines = new java.util.ArrayList<>();
        if (safety.privilegedButAllowed()) {
            lines.add("database " + backend().dialect().id() + ", "
                    + safety.recordLine());
        }
        lines.addAll(databases.privilegedAccounts());
        return lines;
    }

    private EvaluationOrchestrator orchestrator(ItemJudge judge) {
        MatchMode mode = MatchMode.parse(workspace.config().run().matchModeOrDefault());
        PerDatabaseEvaluator perDatabase = new PerDatabaseEvaluator(mode, executionEvaluators(mode));
        // Spider's evaluator rewrites each predicted line ("value" → "1") above its test suites
        EvaluationStrategy evaluator = mode == MatchMode.SPIDER
                ? new SpiderPredictions(perDatabase, new SpiderRewrite(false), false) : perDatabase;
        // asked again when the run ends, so databases that questions opened on the way are recorded too
        return new EvaluationOrchestrator(generator, tracing.timed(evaluator), runStore, prices, clock, judge,
                this::privilegedAccounts);
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
