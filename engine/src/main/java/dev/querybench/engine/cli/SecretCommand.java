package dev.querybench.engine.cli;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.secrets.OsKeyring;
import dev.querybench.engine.secrets.SecretStore;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code querybench secret set|list|delete}: keys and passwords in the OS keyring, which a
 * workspace then references as {@code {keyring: NAME}}. A value is never taken from the command
 * line (it would stay in the shell's history and the process list): {@code set} asks for it on
 * the terminal without echo, or reads it from standard input when that is piped.
 */
@Command(name = "secret", mixinStandardHelpOptions = true,
        description = "Store, list and delete secrets in the OS keyring; reference them as {keyring: NAME}.")
final class SecretCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final CliEnvironment environment;

    SecretCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The command with its three subcommands. */
    static CommandLine commandLine(CliEnvironment environment) {
        return new CommandLine(new SecretCommand(environment))
                .addSubcommand("set", new Set(environment))
                .addSubcommand("list", new ListNames(environment))
                .addSubcommand("delete", new Delete(environment));
    }

    @Override
    public void run() {
        spec.commandLine().usage(environment.out());
    }

    private static SecretStore keyring(CliEnvironment environment) {
        return environment.secrets().keyring();
    }

    private static String checked(String name) {
        try {
            return OsKeyring.checkName(name);
        } catch (IllegalArgumentException e) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.INVALID_INPUT, e.getMessage(),
                    "run querybench secret set NAME with such a name"));
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Store a secret: typed without echo, or piped on standard input (never an argument).")
    static final class Set implements Callable<Integer> {
        private final CliEnvironment environment;

        @Parameters(index = "0", paramLabel = "NAME", description = "The entry's name, such as OPENAI_API_KEY.")
        String name;

        Set(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            checked(name);
            String value = read();
            keyring(environment).set(name, value);
            environment.out().println("Stored " + name + " in the OS keyring. Reference it in querybench.yaml as"
                    + " {keyring: " + name + "}.");
            return ExitCodes.OK;
        }

        private String read() {
            Console console = System.console();
            if (console != null && environment.in() == System.in) {
                char[] typed = console.readPassword("Value for %s (not shown): ", name);
                return typed == null ? "" : new String(typed);
            }
            try {
                String piped = new String(environment.in().readAllBytes(), StandardCharsets.UTF_8);
                // One trailing line break comes from echo or a here-string, not from the secret.
                return piped.endsWith("\r\n") ? piped.substring(0, piped.length() - 2)
                        : piped.endsWith("\n") ? piped.substring(0, piped.length() - 1) : piped;
            } catch (IOException e) {
                throw new QueryBenchException(ErrorResponse.of(ErrorCategory.INVALID_INPUT,
                        "cannot read the secret from standard input: " + e.getMessage(),
                        "pipe it in, such as: printenv OPENAI_API_KEY | querybench secret set " + name), e);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the names stored through QueryBench (never their values).")
    static final class ListNames implements Callable<Integer> {
        private final CliEnvironment environment;

        ListNames(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            List<String> names = keyring(environment).names();
            if (names.isEmpty()) {
                environment.out().println("No secrets stored through QueryBench yet; add one with"
                        + " querybench secret set NAME.");
            }
            names.forEach(environment.out()::println);
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove a secret from the OS keyring.")
    static final class Delete implements Callable<Integer> {
        private final CliEnvironment environment;

        @Parameters(index = "0", paramLabel = "NAME", description = "The entry's name.")
        String name;

        Delete(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            checked(name);
            if (keyring(environment).delete(name)) {
                environment.out().println("Deleted " + name + " from the OS keyring.");
                return ExitCodes.OK;
            }
            environment.err().println("error: the OS keyring has no entry " + name
                    + " — see querybench secret list for the names stored through QueryBench");
            return ExitCodes.PROBLEMS;
        }
    }
}
