package dev.querybench.engine.session;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.DatabaseConfig;
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
import dev.querybench.engine.db.sqlite.SqliteDatabaseBuilder;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.EvaluationOrchestrator;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunPlan;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.sql.MatchMode;
import dev.querybench.engine.evaluation.sql.ResultComparator;
import dev.querybench.engine.evaluation.sql.SqlExecutionEvaluator;
import dev.querybench.engine.generation.FewShots;
import dev.querybench.engine.generation.PromptContext;
import dev.querybench.engine.generation.SqlExtractor;
import dev.querybench.engine.generation.SqlGenerator;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelAdapterFactory;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.prompt.PromptTask;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.run.RunStore;
import dev.querybench.engine.tracing.RunTracing;
import dev.querybench.engine.tracing.langfuse.LangfuseTracing;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An open workspace with its services wired: the database (built from its scripts on first
 * use), the safe executor, prompt context, run store and model factory. The CLI and the app
 * both work through this. Thread-safe; close it to release the database and the store.
 */
public final class WorkspaceSession implements AutoCloseable {

    private final Workspace workspace;
    private final DatabaseBackend backend;
    private final SafeExecutor executor;
    private final PromptContext promptContext;
    private final SqlGenerator generator;
    private final RunStore runStore;
    private final ModelAdapterFactory models;
    private final Clock clock;
    private final RunTracing tracing;

    private WorkspaceSession(Workspace workspace, DatabaseBackend backend, RunStore runStore,
            ModelAdapterFactory models, Clock clock, RunTracing tracing) {
        this.workspace = workspace;
        this.backend = backend;
        this.executor = new SafeExecutor(backend);
        this.promptContext = new PromptContext(backend);
        this.generator = new SqlGenerator(promptContext, new SqlExtractor(),
                new FewShots(workspace.dataset().questions()), executor, queryLimits());
        this.runStore = runStore;
        this.models = models;
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
        try {
            RunStore store = new RunStore(workspace.stateFolder().resolve("runs.db"));
            return new WorkspaceSession(workspace, backend, store, new ModelAdapterFactory(secrets), clock,
                    tracing != null ? tracing : LangfuseTracing.forWorkspace(workspace, secrets, clock));
        } catch (RuntimeException e) {
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

    public Workspace workspace() {
        return workspace;
    }

    public DatabaseBackend backend() {
        return backend;
    }

    public SafeExecutor executor() {
        return executor;
    }

    public RunStore runStore() {
        return runStore;
    }

    public SqlGenerator generator() {
        return generator;
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
        for (PromptTemplate variant : variants) {
            generator.render(variant, questions.getFirst());
        }
        Map<String, ModelAdapter> adapters = new LinkedHashMap<>();
        for (ModelConfig profile : modelProfiles(request.models(), request.baseUrl())) {
            adapters.put(profile.name(), models.create(profile));
        }
        int concurrency = request.concurrency() != null ? request.concurrency()
                : workspace.config().run().concurrencyOrDefault();
        String mode = MatchMode.parse(workspace.config().run().matchModeOrDefault()).id();
        return new RunPlan(workspace.name(), workspace.dataset().name(), questions, variants, adapters, concurrency, mode,
                Math.max(1, request.repeats()));
    }

    /** Runs a new evaluation. */
    public RunResults run(RunPlan plan, RunListener listener, Cancellation cancellation) {
        return orchestrator().start(plan, tracing.listener(plan, listener), cancellation);
    }

    /** Continues a stored run with the same variants, models and questions. */
    public RunResults resume(RunRecord record, String baseUrl, Integer concurrency, RunListener listener,
            Cancellation cancellation) {
        RunPlan plan = plan(new RunRequest(record.variants(), record.models(), baseUrl, concurrency, record.questionIds(),
                record.repeats()));
        return orchestrator().resume(record, plan, tracing.listener(plan, listener), cancellation);
    }

    private EvaluationOrchestrator orchestrator() {
        SqlExecutionEvaluator evaluator = new SqlExecutionEvaluator(executor, queryLimits(), new ResultComparator());
        return new EvaluationOrchestrator(generator, tracing.timed(evaluator), runStore, clock);
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

    private ModelConfig profile(String name, String baseUrl) {
        for (ModelConfig m : workspace.config().models()) {
            if (m.name().equals(name)) {
                return baseUrl == null ? m
                        : new ModelConfig(m.name(), m.spec(), baseUrl, m.apiKey(), m.temperature(), m.maxTokens(),
                                m.timeoutSeconds());
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
        SecretRef key = "openai".equals(spec.provider()) && baseUrl == null ? SecretRef.env("OPENAI_API_KEY") : null;
        return new ModelConfig(name, name, baseUrl, key, null, null, null);
    }

    @Override
    public void close() {
        tracing.close();
        runStore.close();
        backend.close();
    }
}
