package dev.querybench.engine.cli;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.model.Completion;
import dev.querybench.engine.session.ModelAdapterFactory;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.validation.CheckResult;
import dev.querybench.engine.validation.JudgeValidator;
import dev.querybench.engine.validation.ModelEndpointValidator;
import dev.querybench.engine.validation.ValidationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code querybench validate models}: checks each model profile's endpoint, key and model with
 * the cheapest real call, and says how to fix what fails. When the workspace turns an LLM judge
 * on, its model profile is checked too, labelled as the judge, and its prompt is rendered. A
 * model that passes is then asked one minimal real question with the profile's own settings
 * (temperature, maxTokens, base URL), so parameters the model refuses are found before a run.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Check each model profile: endpoint reachable, key accepted, model offered (Ollama: pulled),"
                + " latency; one minimal completion with the profile's own settings (a few tokens); and the judge's model and"
                + " prompt when the workspace has a judge."
                + " no tokens are spent.")
final class ValidateModelsCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Option(names = {"-w", "--workspace"}, defaultValue = "sample",
            description = "Workspace folder, or 'sample' for the built-in sample (default: ${DEFAULT-VALUE}).")
    String workspace;

    @Option(names = "--model", split = ",", description = "Only these model profiles (default: all).")
    List<String> models = List.of();

    @Option(names = "--timeout", defaultValue = "10",
            description = "Seconds to wait for each endpoint (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    ValidateModelsCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Workspace ws = new WorkspaceLoader().load(environment.workspaceFolder(workspace));
        List<ModelConfig> profiles = selected(ws);
        ModelEndpointValidator validator = new ModelEndpointValidator(Duration.ofMillis((long) (timeoutSeconds * 1000)));
        CheckPrinter printer = new CheckPrinter(environment.out());
        Map<String, ValidationResult> validated = new HashMap<>();
        for (ModelConfig profile : profiles) {
            ValidationResult r = validator.validate(profile, environment.secrets());
            validated.put(profile.name(), r);
            printer.print(new CheckResult(profile.name() + " (" + r.subject() + ")", r.status(), r.detail(),
                    r.remedy()));
            if (r.ok()) {
                printer.print(completion(profile));
            }
        }
        judgeChecks(ws, new JudgeValidator(environment.secrets(), validator), validated).forEach(printer::print);
        boolean failed = printer.failed();
        environment.out().println(failed ? "Some model endpoints cannot be used; fix them and validate again."
                : "Every model endpoint answers.");
        return failed ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    /** One minimal real completion with the profile's own settings: what a run's first call would send. */
    private CheckResult completion(ModelConfig profile) {
        String label = profile.name() + " answers";
        try {
            Completion c = new ModelAdapterFactory(environment.secrets()).create(profile).complete("Reply with OK.");
            return CheckResult.ok(label, "a completion with the profile's settings took " + c.latency().toMillis()
                    + " ms (" + c.usage().inputTokens() + " + " + c.usage().outputTokens() + " tokens)");
        } catch (QueryBenchException e) {
            ErrorResponse error = e.error();
            return CheckResult.fail(label, "a completion with the profile's settings failed: " + error.message(),
                    error.remedy());
        }
    }

    /** The judge's model and prompt, unless --model names other profiles only. */
    private List<CheckResult> judgeChecks(Workspace ws, JudgeValidator judge, Map<String, ValidationResult> validated) {
        Optional<ModelConfig> profile = judge.judgeProfile(ws);
        if (profile.isEmpty() || !(models.isEmpty() || models.contains(profile.get().name()))) {
            return List.of();
        }
        List<CheckResult> checks = new ArrayList<>();
        judge.checkModel(ws, validated).ifPresent(checks::add);
        try (WorkspaceSession session = WorkspaceSession.open(ws, environment.secrets(), environment.clock())) {
            judge.checkPrompt(session).ifPresent(checks::add);
        } catch (QueryBenchException e) {
            checks.add(CheckResult.fail("Judge prompt " + ws.config().judge().promptOrDefault(),
                    "not rendered: the workspace's database cannot be opened: " + e.error().message(),
                    e.error().remedy()));
        }
        return checks;
    }

    private List<ModelConfig> selected(Workspace ws) {
        List<ModelConfig> all = ws.config().models();
        if (all.isEmpty()) {
            throw new ConfigException("the workspace has no model profiles", "add one under models: in querybench.yaml",
                    null);
        }
        if (models.isEmpty()) {
            return all;
        }
        List<String> known = all.stream().map(ModelConfig::name).toList();
        List<String> unknown = models.stream().filter(m -> !known.contains(m)).toList();
        if (!unknown.isEmpty()) {
            throw new ConfigException("no model profiles named " + unknown, "use names from " + known, null);
        }
        return all.stream().filter(m -> models.contains(m.name())).toList();
    }
}
