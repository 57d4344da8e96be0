package dev.querybench.engine.cli;

import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceProfileWriter;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseFolder;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.session.QuestionDatabases;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testsuite.TestSuiteBuilder;
import dev.querybench.engine.testsuite.TestSuiteReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code querybench dataset testsuite}: builds a distilled test suite for each SQLite database the
 * dataset's questions are asked of and writes it as that database's instances (docs/testsuite.md).
 */
@Command(name = "testsuite", mixinStandardHelpOptions = true,
        description = "Generate a distilled test suite for each SQLite database of the dataset: neighbour queries of"
                + " every gold query, random databases that keep the schema's constraints and the data's values, and the"
                + " fewest of them that tell gold from the most neighbours. The databases become instances of the"
                + " database (a profile's 'instances:', or files next to a dataset database), so runs and score match"
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

    @Option(names = "--candidates", defaultValue = "200",
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
        String defaultName = ws.config().database().nameOrDefault();
        Map<String, List<Question>> byDatabase = new LinkedHashMap<>();
        for (Question q : ws.dataset().questions()) {
            String name = q.database().isBlank() ? defaultName : q.database();
            if (only.isEmpty() || only.contains(name)) {
                byDatabase.computeIfAbsent(name, k -> new ArrayList<>()).add(q);
            }
        }
        if (byDatabase.isEmpty()) {
            environment.err().println("no question is asked of " + (only.isEmpty() ? "any database" : String.join(", ", only))
                    + "; name a database the dataset's questions use");
            return ExitCodes.USAGE;
        }
        TestSuiteBuilder.Settings settings = new TestSuiteBuilder.Settings(seed, maxInstances, candidates, 30,
                maxNeighbours, Duration.ofSeconds(budgetSeconds),
                new QueryLimits(Duration.ofSeconds(timeoutSeconds), ws.config().run().rowCapOrDefault()));
        Path suiteFolder = ws.stateFolder().resolve("testsuite");
        List<TestSuiteBuilder.DatabaseReport> reports = new ArrayList<>();
        boolean problems = false;
        for (Map.Entry<String, List<Question>> entry : byDatabase.entrySet()) {
            String name = entry.getKey();
            Optional<TestSuiteBuilder.Target> target = target(ws, name, entry.getValue(), suiteFolder);
            if (target.isEmpty()) {
                problems = true;
                continue;
            }
            TestSuiteBuilder.DatabaseReport report;
            try {
                report = new TestSuiteBuilder().build(target.get(), settings, line -> {
                    out.println(line);
                    out.flush();
                });
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                environment.err().println("database '" + name + "': no test suite: " + e.getMessage()
                        + " (check that the file is a SQLite database and the folders are writable)");
                problems = true;
                continue;
            }
            reports.add(report);
            if (!noSave && ws.config().databaseProfile(name).isPresent()) {
                saveInstances(ws, name, report);
            }
            print(out, report);
        }
        TestSuiteReport.write(suiteFolder, reports, seed);
        out.println("Report: " + suiteFolder.resolve(TestSuiteReport.MARKDOWN) + " and "
                + suiteFolder.resolve(TestSuiteReport.JSON));
        return problems ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    private Optional<TestSuiteBuilder.Target> target(Workspace ws, String name, List<Question> questions,
            Path suiteFolder) {
        Path work = suiteFolder.resolve("work").resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_"));
        Optional<DatabaseConfig> profile = ws.config().databaseProfile(name);
        if (profile.isPresent()) {
            ConnectionProfile connection = WorkspaceSession.databaseProfile(ws, environment.secrets(), name);
            if (connection.dialect() != Dialect.SQLITE) {
                environment.err().println("database '" + name + "' is on " + connection.dialect().name().toLowerCase()
                        + "; test suites are generated for SQLite databases only for now (skipped)");
                return Optional.empty();
            }
            Path file = Path.of(connection.url().database());
            if (!java.nio.file.Files.isRegularFile(file)) {
                environment.err().println("database '" + name + "': SQLite file " + file + " does not exist; build it"
                        + " (give the profile init: scripts) or fix its path (skipped)");
                return Optional.empty();
            }
            return Optional.of(new TestSuiteBuilder.Target(name, file, questions, suiteFolder.resolve(name), work));
        }
        Path datasetFolder = ws.resolve(ws.config().dataset()).getParent();
        for (String folder : QuestionDatabases.DATASET_FOLDERS) {
            Optional<Path> file = new DatabaseFolder(datasetFolder.resolve(folder)).file(name);
            if (file.isPresent()) {
                return Optional.of(new TestSuiteBuilder.Target(name, file.get(), questions, file.get().getParent(),
                        work));
            }
        }
        environment.err().println("database '" + name + "' is neither a profile of the workspace nor a SQLite file in"
                + " database/ or dev_databases/ next to the dataset (skipped)");
        return Optional.empty();
    }

    private void saveInstances(Workspace ws, String name, TestSuiteBuilder.DatabaseReport report) {
        DatabaseConfig db = ws.config().databaseProfile(name).orElseThrow();
        List<String> instances = new ArrayList<>();
        for (String existing : db.instances()) {
            if (!TestSuiteBuilder.isSuiteFile(name, Path.of(existing))) {
                instances.add(existing);
            }
        }
        for (TestSuiteBuilder.InstanceReport instance : report.instances()) {
            instances.add(ws.root().toAbsolutePath().normalize().relativize(instance.file().toAbsolutePath().normalize())
                    .toString().replace('\\', '/'));
        }
        if (instances.equals(db.instances())) {
            return;
        }
        DatabaseConfig updated = new DatabaseConfig(db.name(), db.type(), db.path(), db.init(), db.url(), db.host(),
                db.port(), db.database(), db.schema(), db.username(), db.password(), db.options(), db.poolSize(),
                db.connectTimeoutSeconds(), instances);
        new WorkspaceProfileWriter().save(ws.root(), new WorkspaceProfileWriter.Profile(updated, List.of(), null));
        environment.out().println(name + ": instances saved to " + ws.root().resolve(Workspace.CONFIG_FILE));
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
