package dev.querybench.engine.cli;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.dataset.Dataset;
import dev.querybench.engine.dataset.DatasetImporter;
import dev.querybench.engine.db.DatabaseFolder;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.SafeExecutor;
import dev.querybench.engine.db.UnknownDatabaseException;
import dev.querybench.engine.db.sqlite.SqliteBackend;
import dev.querybench.engine.evaluation.PredictionsReader;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.Scorer;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.sql.MatchMode;
import dev.querybench.engine.evaluation.sql.ResultComparator;
import dev.querybench.engine.evaluation.sql.SqlExecutionEvaluator;
import dev.querybench.engine.evaluation.sql.TestSuiteEvaluator;
import dev.querybench.engine.report.ReportWriter;
import dev.querybench.engine.run.ItemResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code querybench score}: judges predictions made elsewhere with the same evaluators, no model involved. */
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

    @Option(names = "--mode", defaultValue = "strict", description = "strict, set, subset or spider (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--compare", description = "Also score in this mode and list the items whose verdicts differ.")
    String compare;

    @Option(names = "--db", description = "The SQLite database every question is asked of.")
    Path db;

    @Option(names = "--db-dir", description = "Folder of databases as DIR/<db_id>/<db_id>.sqlite (Spider and BIRD layout);"
            + " further .sqlite files in a database's folder are test-suite instances, all of which must match.")
    Path dbDir;

    @Option(names = "--timeout", defaultValue = "30", description = "Seconds per query (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--parallel", description = "Pairs judged at once (default: twice the processors).")
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
        if ((db == null) == (dbDir == null)) {
            throw new ConfigException("give either --db FILE or --db-dir DIR", "see querybench score --help", null);
        }
        if (dbDir != null && !Files.isDirectory(dbDir)) {
            throw new ConfigException("database folder " + dbDir + " does not exist", "check --db-dir", null);
        }
        Dataset data = new DatasetImporter().read(dataset);
        Map<String, String> predicted = new PredictionsReader().read(predictions, data);
        QueryLimits limits = new QueryLimits(Duration.ofSeconds(timeoutSeconds), 100_000);
        int parallelism = parallel != null ? parallel : 2 * Runtime.getRuntime().availableProcessors();
        Map<String, SqliteBackend> open = new ConcurrentHashMap<>();
        try {
            RunResults results = score(data, predicted, matchMode, limits, parallelism, open);
            new SummaryTable(environment.out()).print(results);
            printFlags(results);
            if (compare != null) {
                MatchMode other = parseMode(compare);
                RunResults second = score(data, predicted, other, limits, parallelism, open);
                printDifferences(results, second, matchMode, other);
            }
            if (out != null) {
                for (Path file : new ReportWriter().write(results, out, formats)) {
                    environment.out().println("Wrote " + file);
                }
            }
            return ExitCodes.OK;
        } finally {
            open.values().forEach(SqliteBackend::close);
        }
    }

    private RunResults score(Dataset data, Map<String, String> predicted, MatchMode matchMode, QueryLimits limits,
            int parallelism, Map<String, SqliteBackend> open) {
        ResultComparator comparator = matchMode == MatchMode.SPIDER ? new ResultComparator(0) : new ResultComparator();
        Scorer scorer = new Scorer(id -> new TestSuiteEvaluator("execution-" + matchMode.id(), files(id).stream()
                .map(file -> new TestSuiteEvaluator.Instance(file.getFileName().toString(), new SqlExecutionEvaluator(
                        new SafeExecutor(backend(file, open, parallelism)), limits, comparator, matchMode)))
                .toList()), parallelism, environment.clock());
        return scorer.score(data, predicted, predictions.getFileName().toString(), matchMode);
    }

    /** The database's files: the one --db file, or its main file and test-suite instances under --db-dir. */
    private List<Path> files(String dbId) {
        if (db != null) {
            if (!Files.isRegularFile(db)) {
                throw new ConfigException("database " + db + " does not exist", "check --db", null);
            }
            return List.of(db);
        }
        if (dbId.isBlank()) {
            throw new ConfigException("the dataset does not name a database per question", "use --db FILE", null);
        }
        DatabaseFolder folder = new DatabaseFolder(dbDir);
        List<Path> files = folder.instances(dbId);
        if (files.isEmpty()) {
            throw new UnknownDatabaseException("", dbId, folder.names());
        }
        return files;
    }

    private static SqliteBackend backend(Path file, Map<String, SqliteBackend> open, int poolSize) {
        return open.computeIfAbsent(file.toString(), k -> new SqliteBackend(file, poolSize));
    }

    private void printFlags(RunResults results) {
        long vacuous = results.items().stream().filter(i -> i.verdict().flags().contains("vacuous")
                && i.outcome() == Outcome.PASS).count();
        long ambiguous = results.items().stream().filter(i -> i.verdict().flags().contains("ambiguous-gold")).count();
        long errors = results.items().stream().filter(i -> i.outcome() == Outcome.ERROR).count();
        environment.out().println("Vacuous passes (both results empty): " + vacuous + " · ambiguous gold (LIMIT ties): "
                + ambiguous + " · gold errors (excluded): " + errors);
    }

    private void printDifferences(RunResults a, RunResults b, MatchMode ma, MatchMode mb) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < a.items().size(); i++) {
            ItemResult x = a.items().get(i);
            ItemResult y = b.items().get(i);
            if (x.outcome() != y.outcome()) {
                lines.add(String.format("  %-10s %s: %-5s (%s)   %s: %-5s (%s)", x.key().questionId(), ma.id(),
                        x.outcome(), describe(x), mb.id(), y.outcome(), describe(y)));
            }
        }
        environment.out().println();
        environment.out().println("Items judged differently by " + ma.id() + " and " + mb.id() + ": " + lines.size());
        lines.forEach(environment.out()::println);
    }

    private static String describe(ItemResult item) {
        String flags = item.verdict().flags().isEmpty() ? "" : " [" + String.join(", ", item.verdict().flags()) + "]";
        return item.verdict().reason() + flags;
    }

    private static MatchMode parseMode(String text) {
        try {
            return MatchMode.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), "pick one of the supported modes", null);
        }
    }
}
