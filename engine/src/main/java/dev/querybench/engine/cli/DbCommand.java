package dev.querybench.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code querybench db}: the parent of database utilities ({@code profile}, {@code load}). */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Database utilities: measure query latency, load a dataset's database, create a reader account;"
                + " see the subcommands.")
final class DbCommand implements Runnable {

    private final CliEnvironment environment;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    DbCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(environment.out());
    }
}
