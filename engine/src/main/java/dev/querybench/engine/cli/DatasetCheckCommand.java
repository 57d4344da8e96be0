package dev.querybench.engine.cli;

import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.validation.GoldCheck;
import dev.querybench.engine.validation.SchemaVerifier;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code querybench dataset check}: schema verification and gold-check on one database. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Run every gold query of the dataset on a database (through the safe executor) and list those"
                + " that fail, time out or return no rows; first check that the tables and columns they read exist.")
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
        try (DatabaseBackend backend = DatabaseBackends.open(database.profile(environment))) {
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
}
