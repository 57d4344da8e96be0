package dev.querybench.engine.cli;

import dev.querybench.engine.db.sqlite.SqliteEngine;
import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.DatasetImporter;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.db.PoolSettings;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.evaluation.PredictionsReader;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.Scorer;
import dev.querybench.engine.evaluation.base.EvaluationStrategy;
import dev.querybench.engine.evaluation.sql.MatchMode;
import dev.querybench.engine.evaluation.sql.ResultComparator;
import dev.querybench.engine.evaluation.sql.SpiderPredictions;
import dev.querybench.engine.evaluation.sql.SpiderRewrite;
import dev.querybench.engine.evaluation.sql.SqlExecutionEvaluator;
import dev.querybench.engine.evaluation.sql.TestSuiteEvaluator;
import dev.querybench.engine.report.ReportWriter;
import dev.querybench.engine.session.ScoreDatabases;
import dev.querybench.engine.session.WorkspaceSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code querybench score}: judges predictions made elsewhere with the same evaluators, no model
 * involved, on SQLite files or any server. A question's database that is unknown, missing or
 * unusable makes that item an ERROR counted as a dataset error; the others are scored.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score predicted SQL from another pipeline against a dataset's gold SQL (no model calls).")
final class ScoreCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Option(names = "--dataset", required = true,
            description = "Dataset: native .yaml/.jsonl/.csv, Spider's or BIRD's dev.json, or sql-eval's .csv.")
    Path dataset;

    @Option(names = "--predictions", required = true,
            description = "One SQL per line in dataset order (Spider style), or .json/.jsonl keyed by question id.")
    Path predictions;

    @Option(names = "--mode", defaultValue = "strict",
            description = "strict, set, subset (ours), or spider, defog, bird (the official evaluators, quirks included;"
                    + " see docs/evaluation.md). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--compare", description = "Also score in this mode and list the items whose verdicts differ.")
    String compare;

    @Option(names = "--db", paramLabel = "FILE|URL|PROFILE",
            description = "An SQLite file every question is asked of; a JDBC URL (on a server, a question naming a"
                    + " database is asked of the database of that name there); or a profile of --workspace.")
    String db;

    @Option(names = "--db-dir", description = "Folder of databases as DIR/<db_id>/<db_id>.sqlite (Spider and BIRD layout);"
            + " further .sqlite files in a database's folder are test-suite instances, all of which must match.")
    Path dbDir;

    @Option(names = {"-w", "--workspace"}, description = "A workspace whose database profiles questions may name"
            + " (and whose default database serves questions that name none, unless --db says otherwise).")
    String workspace;

    @Option(names = "--db-map", paramLabel = "NAME=PROFILE|URL", split = ",",
            description = "Ask questions naming NAME of this profile (of --workspace) or JDBC URL.")
    Map<String, String> dbMap = new LinkedHashMap<>();

    @Option(names = "--user", description = "Connect to the --db URL or profile as this account.")
    String user;

    @Option(names = "--password-env", paramLabel = "VARIABLE",
            description = "Environment variable holding the password for --user or the URL.")
    String passwordEnv;

    @Option(names = "--allow-privileged-account",
            description = "Let predictions and gold run under an account with more than read privileges (superuser,"
                    + " FILE, write grants); the summary then says so.")
    boolean allowPrivilegedAccount;

    @Option(names = "--keep-distinct", description = "spider mode: keep DISTINCT (the official --keep_distinct).")
    boolean keepDistinct;

    @Option(names = "--plug-value", description = "spider mode: also try the prediction with gold's values plugged in"
            + " (the official --plug_value).")
    boolean plugValue;

    @Option(names = "--timeout", defaultValue = "30", description = "Seconds per query (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--parallel", description = "Pairs judged at once, 1 to 256 (default: twice the processors).")
    Integer parallel;

    @Option(names = "--out", description = "Folder for the reports.")
    Path out;

    @Option(names = "--format", split = ",", defaultValue = "json,csv,md",
            description = "Report formats among json, csv, md, html (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    ScoreCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        MatchMode matchMode = parseMode(mode);
        if ((keepDistinct || plugValue) && matchMode != MatchMode.SPIDER && !MatchMode.SPIDER.id().equals(compare)) {
            throw new ConfigException("--keep-distinct and --plug-value are options of the spider mode",
                    "add --mode spider, or leave them out", null);
        }
        if (timeoutSeconds < 1) {
            throw new ConfigException("--timeout must be at least 1 second", "pass --timeout 30", null);
        }
        Workspace ws = workspace == null ? null : new WorkspaceLoader().load(environment.workspaceFolder(workspace));
        if (parallel != null && (parallel < 1 || parallel > Scorer.MAX_PARALLELISM)) {
            throw new ConfigException("--parallel must be between 1 and " + Scorer.MAX_PARALLELISM + " (was " + parallel
                    + ")", "pass --parallel 8, or leave it out for twice the processors", null);
        }
        int parallelism = parallel != null ? parallel
                : Math.min(Scorer.MAX_PARALLELISM, 2 * Runtime.getRuntime().availableProcessors());
        List<ScoreDatabases.Source> sources = sources(ws, parallelism);
        DatasetImporter.Imported imported = new DatasetImporter().load(dataset);
        environment.out().println("Dataset: " + dataset.getFileName() + " — " + imported.format() + ", "
                + imported.dataset().size() + " questions");
        Map<String, String> predicted = new PredictionsReader().read(predictions, imported.dataset());
        QueryLimits limits = new QueryLimits(Duration.ofSeconds(timeoutSeconds), 100_000);
        try (ScoreDatabases databases = new ScoreDatabases(sources)) {
            RunResults results = score(imported, predicted, matchMode, limits, parallelism, databases);
            ScoreSummary summary = new ScoreSummary(environment.out());
            summary.print(results, matchMode, keepDistinct, plugValue);
            if (!results.privilegedAccounts().isEmpty()) {
                environment.err().println(results.privilegedWarning());
            }
            if (compare != null) {
                MatchMode other = parseMode(compare);
                RunResults second = score(imported, predicted, other, limits, parallelism, databases);
                summary.printDifferences(results, second, matchMode, other);
            }
            if (out != null) {
                for (Path file : new ReportWriter().write(results, out, formats)) {
                    environment.out().println("Wrote " + file);
                }
            }
            return ExitCodes.OK;
        }
    }

    private RunResults score(DatasetImporter.Imported imported, Map<String, String> predicted, MatchMode matchMode,
            QueryLimits limits, int parallelism, ScoreDatabases databases) {
        ResultComparator comparator = matchMode.official() ? new ResultComparator(0) : new ResultComparator();
        SpiderRewrite rewrite = new SpiderRewrite(keepDistinct);
        Scorer scorer = new Scorer(id -> {
            ScoreDatabases.Target target = databases.of("", id);
            EvaluationStrategy suite = new TestSuiteEvaluator("execution-" + matchMode.id(), target.instances().stream()
                    .map(i -> new TestSuiteEvaluator.Instance(i.name(), new SqlExecutionEvaluator(i.executor(), limits,
                            comparator, matchMode, SqlExecutionEvaluator.DEFAULT_LARGE_RESULT_ROWS, keepDistinct)))
                    .toList());
            return matchMode == MatchMode.SPIDER ? new SpiderPredictions(suite, rewrite, plugValue) : suite;
        }, parallelism, environment.clock());
        RunResults results = scorer.score(imported.dataset(), predicted, predictions.getFileName().toString(), matchMode);
        return results.withPrivilegedAccounts(databases.privilegedAccounts());
    }

    /** Where questions' databases are looked for, in order. */
    private List<ScoreDatabases.Source> sources(Workspace ws, int poolSize) {
        List<ScoreDatabases.Source> sources = new ArrayList<>();
        if (!dbMap.isEmpty()) {
            Map<String, Supplier<ConnectionProfile>> mapping = new LinkedHashMap<>();
            dbMap.forEach((name, target) -> {
                ConnectionProfile profile = profile(ws, target, "--db-map " + name + "=");
                mapping.put(name, () -> profile);
            });
            sources.add(ScoreDatabases.mapped(mapping));
        }
        if (ws != null) {
            List<String> names = ws.config().databaseProfileNames();
            sources.add(new ScoreDatabases.Source() {
                @Override
                public java.util.Optional<List<ScoreDatabases.Opener>> find(String name) {
                    if (!names.contains(name)) {
                        return java.util.Optional.empty();
                    }
                    ConnectionProfile p = WorkspaceSession.databaseProfile(ws, environment.secrets(), name);
                    return java.util.Optional.of(List.of(new ScoreDatabases.Opener(name, p.url().toString(),
                            () -> DatabaseBackends.open(p))));
                }

                @Override
                public List<String> knownNames() {
                    return names;
                }
            });
        }
        if (dbDir != null) {
            if (!java.nio.file.Files.isDirectory(dbDir)) {
                throw new ConfigException("database folder " + dbDir + " does not exist", "check --db-dir", null);
            }
            sources.add(ScoreDatabases.folder(dbDir, poolSize));
        }
        if (db != null || ws != null) {
            ConnectionProfile main = profile(ws, db, "--db ");
            sources.add(main.dialect().isServer() ? ScoreDatabases.server(main)
                    : ScoreDatabases.single(main.name(), main.url().toString(), () -> DatabaseBackends.open(main)));
        }
        if (sources.isEmpty()) {
            throw new ConfigException("score needs databases: give --db FILE|URL, --db-dir DIR or --workspace W",
                    "see querybench score --help", null);
        }
        return sources;
    }

    /** A profile for a --db or --db-map value: a JDBC URL, a profile of the workspace, or an SQLite file. */
    private ConnectionProfile profile(Workspace ws, String value, String option) {
        ConnectionProfile profile = baseProfile(ws, value, option);
        return allowPrivilegedAccount ? profile.withPrivilegedAccountAllowed(true) : profile;
    }

    private ConnectionProfile baseProfile(Workspace ws, String value, String option) {
        String password = password();
        PoolSettings pool = new PoolSettings(Math.max(2, parallel != null ? parallel + 1 : 5), Duration.ofSeconds(10));
        if (value != null && value.regionMatches(true, 0, "jdbc:", 0, 5)) {
            ConnectionUrl url;
            try {
                url = ConnectionUrl.parse(value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(option + value + ": " + e.getMessage(), "pass a JDBC URL such as"
                        + " jdbc:postgresql://127.0.0.1:5432/ or a file", null);
            }
            if (!url.dialect().isServer() && url.database() != null) {
                url = ConnectionUrl.file(url.dialect(), Path.of(url.database()).toAbsolutePath().normalize().toString());
            }
            String account = user != null ? user : url.options().get("user");
            return new ConnectionProfile("command-line", url.dialect(), url.withoutCredentials().toJdbcUrl(), account,
                    password, pool);
        }
        if (ws != null && (value == null || ws.config().databaseProfileNames().contains(value))) {
            ConnectionProfile profile = WorkspaceSession.databaseProfile(ws, environment.secrets(), value);
            return user == null && password == null ? profile : profile.withCredentials(
                    user != null ? user : profile.username(), password != null ? password : profile.password());
        }
        Path file = Path.of(value).toAbsolutePath().normalize();
        return new ConnectionProfile(file.getFileName().toString(), SqliteEngine.DIALECT, "jdbc:sqlite:" + file, null, null,
                pool);
    }

    private String password() {
        if (passwordEnv == null) {
            return null;
        }
        SecretRef ref;
        try {
            ref = SecretRef.env(passwordEnv);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--password-env: " + e.getMessage(), "name an environment variable", null);
        }
        return environment.secrets().resolve(ref).orElseThrow(() -> new ConfigException(
                "--password-env: environment variable " + passwordEnv + " is not set",
                "export " + passwordEnv + " with the password", null));
    }

    private static MatchMode parseMode(String text) {
        try {
            return MatchMode.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), "pick one of the supported modes", null);
        }
    }
}
