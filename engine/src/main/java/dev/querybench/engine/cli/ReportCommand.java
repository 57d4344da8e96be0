package dev.querybench.engine.cli;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.compare.BaselineComparison;
import dev.querybench.engine.compare.CellKey;
import dev.querybench.engine.compare.CellResults;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.report.ReportDetails;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.report.FineTuneJsonlExporter;
import dev.querybench.engine.report.ReportWriter;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.run.RunStore;
import dev.querybench.engine.stats.RunSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code querybench report RUN}: writes a stored run's reports. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write reports of a stored run: json, csv, md, html and fine-tuning jsonl.")
final class ReportCommand implements Callable<Integer> {

    private final CliEnvironment environment;
    private WorkspaceSession session;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "Run id (default: the latest run).")
    String runId;

    @Option(names = {"-w", "--workspace"}, defaultValue = "sample",
            description = "Workspace folder, or 'sample' (default: ${DEFAULT-VALUE}).")
    String workspace;

    @Option(names = "--format", split = ",", defaultValue = "html,md,csv,json",
            description = "Formats among json, csv, md, html, jsonl (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--out", description = "Folder for the reports (default: the run's folder in the workspace).")
    Path out;

    @Option(names = "--baseline", paramLabel = "RUN",
            description = "An earlier run of the same dataset: the HTML report adds each column's improvements and"
                    + " regressions against it with the exact McNemar p-value.")
    String baseline;

    @Option(names = "--validation", defaultValue = "0",
            description = "For jsonl: the fraction of correct items held out for validation (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--seed", defaultValue = "42", description = "For jsonl: the shuffle seed (default: ${DEFAULT-VALUE}).")
    long seed;

    ReportCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Path root = environment.workspaceFolder(workspace).toAbsolutePath().normalize();
        try (RunStore store = new RunStore(root.resolve(Workspace.STATE_FOLDER).resolve("runs.db"))) {
            RunRecord run = runId == null
                    ? store.runs().stream().findFirst().orElseThrow(() -> new ConfigException(
                            "the workspace has no runs yet", "start one with querybench run", null))
                    : store.run(runId).orElseThrow(() -> new ConfigException("no run with id " + runId,
                            "known runs: " + store.runs().stream().map(RunRecord::id).limit(10).toList(), null));
            List<ItemResult> items = orderedItems(run, store.items(run.id()));
            RunResults results = new RunResults(run, items, new RunSummary().cells(items), 0, List.of(),
                    store.privilegedAccounts(run.id()));
            Path folder = out != null ? out : root.resolve(Workspace.STATE_FOLDER).resolve("runs").resolve(run.id());
            List<String> rest = new ArrayList<>(formats);
            if (rest.removeIf(f -> f.strip().equalsIgnoreCase("jsonl"))) {
                environment.out().println("Wrote " + new FineTuneJsonlExporter(validation, seed).export(results, folder));
            }
            for (Path file : new ReportWriter(details(root, store, run, results)).write(results, folder, rest)) {
                environment.out().println("Wrote " + file);
            }
            return ExitCodes.OK;
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    /**
     * The HTML report's question texts and five-row result samples from the workspace, and the
     * baseline when asked for; a workspace that does not open leaves texts and samples out (said
     * on the error stream), the items' report is still written.
     */
    private ReportDetails details(Path root, RunStore store, RunRecord run, RunResults results) {
        BaselineComparison against = null;
        if (baseline != null) {
            RunRecord before = store.run(baseline).orElseThrow(() -> new ConfigException("no run with id " + baseline,
                    "pass an earlier run's id as --baseline", null));
            List<CellKey> cells = results.cells().stream().map(c -> new CellKey(c.variant(), c.model())).toList();
            List<ItemResult> beforeItems = store.items(before.id());
            against = BaselineComparison.of(run, cells, cell -> itemsOf(results.items(), cell), before,
                    cell -> itemsOf(beforeItems, cell));
        }
        try {
            Workspace ws = new WorkspaceLoader().load(root);
            session = WorkspaceSession.open(ws, environment.secrets(), environment.clock());
            WorkspaceSession open = session;
            CellResults samples = new CellResults(q -> open.databases().of(q).main().executor(),
                    new QueryLimits(open.queryLimits().timeout(), ReportDetails.SAMPLE_ROWS));
            return ReportDetails.of(ws.dataset(), samples, against);
        } catch (RuntimeException e) {
            environment.err().println("Note: the report leaves out question texts and result samples: "
                    + e.getMessage());
            BaselineComparison only = against;
            ReportDetails none = ReportDetails.none();
            return new ReportDetails() {
                @Override
                public java.util.Optional<dev.querybench.engine.dataset.Question> question(String id) {
                    return none.question(id);
                }

                @Override
                public java.util.Optional<dev.querybench.engine.compare.ResultDiff.Comparison> sample(
                        dev.querybench.engine.dataset.Question question, String predictedSql) {
                    return java.util.Optional.empty();
                }

                @Override
                public java.util.Optional<BaselineComparison> baseline() {
                    return java.util.Optional.ofNullable(only);
                }
            };
        }
    }

    private static List<ItemResult> itemsOf(List<ItemResult> all, CellKey cell) {
        return all.stream().filter(i -> i.key().variant().equals(cell.variant()) && i.key().model().equals(cell.model()))
                .toList();
    }

    /** Items in plan order: question, then variant, then model. */
    private static List<ItemResult> orderedItems(RunRecord run, List<ItemResult> stored) {
        List<ItemResult> sorted = new ArrayList<>(stored);
        sorted.sort(java.util.Comparator
                .comparingInt((ItemResult i) -> run.questionIds().indexOf(i.key().questionId()))
                .thenComparingInt(i -> run.variants().indexOf(i.key().variant()))
                .thenComparingInt(i -> run.models().indexOf(i.key().model()))
                .thenComparingInt(i -> i.key().repeat()));
        return sorted;
    }
}
