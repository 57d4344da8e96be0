package dev.querybench.engine.cli;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.session.WorkspaceTestSuite;
import dev.querybench.engine.testsuite.TestSuiteBuilder;
import dev.querybench.engine.testsuite.TestSuiteReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code querybench dataset testsuite}: builds a distilled test suite for each SQLite, PostgreSQL or MySQL database the
 * dataset's questions are asked of and writes it as that database's instances (docs/testsuite.md).
 */
@Command(name = "testsuite", mixinStandardHelpOptions = true,
        description = "Generate a distilled test suite for each SQLite, PostgreSQL or MySQL/MariaDB database of the"
                + " dataset: neighbour queries of"
                + " every gold query, random databases that keep the schema's constraints and the data's values, and the"
                + " fewest of them that tell gold from the most neighbours. The databases become instances of the"
                + " database (a profile's 'instances:', or files next to a dataset database; on a server, schemas or"
                + " databases named qbts_<profile>_s<seed>_<n>, created with --user), so runs and score match"
                + " on each. Writes a report of the neighbours each question's suite catches and those that survive.")
final class DatasetTestSuiteCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Option(names = {"-w", "--workspace"}, defaultValue = "sample",
            description = "Workspace folder, or 'sample' for the built-in sample (default: ${DEFAULT-VALUE}).")
    String workspace;

    @Option(names = "--database", paramLabel = "NAME",
            description = "Only this database (repeatable; default: every database the questions name).")
    List<String> only = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-instances", defaultValue = "16",
            description = "Most databases a suite keeps (default: ${DEFAULT-VALUE}).")
    int maxInstances;

    @Option(names = "--candidates", defaultValue = "400",
            description = "Most random databases tried per database (default: ${DEFAULT-VALUE}).")
    int candidates;

    @Option(names = "--max-neighbours", defaultValue = "80",
            description = "Most neighbours per gold query (default: ${DEFAULT-VALUE}).")
    int maxNeighbours;

    @Option(names = "--budget", defaultValue = "300", paramLabel = "SECONDS",
            description = "Stop trying candidates of a database after this long (default: ${DEFAULT-VALUE}).")
    int budgetSeconds;

    @Option(names = "--timeout", defaultValue = "5", paramLabel = "SECONDS",
            description = "Limit per query (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--user", paramLabel = "ACCOUNT",
            description = "PostgreSQL, MySQL/MariaDB: the account that creates the suite's schemas (PostgreSQL) or"
                    + " databases (MySQL/MariaDB) and grants the profile's account reading them, as for db reader.")
    String adminUser;

    @Option(names = "--password-env", paramLabel = "VARIABLE",
            description = "Environment variable that holds the password of --user.")
    String adminPasswordEnv;

    @Option(names = "--no-save",
            description = "Write the suite and report but do not add the instances to the workspace's profile.")
    boolean noSave;

    @Option(names = "--show-survivors", defaultValue = "3", paramLabel = "N",
            description = "Surviving neighbours to print per question (all are in the report; default: ${DEFAULT-VALUE}).")
    int showSurvivors;

    DatasetTestSuiteCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = environment.out();
        if (maxInstances < 1 || candidates < 1 || maxNeighbours < 1 || budgetSeconds < 1 || timeoutSeconds < 1) {
            environment.err().println("--max-instances, --candidates, --max-neighbours, --budget and --timeout must be"
                    + " at least 1");
            return ExitCodes.USAGE;
        }
        Workspace ws = new dev.querybench.engine.config.WorkspaceLoader().load(environment.workspaceFolder(workspace));
        WorkspaceTestSuite suites = new WorkspaceTestSuite(ws, environment.secrets());
        Map<String, List<Question>> byDatabase = suites.questionsByDatabase(only);
        if (byDatabase.isEmpty()) {
            environment.err().println("no question is asked of " + (only.isEmpty() ? "any database" : String.join(", ", only))
                    + "; name a database the dataset's questions use");
            return ExitCodes.USAGE;
        }
        TestSuiteBuilder.Settings settings = new TestSuiteBuilder.Settings(seed, maxInstances, candidates, 30,
                maxNeighbours, Duration.ofSeconds(budgetSeconds),
                new QueryLimits(Duration.ofSeconds(timeoutSeconds), ws.config().run().rowCapOrDefault()));
        WorkspaceTestSuite.Outcome outcome = suites.build(byDatabase, settings, !noSave, admin(), line -> {
            out.println(line);
            out.flush();
        }, step -> { });
        outcome.problems().forEach(p -> environment.err().println(p.message()));
        for (TestSuiteBuilder.DatabaseReport report : outcome.reports()) {
            if (outcome.savedTo().contains(report.database())) {
                out.println(report.database() + ": instances saved to " + suites.configFile());
            }
            print(out, report);
        }
        out.println("Report: " + outcome.reportFolder().resolve(TestSuiteReport.MARKDOWN) + " and "
                + outcome.reportFolder().resolve(TestSuiteReport.JSON));
        return outcome.problems().isEmpty() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }

    private WorkspaceTestSuite.Admin admin() {
        if (adminUser == null) {
            if (adminPasswordEnv != null) {
                throw new ConfigException("--password-env needs --user", "pass --user with the admin account's name",
                        null);
            }
            return null;
        }
        String password = null;
        if (adminPasswordEnv != null) {
            SecretRef ref;
            try {
                ref = SecretRef.env(adminPasswordEnv);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--password-env: " + e.getMessage(), "name an environment variable", null);
            }
            password = environment.secrets().resolve(ref).orElseThrow(() -> new ConfigException(
                    "--password-env: environment variable " + adminPasswordEnv + " is not set",
                    "export " + adminPasswordEnv + " with the password of " + adminUser, null));
        }
        return new WorkspaceTestSuite.Admin(adminUser, password);
    }

    private void print(PrintWriter out, TestSuiteBuilder.DatabaseReport report) {
        for (TestSuiteBuilder.QuestionReport q : report.questions()) {
            if (!q.problem().isEmpty()) {
                out.println("  " + q.questionId() + ": " + q.problem());
                continue;
            }
            out.printf("  %s: %d neighbours (and %d equivalent by rule), %d caught by the database itself, suite"
                    + " catches %d of the %d that pass there%n", q.questionId(), q.neighbours(), q.equivalent(),
                    q.caughtByOriginal(), q.killedBySuite(), q.passOnOriginal());
            q.survivors().stream().limit(showSurvivors).forEach(s -> out.println("      survives (" + s.change()
                    + "): " + s.sql()));
        }
        int pass = report.passOnOriginal();
        out.printf("%s: %d instances (%s), catch %d of %d neighbours that pass on the database (%.1f%%); %d candidates"
                + " tried in %.1f s%s%n", report.database(), report.instances().size(),
                String.join(", ", report.instances().stream().map(i -> i.name() + " " + i.bytes() / 1024 + " KB").toList()),
                report.killedBySuite(), pass, pass == 0 ? 100.0 : 100.0 * report.killedBySuite() / pass,
                report.candidatesTried(), report.elapsed().toMillis() / 1000.0,
                report.budgetReached() ? " (time budget reached)" : "");
    }
}
