package dev.querybench.engine.cli;

import dev.querybench.engine.validation.CheckResult;
import dev.querybench.engine.validation.EnvironmentDoctor;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code querybench doctor}: checks the environment and says what to fix; its last line and exit
 * code follow the worst finding.
 */
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
        CheckPrinter printer = new CheckPrinter(environment.out());
        results.forEach(printer::print);
        List<String> failed = names(results, CheckResult.Status.FAIL);
        List<String> warned = names(results, CheckResult.Status.WARN);
        // Like validate and health, the worst finding decides the last line and the exit code: a
        // warning (a model profile that cannot be used) is a problem found too.
        if (!failed.isEmpty()) {
            environment.out().println(count(failed.size(), "check") + " failed (" + String.join(", ", failed)
                    + (warned.isEmpty() ? "" : "; warnings: " + String.join(", ", warned))
                    + "); fix them and run querybench doctor again.");
            return ExitCodes.PROBLEMS;
        }
        if (!warned.isEmpty()) {
            environment.out().println(count(warned.size(), "warning") + " (" + String.join(", ", warned)
                    + "): what uses them will not work; fix them and run querybench doctor again.");
            return ExitCodes.PROBLEMS;
        }
        environment.out().println("Everything needed is in place.");
        return ExitCodes.OK;
    }

    private static List<String> names(List<CheckResult> results, CheckResult.Status status) {
        return results.stream().filter(r -> r.status() == status).map(CheckResult::name).toList();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
