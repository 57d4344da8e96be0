package dev.querybench.engine.cli;

import dev.querybench.engine.validation.CheckResult;
import dev.querybench.engine.validation.EnvironmentDoctor;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code querybench doctor}: checks the environment and says what to fix. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check the JDK, the workspace, its database and model endpoints, and say what to fix.")
final class DoctorCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Option(names = {"-w", "--workspace"}, defaultValue = "sample",
            description = "Workspace folder, or 'sample' for the built-in sample (default: ${DEFAULT-VALUE}).")
    String workspace;

    DoctorCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        EnvironmentDoctor doctor = new EnvironmentDoctor(environment.secrets(), EnvironmentDoctor.defaultValidator(),
                environment.clock());
        List<CheckResult> results = doctor.examine(environment.workspaceFolder(workspace));
        boolean failed = false;
        for (CheckResult r : results) {
            String mark = switch (r.status()) {
                case OK -> "[ ok ]";
                case WARN -> "[warn]";
                case FAIL -> "[FAIL]";
            };
            environment.out().println(mark + " " + r.name() + ": " + r.detail());
            if (!r.remedy().isBlank()) {
                environment.out().println("       → " + r.remedy());
            }
            failed |= r.status() == CheckResult.Status.FAIL;
        }
        environment.out().println(failed ? "Some checks failed; fix them and run querybench doctor again."
                : "Everything needed is in place.");
        return failed ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }
}
