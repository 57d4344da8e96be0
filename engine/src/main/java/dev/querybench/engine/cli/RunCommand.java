package dev.querybench.engine.cli;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.ItemJudge;
import dev.querybench.engine.evaluation.RunPlan;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.report.ReportDetails;
import dev.querybench.engine.report.ReportWriter;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.session.JudgeChoice;
import dev.querybench.engine.session.RunRequest;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.validation.EnvironmentDoctor;
import dev.querybench.engine.validation.GoldSchemaCheck;
import dev.querybench.engine.validation.RunPreflight;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code querybench run}: evaluates prompt variants × models over the workspace's dataset. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Evaluate prompt variants and models on the workspace's questions; print accuracy per variant.")
final class RunCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Option(names = {"-w", "--workspace"}, defaultValue = "sample",
            description = "Workspace folder, or 'sample' for the built-in sample (default: ${DEFAULT-VALUE}).")
    String workspace;

    @Option(names = "--variants", split = ",", description = "Prompt variants to run (default: the workspace's).")
    List<String> variants = List.of();

    @Option(names = "--model", split = ",",
            description = "Model profile names or specs such as openai:gpt-4o-mini (default: the workspace's).")
    List<String> models = List.of();

    @Option(names = "--base-url", description = "Endpoint for --model specs (any OpenAI-compatible server).")
    String baseUrl;

    @Option(names = "--concurrency", description = "Items evaluated at once (default: the workspace's).")
    Integer concurrency;

    @Option(names = "--questions", split = ",", description = "Only these question ids.")
    List<String> questions = List.of();

    @Option(names = "--out", description = "Folder for results.json and results.csv"
            + " (default: <workspace>/.querybench/runs/<run id>).")
    Path out;

    @Option(names = "--repeat", defaultValue = "1", description = "Ask each item N times to measure consistency.")
    int repeat;

    @Option(names = "--baseline", paramLabel = "RUN",
            description = "Compare with an earlier run: per-question regressions and improvements, McNemar p-value.")
    String baseline;

    @Option(names = "--fail-under", paramLabel = "ACCURACY",
            description = "Exit with code 1 when any variant's accuracy is below this (0..1), for CI.")
    Double failUnder;

    @Option(names = "--format", split = ",", defaultValue = "json,csv",
            description = "Report formats among json, csv, md, html, jsonl (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--no-cache", description = "Ask the models again instead of reading cached answers"
            + " (fresh answers still replace the cached ones).")
    boolean noCache;

    @Option(names = "--judge", paramLabel = "MODEL",
            description = "Ask this LLM judge (a model profile or a spec) about every item after the execution match"
                    + " (default: the workspace's judge: section).")
    String judgeModel;

    @Option(names = "--judge-prompt", paramLabel = "NAME",
            description = "The judge prompt in the prompt folder (default: the workspace's, or judge-equivalence).")
    String judgePrompt;

    @Option(names = "--no-judge", description = "Do not ask the LLM judge, even when the workspace configures one.")
    boolean noJudge;

    @Option(names = "--resume", arity = "0..1", fallbackValue = "latest", paramLabel = "RUN_ID",
            description = "Continue an unfinished run (default: the latest) without asking models again for finished items.")
    String resume;

    RunCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        dev.querybench.engine.errors.UrlCredentials.find(baseUrl).ifPresent(found -> {
            throw new ConfigException("--base-url holds " + found + "; a key there would be shown and cached with"
                    + " the URL", "remove it from the URL; give the key in a model profile's apiKey: {env: VARIABLE}",
                    null);
        });
        // the HTTP clients of the model check and the calls each need the JVM's TLS context (about 0.1 s
        // to make, even for http:// endpoints): it is made on a second thread while the workspace opens
        Thread.ofVirtual().name("querybench-tls").start(RunCommand::prepareTls);
        Workspace ws = new WorkspaceLoader().load(environment.workspaceFolder(workspace));
        try (WorkspaceSession session = WorkspaceSession.open(ws, environment.secrets(), environment.clock())) {
            AccountNotice.check(session.backend(), environment.err());
            Cancellation cancellation = new Cancellation();
            Thread hook = new Thread(cancellation::cancel, "querybench-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            ProgressPrinter progress = new ProgressPrinter(environment.err(), environment.interactive());
            RunResults results;
            try {
                results = resume != null ? resume(session, progress, cancellation)
                        : start(session, progress, cancellation);
            } finally {
                removeHook(hook);
            }
            report(ws, session, results);
            return exitCode(results);
        }
    }

    private RunResults resume(WorkspaceSession session, ProgressPrinter progress, Cancellation cancellation) {
        RunRecord record = findRun(session);
        environment.err().println("Resuming run " + record.id());
        RunRequest request = new RunRequest(List.of(), List.of(), baseUrl, concurrency, List.of(), 1, noCache,
                judgeChoice());
        preflight(session, new RunRequest(List.of(), record.models(), baseUrl, concurrency, List.of(), 1,
                noCache, request.judge().off() ? JudgeChoice.OFF : JudgeChoice.WORKSPACE));
        return session.resume(record, request, progress, cancellation);
    }

    private RunResults start(WorkspaceSession session, ProgressPrinter progress, Cancellation cancellation) {
        RunRequest request = new RunRequest(variants, models, baseUrl, concurrency, questions, repeat, noCache,
                judgeChoice());
        // the database-side half of doctor's workspace check, with doctor's message; on a second thread while the
        // plan is made and the models are checked over the network, it reads the schema the prompts then share and
        // parses the gold unless the same gold passed against the same schema last time (PassedGoldChecks)
        CompletableFuture<Void> schema = CompletableFuture.runAsync(
                () -> new GoldSchemaCheck().requireBeforeRun(session));
        // the model check goes over the network on its own thread while the plan is made; what it finds is
        // reported after the plan's and the judge's problems, as when they ran in turn
        CompletableFuture<List<String>> modelCheck = CompletableFuture.supplyAsync(() -> checkModels(session, request),
                task -> Thread.ofVirtual().name("querybench-model-check").start(task));
        RunPlan plan;
        ItemJudge judge;
        try {
            plan = session.plan(request);
            judge = session.judge(request);
            printWarnings(await(modelCheck));
        } catch (RuntimeException e) {
            awaitSchemaCheck(schema); // the dataset's problem comes first, as when checked in turn
            throw e;
        }
        awaitSchemaCheck(schema);
        return session.run(plan, judge, progress, cancellation);
    }

    /** Writes the reports and prints the summary, the withheld few-shot examples and the insights. */
    private void report(Workspace ws, WorkspaceSession session, RunResults results) {
        Path folder = out != null ? out : ws.stateFolder().resolve("runs").resolve(results.run().id());
        Map<String, List<String>> withheld = session.generator().fewShotExclusions();
        List<Path> written = new ReportWriter(ReportDetails.none().withFewShotExclusions(withheld))
                .write(results, folder, formats);
        new SummaryTable(environment.out()).print(results);
        if (!withheld.isEmpty()) {
            environment.out().println("Few-shot examples withheld because they repeat the asked question or its"
                    + " gold SQL: " + String.join(", ", withheld.entrySet().stream()
                            .map(e -> e.getKey() + " ← " + String.join(", ", e.getValue())).toList()));
        }
        environment.out().println("Results: " + String.join(", ", written.stream().map(Path::toString).toList()));
        RunRecord baselineRun = baseline == null ? null : session.runStore().run(baseline).orElseThrow(() ->
                new ConfigException("no run with id " + baseline + " to compare with", "pass an earlier run's id",
                        null));
        new RunInsights(environment.out()).print(results, baselineRun == null ? List.of()
                : session.runStore().items(baselineRun.id()), baseline);
    }

    private int exitCode(RunResults results) {
        if (!results.complete()) {
            StringBuilder why = new StringBuilder("The run is incomplete: " + results.answeredLine() + " items");
            if (!results.unanswered().isEmpty()) {
                RunResults.Unanswered cause = results.mainCause().orElseThrow();
                why.append("; ").append(results.unanswered().size())
                        .append(results.unanswered().size() == 1 ? " item was" : " items were")
                        .append(" never answered (not counted as errors nor in accuracy). Cause: ")
                        .append(cause.explanation().lines());
            }
            environment.err().println(why.append(System.lineSeparator()).append("Continue it with: querybench"
                    + " run --workspace ").append(workspace).append(" --resume ").append(results.run().id())
                    .append(baseUrl == null ? "" : " --base-url " + baseUrl));
            return ExitCodes.INCOMPLETE;
        }
        if (failUnder != null) {
            List<String> below = results.cells().stream()
                    .filter(c -> Double.isNaN(c.accuracy().value()) || c.accuracy().value() < failUnder)
                    .map(c -> c.variant() + " · " + c.model() + String.format(" (%.1f%%)", 100 * c.accuracy().value()))
                    .toList();
            if (!below.isEmpty()) {
                environment.err().println("Accuracy below --fail-under " + failUnder + ": " + String.join(", ", below));
                return ExitCodes.PROBLEMS;
            }
        }
        return ExitCodes.OK;
    }

    /**
     * Checks every model the run may ask, once, before anything is spent: a chain none of whose
     * members can be used stops the run (exit code 4) with the reason and the fix.
     */
    private void preflight(WorkspaceSession session, RunRequest request) {
        printWarnings(checkModels(session, request));
    }

    private List<String> checkModels(WorkspaceSession session, RunRequest request) {
        return new RunPreflight(EnvironmentDoctor.defaultValidator(), environment.secrets())
                .check(session.modelChains(request));
    }

    private void printWarnings(List<String> warnings) {
        warnings.forEach(w -> environment.err().println("warning: " + w));
    }

    private JudgeChoice judgeChoice() {
        if (noJudge && (judgeModel != null || judgePrompt != null)) {
            throw new ConfigException("--no-judge cannot be combined with --judge or --judge-prompt",
                    "choose one: ask a judge, or not", null);
        }
        if (resume != null && (judgeModel != null || judgePrompt != null)) {
            throw new ConfigException("--judge and --judge-prompt do not apply to --resume: a resumed run asks the"
                    + " judge it started with", "leave them out, or pass --no-judge to stop asking the judge", null);
        }
        return noJudge ? JudgeChoice.OFF : judgeModel != null || judgePrompt != null
                ? JudgeChoice.of(judgeModel, judgePrompt) : JudgeChoice.WORKSPACE;
    }

    private RunRecord findRun(WorkspaceSession session) {
        if ("latest".equals(resume)) {
            return session.runStore().latestUnfinished().orElseThrow(() -> new ConfigException(
                    "there is no unfinished run to resume", "start a new run without --resume", null));
        }
        return session.runStore().run(resume).orElseThrow(() -> new ConfigException(
                "no run with id " + resume, "list runs in <workspace>/.querybench/runs", null));
    }

    private static void prepareTls() {
        try {
            javax.net.ssl.SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            // the HTTP clients will report it when they are made
        }
    }

    /** Waits for the gold schema check and throws what it found, as if it had run on this thread. */
    private static void awaitSchemaCheck(CompletableFuture<Void> schema) {
        await(schema);
    }

    /** Waits for work done on another thread and throws what it threw, as if it had run on this one. */
    private static <T> T await(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down; the hook is running
        }
    }
}
