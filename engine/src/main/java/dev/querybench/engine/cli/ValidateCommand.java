package dev.querybench.engine.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code querybench validate}: the parent of the pre-flight checks ({@code validate models},
 * …). Each check is a subcommand registered in {@link QueryBenchCli#execute}; on its own it
 * lists them.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check endpoints before a run: each subcommand checks one kind.")
final class ValidateCommand implements Runnable {

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    ValidateCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(environment.out());
    }
}
