package dev.querybench.engine.session;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.JudgeConfig;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.evaluation.ItemJudge;
import dev.querybench.engine.evaluation.sql.SqlLlmJudge;
import dev.querybench.engine.generation.PromptContext;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.resilience.FallbackChain;
import dev.querybench.engine.resilience.ResiliencePolicy;
import dev.querybench.engine.resilience.Scoreboard;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.run.RunStore;

/**
 * Builds the LLM judge a run asks for in one workspace session: its model wrapped like the
 * generating models (retries, fallbacks, response cache), its prompt checked, its results read
 * from each question's own database. Thread-safe; built by {@link WorkspaceSession}.
 */
public final class JudgeFactory {

    private final Workspace workspace;
    private final RunPlanner planner;
    private final PromptContext promptContext;
    private final QuestionDatabases databases;
    private final QueryLimits limits;

    JudgeFactory(Workspace workspace, RunPlanner planner, PromptContext promptContext,
            QuestionDatabases databases, QueryLimits limits) {
        this.workspace = workspace;
        this.planner = planner;
        this.promptContext = promptContext;
        this.databases = databases;
        this.limits = limits;
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
        String modelName = modelName(choice, configured);
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
            profile = planner.profileAsWritten(modelName, request.baseUrl());
        } catch (ConfigException e) {
            throw new ConfigException((fromWorkspace ? Workspace.CONFIG_FILE + ": judge.model: " : "--judge: ")
                    + e.error().message(), e.error().remedy(), null);
        }
        FallbackChain chain = planner.chain(profile);
        Scoreboard scores = new Scoreboard();
        ModelAdapter model = planner.model(chain, scores, request.bypassCache(), ResiliencePolicy.DEFAULT_PATIENCE);
        // A malformed answer may have come from the cache; asking again must reach the model.
        ModelAdapter retry = planner.model(chain, scores, true, ResiliencePolicy.DEFAULT_PATIENCE);
        return new ItemJudge(modelName, promptName,
                new SqlLlmJudge(model, retry, template, promptContext,
                        (Question question) -> databases.of(question).main().executor(), limits, includeRows));
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
        ModelSpec spec = ModelSpec.parse(planner.namedProfile(configured.model()).map(ModelConfig::spec)
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
                (Question q) -> databases.of(q).main().executor(), limits, configured.includeRowsOrDefault())
                .preview(question, predictedSql);
    }

    /**
     * The model profile of the judge a request asks for, as {@link #judge} picks it, without
     * building the judge; empty when the request asks for none.
     */
    public java.util.Optional<ModelConfig> judgeProfile(RunRequest request) {
        JudgeChoice choice = request.judge();
        JudgeConfig configured = workspace.config().judge();
        if (choice.off()) {
            return java.util.Optional.empty();
        }
        String name = modelName(choice, configured);
        return name == null ? java.util.Optional.empty()
                : java.util.Optional.of(planner.profileAsWritten(name, request.baseUrl()));
    }

    /** The judge's model: the one the request names, or else the workspace's when its judge is on; null for none. */
    private static String modelName(JudgeChoice choice, JudgeConfig configured) {
        return choice.model() != null ? choice.model()
                : configured != null && configured.enabledOrDefault() ? configured.model() : null;
    }

    /** The judge a stored run was judged by, so a resumed run's verdicts stay comparable. */
    ItemJudge recordedJudge(RunRecord record, RunStore.JudgeRef ref, RunRequest request) {
        try {
            return judge(request.withJudge(JudgeChoice.of(ref.model(), ref.prompt())));
        } catch (ConfigException e) {
            throw new ConfigException("run " + record.id() + " was judged by '" + ref.model() + "' with the prompt '"
                    + ref.prompt() + "', which this workspace cannot provide: " + e.error().message(),
                    "restore that model profile and judge prompt, or resume with --no-judge", null);
        }
    }

}
