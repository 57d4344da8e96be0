package dev.querybench.engine.cli;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.health.HealthCheck;
import dev.querybench.engine.health.HealthEvent;
import dev.querybench.engine.health.HealthMonitor;
import dev.querybench.engine.health.HealthState;
import dev.querybench.engine.health.HealthStatus;
import dev.querybench.engine.validation.ModelEndpointValidator;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code querybench health [--watch]}: the state of every model endpoint, once or continuously
 * (printing each change as it happens) until the given duration ends or the user stops it.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Show whether each model endpoint is up, degraded or down, with latency; --watch keeps"
                + " checking and prints every change.")
final class HealthCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Option(names = {"-w", "--workspace"}, defaultValue = "sample",
            description = "Workspace folder, or 'sample' for the built-in sample (default: ${DEFAULT-VALUE}).")
    String workspace;

    @Option(names = "--watch", description = "Keep checking and print every state change (stop with Ctrl-C).")
    boolean watch;

    @Option(names = "--interval", defaultValue = "30",
            description = "Seconds between checks with --watch (default: ${DEFAULT-VALUE}).")
    double intervalSeconds;

    @Option(names = "--duration", defaultValue = "0",
            description = "Stop watching after this many seconds (default: until stopped).")
    double durationSeconds;

    @Option(names = "--timeout", defaultValue = "10",
            description = "Seconds to wait for each endpoint (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    HealthCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        Workspace ws = new WorkspaceLoader().load(environment.workspaceFolder(workspace));
        ModelEndpointValidator validator = new ModelEndpointValidator(seconds(timeoutSeconds));
        List<HealthCheck> checks = ws.config().models().stream()
                .map(profile -> HealthCheck.of(profile, environment.secrets(), validator, null)).toList();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("querybench-health").unstarted(r));
        HealthMonitor.Settings settings = new HealthMonitor.Settings(seconds(intervalSeconds),
                HealthMonitor.Settings.DEFAULTS.degradedLatency(), HealthMonitor.Settings.DEFAULTS.historySize());
        try (HealthMonitor monitor = new HealthMonitor(checks, scheduler, environment.clock(), settings)) {
            if (!watch) {
                List<HealthStatus> statuses = monitor.checkNow();
                printTable(statuses);
                return statuses.stream().anyMatch(s -> s.state() == HealthState.DOWN) ? ExitCodes.PROBLEMS
                        : ExitCodes.OK;
            }
            return watch(monitor, ws.config().models());
        } finally {
            scheduler.shutdownNow();
        }
    }

    private int watch(HealthMonitor monitor, List<ModelConfig> profiles) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "querybench-health-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = environment.out();
        monitor.addListener(event -> print(out, event));
        out.println("Watching " + profiles.size() + " model endpoints every " + intervalSeconds + " s"
                + (durationSeconds > 0 ? " for " + durationSeconds + " s" : "; stop with Ctrl-C"));
        out.flush();
        monitor.start();
        try {
            if (durationSeconds > 0) {
                stop.await(seconds(durationSeconds).toMillis(), TimeUnit.MILLISECONDS);
            } else {
                stop.await();
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: we are stopping anyway
            }
        }
        monitor.close();
        List<HealthStatus> last = monitor.current();
        printTable(last);
        return last.stream().anyMatch(s -> s.state() == HealthState.DOWN) ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    private void print(PrintWriter out, HealthEvent event) {
        HealthStatus s = event.current();
        String change = event.from() == null ? s.state().name() : event.from() + " → " + s.state();
        synchronized (out) {
            out.println(s.checkedAt() + "  " + s.endpoint() + "  " + change + "  (" + s.latency().toMillis() + " ms)"
                    + (s.state() == HealthState.UP ? "" : "  " + s.detail()));
            out.flush();
        }
    }

    private void printTable(List<HealthStatus> statuses) {
        PrintWriter out = environment.out();
        int width = Math.max(8, statuses.stream().mapToInt(s -> s.endpoint().length()).max().orElse(8));
        synchronized (out) {
            out.println(String.format("%-" + width + "s  %-8s  %8s  %8s  %8s  %-9s  %s", "endpoint", "state",
                    "latency", "p50", "p95", "breaker", "detail"));
            for (HealthStatus s : statuses) {
                out.println(String.format("%-" + width + "s  %-8s  %6d ms  %5d ms  %5d ms  %-9s  %s", s.endpoint(),
                        s.state(), s.latency().toMillis(), s.latencyP50().toMillis(), s.latencyP95().toMillis(),
                        s.breaker(), s.detail()));
            }
            out.flush();
        }
    }

    private static Duration seconds(double value) {
        return Duration.ofMillis(Math.max(1, (long) (value * 1000)));
    }
}
