package dev.querybench.engine.validation;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.DatasetException;
import dev.querybench.engine.db.SchemaSnapshot;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.prompt.TemplateException;
import dev.querybench.engine.prompt.PromptTask;
import dev.querybench.engine.session.WorkspaceSession;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks what QueryBench needs: the JDK, the workspace, its database, every configured model
 * endpoint and, when the workspace turns one on, the LLM judge's model and prompt
 * ({@link JudgeValidator}), each as a checklist line with a remedy. Later capabilities add their
 * checks here. Thread-safe.
 */
public final class EnvironmentDoctor {

    private final SecretResolver secrets;
    private final ModelEndpointValidator validator;
    private final Clock clock;
    private final JudgeValidator judge;

    public EnvironmentDoctor(SecretResolver secrets, ModelEndpointValidator validator, Clock clock) {
        this.secrets = secrets;
        this.validator = validator;
        this.clock = clock;
        this.judge = new JudgeValidator(secrets, validator);
    }

    public List<CheckResult> examine(Path workspaceFolder) {
        List<CheckResult> results = new ArrayList<>();
        int feature = Runtime.version().feature();
        results.add(feature >= 25 ? CheckResult.ok("Java", "JDK " + Runtime.version())
                : CheckResult.fail("Java", "JDK " + Runtime.version() + " is too old", "install JDK 25 and set JAVA_HOME"));
        Workspace workspace;
        try {
            workspace = new WorkspaceLoader().load(workspaceFolder);
            results.add(CheckResult.ok("Workspace", workspace.name() + " at " + workspace.root() + ": "
                    + workspace.dataset().size() + " questions, " + workspace.prompts().templates(PromptTask.SQL_GENERATION).size()
                    + " prompt variants"));
        } catch (QueryBenchException e) {
            // the very message run refuses with: both go through the same loader
            String part = e instanceof TemplateException ? "Prompts" : e instanceof DatasetException ? "Dataset"
                    : "Workspace";
            results.add(CheckResult.fail(part, e.error().message(), e.error().remedy()));
            return results;
        }
        try (WorkspaceSession session = WorkspaceSession.open(workspace, secrets, clock)) {
            SchemaSnapshot schema = session.backend().introspect();
            int tables = schema.tables().size();
            results.add(CheckResult.ok("Database", session.backend().serverVersion() + ", " + tables + " tables"));
            new GoldSchemaCheck().find(workspace, schema).ifPresent(p ->
                    results.add(CheckResult.fail("Dataset", p.message(), p.fix())));
            judge.checkPrompt(session).ifPresent(results::add);
        } catch (QueryBenchException e) {
            results.add(CheckResult.fail("Database", e.error().message(), e.error().remedy()));
        }
        Map<String, ValidationResult> validated = new HashMap<>();
        for (ModelConfig model : workspace.config().models()) {
            ValidationResult r = validator.validate(model, secrets);
            validated.put(model.name(), r);
            results.add(checkModel(model, r));
        }
        judge.checkModel(workspace, validated).ifPresent(results::add);
        return results;
    }

    /** A model endpoint that cannot be used is a warning: runs with other models still work. */
    private CheckResult checkModel(ModelConfig model, ValidationResult validated) {
        CheckResult result = validated.toCheckResult("Model " + model.name());
        return result.status() == CheckResult.Status.FAIL
                ? CheckResult.warn(result.name(), result.detail(), result.remedy()) : result;
    }

    /** A validator with a short timeout, for interactive use. */
    public static ModelEndpointValidator defaultValidator() {
        return new ModelEndpointValidator(Duration.ofSeconds(5));
    }
}
