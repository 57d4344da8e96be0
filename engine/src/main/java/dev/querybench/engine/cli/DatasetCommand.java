package dev.querybench.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code querybench dataset}: the parent of commands about the workspace's questions. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Work with the workspace's dataset; see the subcommands.")
final class DatasetCommand implements Runnable {

    private final CliEnvironment environment;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    DatasetCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(environment.out());
    }
}
