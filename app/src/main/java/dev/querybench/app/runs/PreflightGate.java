package dev.querybench.app.runs;

import dev.querybench.app.core.DialogService;
import dev.querybench.app.core.TaskRunner;
import dev.querybench.app.text.Wording;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.Explanation;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.session.JudgeChoice;
import dev.querybench.engine.session.RunRequest;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.validation.RunPreflight;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Stops a run before it spends anything when a model it would ask cannot be used: the engine's
 * {@link RunPreflight} (the CLI's check) asks each chosen model's chain and the judge's in the
 * background; when some cannot be used, the dialog names each with the fix and offers to run the
 * others. Call from the FX thread.
 */
final class PreflightGate {

    /** One chain that cannot be used. */
    record Unusable(String name, ErrorResponse error) {}

    private final RunPreflight preflight;
    private final WorkspaceSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;

    PreflightGate(RunPreflight preflight, WorkspaceSession session, TaskRunner tasks, DialogService dialogs) {
        this.preflight = preflight;
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
    }

    /**
     * Checks {@code request}'s models; then {@code go} receives the request to run (the same, or
     * one without the models that cannot be used when the user chose to run the others), or
     * {@code stopped} receives why nothing runs.
     */
    void check(RunRequest request, Consumer<RunRequest> go, Consumer<Throwable> stopped) {
        tasks.submit(() -> unusable(request), problems -> decide(request, problems, go, stopped), stopped);
    }

    /** Each chain on its own, all at once, so one that cannot be used does not hide the others. */
    private List<Unusable> unusable(RunRequest request) throws Exception {
        Map<String, List<ModelConfig>> chains = session.modelChains(request);
        Map<String, Future<ErrorResponse>> checks = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            chains.forEach((name, chain) -> checks.put(name, pool.submit(() -> {
                try {
                    preflight.check(Map.of(name, chain));
                    return null;
                } catch (QueryBenchException e) {
                    return e.error();
                }
            })));
            List<Unusable> problems = new ArrayList<>();
            for (Map.Entry<String, Future<ErrorResponse>> check : checks.entrySet()) {
                ErrorResponse error = check.getValue().get();
                if (error != null) {
                    problems.add(new Unusable(check.getKey(), error));
                }
            }
            return problems;
        }
    }

    private void decide(RunRequest request, List<Unusable> problems, Consumer<RunRequest> go,
            Consumer<Throwable> stopped) {
        if (problems.isEmpty()) {
            go.accept(request);
            return;
        }
        String list = problems.stream().map(p -> Explanation.of(p.error()))
                .map(e -> "• " + Wording.sentence(e.headline()) + (e.fix().isBlank() ? "" : " — fix: " + e.fix()))
                .collect(Collectors.joining("\n"));
        List<String> names = problems.stream().map(Unusable::name).toList();
        boolean judgeDown = names.contains("judge");
        List<String> usable = request.models().stream().filter(m -> !names.contains(m)).toList();
        QueryBenchException why = new QueryBenchException(new ErrorResponse(problems.getFirst().error().category(),
                false, "Nothing was run: " + String.join(", ", names) + " cannot be used.\n" + list,
                problems.getFirst().error().remedy()));
        if (usable.isEmpty()) {
            stopped.accept(why);
            return;
        }
        String others = "Run the others (" + String.join(", ", usable) + (judgeDown ? ", no judge" : "") + ")";
        boolean runOthers = dialogs.confirm("Models cannot be used", Wording.plural(problems.size(), "model")
                + " of this run cannot be used:\n" + list + "\n\nRun the others instead, or cancel and fix "
                + (problems.size() == 1 ? "it" : "them") + " first?", others);
        if (!runOthers) {
            stopped.accept(why);
            return;
        }
        go.accept(new RunRequest(request.variants(), usable, request.baseUrl(), request.concurrency(),
                request.questionIds(), request.repeats(), request.bypassCache())
                .withJudge(judgeDown ? JudgeChoice.OFF : request.judge()));
    }
}
