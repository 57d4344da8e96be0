package dev.querybench.engine.cli;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.Workspace;
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
            RunResults results = new RunResults(run, items, new RunSummary().cells(items), 0);
            Path folder = out != null ? out : root.resolve(Workspace.STATE_FOLDER).resolve("runs").resolve(run.id());
            List<String> rest = new ArrayList<>(formats);
            if (rest.removeIf(f -> f.strip().equalsIgnoreCase("jsonl"))) {
                environment.out().println("Wrote " + new FineTuneJsonlExporter(validation, seed).export(results, folder));
            }
            for (Path file : new ReportWriter().write(results, folder, rest)) {
                environment.out().println("Wrote " + file);
            }
            return ExitCodes.OK;
        }
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
