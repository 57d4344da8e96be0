package dev.querybench.engine.cli;

import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.session.QuestionDatabases;
import dev.querybench.engine.validation.DatasetDatabasesCheck;
import dev.querybench.engine.validation.GoldCheck;
import dev.querybench.engine.validation.SchemaVerifier;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code querybench dataset check}: schema verification and gold-check on one database, or, for a
 * dataset whose questions name their own databases, on each question's database and every
 * test-suite instance of it.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Run every gold query of the dataset on a database (through the safe executor) and list those"
                + " that fail, time out or return no rows; first check that the tables and columns they read exist."
                + " When questions name their own databases, each runs on its own and on every test-suite instance;"
                + " --db with a URL checks every question on that one database instead.")
final class DatasetCheckCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Limit per gold query (default: the workspace's run.queryTimeoutSeconds).")
    Integer timeout;

    DatasetCheckCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Workspace ws = database.requireWorkspace(environment);
        int seconds = timeout != null ? timeout : ws.config().run().queryTimeoutSecondsOrDefault();
        QueryLimits limits = new QueryLimits(Duration.ofSeconds(Math.max(1, seconds)),
                ws.config().run().rowCapOrDefault());
        Optional<String> profileName = database.profileName(ws);
        if (profileName.isPresent() && DatasetDatabasesCheck.spansDatabases(ws.dataset())) {
            return acrossDatabases(ws, profileName.get(), limits);
        }
        try (DatabaseBackend backend = DatabaseBackends.open(database.profile(environment))) {
            AccountNotice.check(backend, environment.err());
            String server = backend.serverVersion();
            SchemaVerifier.Report schema = new SchemaVerifier().verify(ws.dataset(), backend.introspect(), server);
            boolean problems = false;
            if (!schema.ok()) {
                problems = true;
                schema.versionProblem().ifPresent(v -> environment.out().println("server: " + v));
                schema.missingTables().forEach(t -> environment.out().println("missing table: " + t));
                schema.missingColumns().forEach(c -> environment.out().println("missing column: " + c));
            }
            GoldCheck.Report report = new GoldCheck(new SafeExecutor(backend), limits).run(ws.dataset());
            for (GoldCheck.Issue issue : report.issues()) {
                String kind = switch (issue.problem()) {
                    case FAILED -> "FAILED   ";
                    case TIMED_OUT -> "TIMED OUT";
                    case EMPTY -> "EMPTY    ";
                };
                environment.out().println(kind + " " + issue.questionId() + ": " + issue.detail());
            }
            environment.out().printf("Gold-check of %s on %s: %d questions, %d gold queries; %d failed, %d timed out,"
                    + " %d returned no rows (%.1f s)%n", report.dataset(), server, report.questions(), report.queries(),
                    report.issues(GoldCheck.Problem.FAILED).size(), report.issues(GoldCheck.Problem.TIMED_OUT).size(),
                    report.issues(GoldCheck.Problem.EMPTY).size(), report.elapsed().toMillis() / 1000.0);
            problems |= !report.ok();
            return problems ? ExitCodes.PROBLEMS : ExitCodes.OK;
        }
    }

    private int acrossDatabases(Workspace ws, String defaultName, QueryLimits limits) {
        long start = System.nanoTime();
        DatasetDatabasesCheck.Report report;
        try (DatabaseBackend backend = DatabaseBackends.open(database.profile(environment));
                QuestionDatabases databases = database.questionDatabases(environment, ws, defaultName, backend)) {
            report = new DatasetDatabasesCheck(limits).goldCheck(ws.dataset(), databases);
        }
        PrintWriter out = environment.out();
        int queries = 0;
        int[] counts = new int[GoldCheck.Problem.values().length];
        for (DatasetDatabasesCheck.InstanceReport r : report.instances()) {
            String where = r.main() ? r.database() : r.database() + " (instance " + r.instance() + ")";
            out.println((r.main() ? "Database " : "  instance ") + (r.main() ? r.database() : r.instance()) + ": "
                    + r.serverVersion() + ", " + r.gold().questions() + " questions, " + r.gold().queries()
                    + " gold queries" + (r.ok() ? ", all fine" : ""));
            queries += r.gold().queries();
            r.schema().versionProblem().ifPresent(v -> out.println("server on " + where + ": " + v));
            r.schema().missingTables().forEach(t -> out.println("missing table on " + where + ": " + t));
            r.schema().missingColumns().forEach(c -> out.println("missing column on " + where + ": " + c));
            for (GoldCheck.Issue issue : r.gold().issues()) {
                counts[issue.problem().ordinal()]++;
                String kind = switch (issue.problem()) {
                    case FAILED -> "FAILED   ";
                    case TIMED_OUT -> "TIMED OUT";
                    case EMPTY -> "EMPTY    ";
                };
                out.println(kind + " " + issue.questionId() + " on " + where + ": " + issue.detail());
            }
        }
        int unusable = 0;
        for (DatasetDatabasesCheck.Problem p : report.problems()) {
            unusable += p.questionIds().size();
            out.println("DATABASE  " + p.error().message());
            out.println("          → " + p.error().remedy());
        }
        out.printf("Gold-check of %s across %d databases (%d with test-suite instances): %d questions, %d gold queries"
                + " run; %d failed, %d timed out, %d returned no rows; %d questions name a database that cannot be"
                + " used (%.1f s)%n", ws.dataset().name(), report.databases(),
                report.instances().size() - report.databases(), ws.dataset().size(), queries,
                counts[GoldCheck.Problem.FAILED.ordinal()], counts[GoldCheck.Problem.TIMED_OUT.ordinal()],
                counts[GoldCheck.Problem.EMPTY.ordinal()], unusable, (System.nanoTime() - start) / 1e9);
        return report.ok() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }
}
