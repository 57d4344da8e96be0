package dev.querybench.engine.cli;

import dev.querybench.engine.db.sqlite.SqliteNativeLibrary;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.QueryBenchException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code querybench} command line. */
@Command(name = "querybench", mixinStandardHelpOptions = true, version = "QueryBench 0.1.0",
        description = "Evaluate text-to-SQL prompt variants and models against questions with gold SQL.",
        footer = {"", ExitCodes.HELP})
public final class QueryBenchCli implements Runnable {

    private final CliEnvironment environment;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public QueryBenchCli(CliEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        CliEnvironment environment = CliEnvironment.system();
        if (args.length > 0 && !args[0].startsWith("-")) {
            // a subcommand: SQLite's native library comes from its checked copy in the home
            SqliteNativeLibrary.useCached(environment.home());
        }
        System.exit(execute(environment, args));
    }

    /** Runs one command line and returns its exit code. */
    public static int execute(CliEnvironment environment, String... args) {
        CommandLine cli = commandLine(environment, args.length > 0 ? args[0] : null);
        int code = cli.execute(args);
        environment.out().flush();
        environment.err().flush();
        return code;
    }

    /** The whole command tree, ready to execute; the man pages are generated from it too. */
    public static CommandLine commandLine(CliEnvironment environment) {
        return commandLine(environment, null);
    }

    /**
     * The command tree for a command line starting with {@code first}: when it names a subcommand,
     * the root holds that subcommand alone, so picocli reads the annotations of the command asked
     * for and not of the twenty others (about a tenth of a second at every start); otherwise
     * (options, help, an unknown or no subcommand) the whole tree, whose messages list them all.
     */
    static CommandLine commandLine(CliEnvironment environment, String first) {
        Map<String, Supplier<Object>> subcommands = subcommands(environment);
        CommandLine cli = new CommandLine(new QueryBenchCli(environment));
        Supplier<Object> only = first == null ? null : subcommands.get(first);
        if (only != null) {
            cli.addSubcommand(first, only.get());
        } else {
            subcommands.forEach((name, subcommand) -> cli.addSubcommand(name, subcommand.get()));
        }
        return cli.setOut(environment.out())
                .setErr(environment.err())
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(environment, e));
    }

    /** The subcommands in the order help lists them, each made only when asked for. */
    private static Map<String, Supplier<Object>> subcommands(CliEnvironment environment) {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("run", () -> new RunCommand(environment));
        all.put("doctor", () -> new DoctorCommand(environment));
        all.put("score", () -> new ScoreCommand(environment));
        all.put("report", () -> new ReportCommand(environment));
        all.put("langfuse", () -> LangfuseCommand.commandLine(environment));
        all.put("validate", () -> new CommandLine(new ValidateCommand(environment))
                .addSubcommand("db", new ValidateDbCommand(environment))
                .addSubcommand("models", new ValidateModelsCommand(environment)));
        all.put("dataset", () -> new CommandLine(new DatasetCommand(environment))
                .addSubcommand("check", new DatasetCheckCommand(environment))
                .addSubcommand("testsuite", new DatasetTestSuiteCommand(environment)));
        all.put("sql", () -> new SqlCommand(environment));
        all.put("db", () -> new CommandLine(new DbCommand(environment))
                .addSubcommand("profile", new DbProfileCommand(environment))
                .addSubcommand("load", new DbLoadCommand(environment))
                .addSubcommand("reader", new DbReaderCommand(environment)));
        all.put("health", () -> new HealthCommand(environment));
        all.put("secret", () -> SecretCommand.commandLine(environment));
        return all;
    }

    @Override
    public void run() {
        spec.commandLine().usage(environment.out());
    }

    private static int handle(CliEnvironment environment, Exception e) {
        if (e instanceof QueryBenchException q) {
            environment.err().println("error: " + q.error().describe());
            return codeFor(q.error().category());
        }
        environment.err().println("internal error: " + e);
        return ExitCodes.INTERNAL;
    }

    static int codeFor(ErrorCategory category) {
        return switch (category) {
            case CONFIGURATION, INVALID_INPUT, SYNTAX, REFUSED, CONTENT_FILTER -> ExitCodes.CONFIG;
            case AUTHENTICATION, PERMISSION, NOT_FOUND, RATE_LIMIT, QUOTA, TIMEOUT, NETWORK, SERVER, MALFORMED_ANSWER ->
                    ExitCodes.ENVIRONMENT;
            case INTERNAL -> ExitCodes.INTERNAL;
        };
    }
}
