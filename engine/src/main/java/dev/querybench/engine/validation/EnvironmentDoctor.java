package dev.querybench.engine.validation;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.openai.OpenAiModelAdapter;
import dev.querybench.engine.session.WorkspaceSession;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks what QueryBench needs: the JDK, the workspace, its database and every configured model
 * endpoint, each as a checklist line with a remedy. Later capabilities add their checks here.
 */
public final class EnvironmentDoctor {

    private final SecretResolver secrets;
    private final OpenAiEndpointProbe probe;
    private final Clock clock;

    public EnvironmentDoctor(SecretResolver secrets, OpenAiEndpointProbe probe, Clock clock) {
        this.secrets = secrets;
        this.probe = probe;
        this.clock = clock;
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
                    + workspace.dataset().size() + " questions, " + workspace.prompts().templates().size()
                    + " prompt variants"));
        } catch (QueryBenchException e) {
            results.add(CheckResult.fail("Workspace", e.error().message(), e.error().remedy()));
            return results;
        }
        workspace.prompts().problems().forEach(p ->
                results.add(CheckResult.fail("Prompts", p, "fix the template file")));
        try (WorkspaceSession session = WorkspaceSession.open(workspace, secrets, clock)) {
            int tables = session.backend().introspect().tables().size();
            results.add(CheckResult.ok("Database", session.backend().serverVersion() + ", " + tables + " tables"));
        } catch (QueryBenchException e) {
            results.add(CheckResult.fail("Database", e.error().message(), e.error().remedy()));
        }
        for (ModelConfig model : workspace.config().models()) {
            results.add(checkModel(model));
        }
        return results;
    }

    private CheckResult checkModel(ModelConfig model) {
        String name = "Model " + model.name();
        ModelSpec spec = ModelSpec.parse(model.spec());
        if (!"openai".equals(spec.provider())) {
            return CheckResult.warn(name, "provider " + spec.provider() + " is not checked yet", "");
        }
        Optional<String> key = secrets.resolve(model.apiKey());
        if (model.apiKey() != null && key.isEmpty()) {
            return CheckResult.warn(name, "no key: " + model.apiKey().describe() + " is not set",
                    "export " + model.apiKey().env() + " to use this model");
        }
        String baseUrl = model.baseUrl() == null ? OpenAiModelAdapter.DEFAULT_BASE_URL : model.baseUrl();
        CheckResult result = probe.check(name, baseUrl, key.orElse(null), spec.model());
        return result.status() == CheckResult.Status.FAIL
                ? CheckResult.warn(result.name(), result.detail(), result.remedy()) : result;
    }

    /** A probe with a short timeout, for interactive use. */
    public static OpenAiEndpointProbe defaultProbe() {
        return new OpenAiEndpointProbe(Duration.ofSeconds(5));
    }
}
