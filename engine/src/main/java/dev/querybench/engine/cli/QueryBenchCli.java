package dev.querybench.engine.cli;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.QueryBenchException;
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
        System.exit(execute(CliEnvironment.system(), args));
    }

    /** Runs one command line and returns its exit code. */
    public static int execute(CliEnvironment environment, String... args) {
        CommandLine cli = commandLine(environment);
        int code = cli.execute(args);
        environment.out().flush();
        environment.err().flush();
        return code;
    }

    /** The whole command tree, ready to execute; the man pages are generated from it too. */
    public static CommandLine commandLine(CliEnvironment environment) {
        CommandLine validate = new CommandLine(new ValidateCommand(environment))
                .addSubcommand("db", new ValidateDbCommand(environment))
                .addSubcommand("models", new ValidateModelsCommand(environment));
        CommandLine dataset = new CommandLine(new DatasetCommand(environment))
                .addSubcommand("check", new DatasetCheckCommand(environment))
                .addSubcommand("testsuite", new DatasetTestSuiteCommand(environment));
        CommandLine db = new CommandLine(new DbCommand(environment))
                .addSubcommand("profile", new DbProfileCommand(environment))
                .addSubcommand("load", new DbLoadCommand(environment))
                .addSubcommand("reader", new DbReaderCommand(environment));
        CommandLine cli = new CommandLine(new QueryBenchCli(environment))
                .addSubcommand("run", new RunCommand(environment))
                .addSubcommand("doctor", new DoctorCommand(environment))
                .addSubcommand("score", new ScoreCommand(environment))
                .addSubcommand("report", new ReportCommand(environment))
                .addSubcommand("langfuse", LangfuseCommand.commandLine(environment))
                .addSubcommand("validate", validate)
                .addSubcommand("dataset", dataset)
                .addSubcommand("sql", new SqlCommand(environment))
                .addSubcommand("db", db)
                .addSubcommand("health", new HealthCommand(environment))
                .addSubcommand("secret", SecretCommand.commandLine(environment))
                .setOut(environment.out())
                .setErr(environment.err())
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(environment, e));
        return cli;
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
