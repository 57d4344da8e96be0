package dev.querybench.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code querybench validate}: the parent of the pre-flight checks ({@code validate db}, and the
 * others registered next to it in {@link QueryBenchCli#execute}).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a database or other configured services before a run; see the subcommands.")
final class ValidateCommand implements Runnable {

    private final CliEnvironment environment;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    ValidateCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(environment.out());
    }
}
