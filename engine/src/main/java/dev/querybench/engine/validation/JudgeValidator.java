package dev.querybench.engine.validation;

import dev.querybench.engine.config.JudgeConfig;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.evaluation.sql.SqlLlmJudge;
import dev.querybench.engine.session.WorkspaceSession;
import java.util.Map;
import java.util.Optional;

/**
 * Pre-flight checks of the workspace's LLM judge ({@code judge:} in {@code querybench.yaml}) for
 * {@code doctor} and {@code validate models}: the judge's model profile through
 * {@link ModelEndpointValidator} (reachable, key accepted, model offered), and the judge prompt
 * rendered for the dataset's first question exactly as a run renders it, result samples included.
 * A workspace without a judge, or with {@code enabled: false}, has nothing to check.
 *
 * <p>Immutable and thread-safe; the checks block for a model-list call and a few queries.
 */
public final class JudgeValidator {

    private final SecretResolver secrets;
    private final ModelEndpointValidator endpoints;

    public JudgeValidator(SecretResolver secrets, ModelEndpointValidator endpoints) {
        this.secrets = secrets;
        this.endpoints = endpoints;
    }

    /** The judge's model profile when the workspace turns a judge on; empty otherwise. */
    public Optional<ModelConfig> judgeProfile(Workspace workspace) {
        JudgeConfig judge = workspace.config().judge();
        if (judge == null || !judge.enabledOrDefault()) {
            return Optional.empty();
        }
        return workspace.config().models().stream().filter(m -> m.name().equals(judge.model())).findFirst();
    }

    /**
     * Checks the judge's endpoint, key and model, named {@code Judge model <profile>}. A judge that
     * cannot be used fails: every judged item of a run would be a judge error.
     *
     * @return the check, or empty when the workspace has no enabled judge
     */
    public Optional<CheckResult> checkModel(Workspace workspace) {
        return checkModel(workspace, Map.of());
    }

    /**
     * Like {@link #checkModel(Workspace)}, reusing a result already had for the judge's profile
     * (by profile name) instead of asking its endpoint a second time.
     */
    public Optional<CheckResult> checkModel(Workspace workspace, Map<String, ValidationResult> known) {
        return judgeProfile(workspace).map(profile -> {
            ValidationResult result = known.containsKey(profile.name()) ? known.get(profile.name())
                    : endpoints.validate(profile, secrets);
            CheckResult check = result.toCheckResult("Judge model " + profile.name());
            return check.status() == CheckResult.Status.FAIL
                    ? CheckResult.fail(check.name(), check.detail() + " (" + result.subject() + ")",
                            check.remedy() + "; or run with --no-judge, or set judge.enabled: false")
                    : new CheckResult(check.name(), check.status(), check.detail() + " (" + result.subject() + ")",
                            check.remedy());
        });
    }

    /**
     * Renders the judge prompt for the dataset's first question, with its gold query as the
     * prediction, on that question's database, named {@code Judge prompt <name>}.
     *
     * @return the check, or empty when the workspace has no enabled judge
     */
    public Optional<CheckResult> checkPrompt(WorkspaceSession session) {
        Workspace workspace = session.workspace();
        if (judgeProfile(workspace).isEmpty()) {
            return Optional.empty();
        }
        String name = "Judge prompt " + workspace.config().judge().promptOrDefault();
        if (workspace.dataset().questions().isEmpty()) {
            return Optional.of(CheckResult.warn(name, "not rendered: the dataset has no questions",
                    "add questions to " + workspace.config().dataset()));
        }
        Question question = workspace.dataset().questions().getFirst();
        try {
            SqlLlmJudge.Preview preview = session.renderJudgePrompt(question, question.primaryGold());
            String prompt = preview.prompt();
            if (!preview.sampleErrors().isEmpty()) {
                return Optional.of(CheckResult.fail(name, "renders, but a result sample for question "
                        + question.id() + " is an error: " + preview.sampleErrors().getFirst(),
                        "check the question's gold query and its database with querybench dataset check"));
            }
            return Optional.of(CheckResult.ok(name, "renders for question " + question.id() + " ("
                    + prompt.length() + " characters)"));
        } catch (QueryBenchException e) {
            return Optional.of(CheckResult.fail(name, "does not render for question " + question.id() + ": "
                    + e.error().message(), e.error().remedy()));
        }
    }
}
