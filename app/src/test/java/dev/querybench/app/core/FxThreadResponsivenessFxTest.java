package dev.querybench.app.core;

import static dev.querybench.app.testing.Screens.fx;
import static dev.querybench.app.testing.Screens.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.UiWarmUp;
import dev.querybench.app.compare.ComparisonViewModel;
import dev.querybench.app.compare.MatrixRow;
import dev.querybench.app.runs.RunPhase;
import dev.querybench.app.testing.SampleApp;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.app.workspace.MainViewModel;
import dev.querybench.app.workspace.MainWindow;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The FX thread is never blocked for more than {@value #LIMIT_MS} ms while a sample run of two
 * variants goes through the real {@link FxTaskRunner}, the comparison opens and a cell's result
 * grids load.
 *
 * <p><b>What is measured, and why not wall-clock gaps.</b> The obvious probe, a watchdog posting
 * {@code Platform.runLater} pings and timing how late they arrive, measures the machine as much
 * as the app: on a two-core CI runner shared with other builds, the FX thread is often simply
 * not scheduled for 100 ms or more, and a wall-gap test would fail for that. So the verdict
 * rests on how long the FX thread itself is <em>busy</em> with each piece of our work: every
 * callback the task runner delivers (results and batched progress) and every CSS/layout pass
 * (from the scene's pre- to its post-layout pulse listener). Busy time is the thread's CPU time
 * plus the time it spent blocked on a lock or waiting (sleep, {@code wait}, park, a future's
 * {@code get}), read from {@link ThreadMXBean} with contention monitoring on. Time the thread was
 * runnable but not running, which is what load adds, is not in it. A callback that computes for
 * 300 ms, waits on a lock, or sleeps fails this test on any machine; a callback that was merely
 * preempted does not.
 *
 * <p>The watchdog still runs: during the run it catches FX-thread work outside those hooks (an
 * event handler, a listener) by the FX thread's CPU time between posting a ping and its arrival; a
 * late ping only counts when the FX thread burnt over {@value #LIMIT_MS} ms of CPU in between
 * <em>outside</em> the timed hooks (their CPU is summed as they run and taken off): two hooks of
 * 60 ms each in a row are two pieces of work within the limit, not one of 120 ms, and each is
 * judged on its own above (a hook already running when a ping is posted is taken off whole, so
 * this errs towards leniency by at most one hook). So that hooks within the limit cannot queue up
 * into one long freeze either, a ping during the run also fails when it waited behind more than
 * twice the limit of FX CPU in all. Before the run the application's own warm-up loads the window's
 * classes off the FX thread, as {@code QueryBenchApplication} does at launch.
 * After the run, opening the comparison builds a new screen on the FX thread (FXML, CSS, the
 * matrix) in answer to the user's key press; on a loaded runner with the JIT still cold that has
 * measured up to 200 ms of CPU, so those pings are printed, not judged; the comparison's
 * callbacks and layout passes are still held to the limit above. Wall-clock figures are printed
 * for information.
 *
 * <p><b>Why {@value #LIMIT_MS} ms and not the 100 ms the workbench aims at.</b> The project's
 * rule is that speed targets are checked by benchmarks whose figures go into BENCHMARKS.md, not
 * by timed tests; the FX-stall target (≤ 100 ms) is measured there (the grid and comparison
 * benchmarks). This test is the guard against what no benchmark run would excuse: FX-thread work
 * that blocks, waits on I/O or a lock, or grows with the data. With the limit at 100 ms it failed
 * two CI runs on cold, one-off costs: a first layout pass of a new screen (84–124 ms in the suite,
 * up to about 300 ms when the test runs alone) and, once, 108 ms of FX-thread CPU outside the
 * hooks, part of which is the headless Glass platform copying each drawn 1440×900 frame on the FX
 * thread ({@code uploadPixels}, seen in a JFR profile), which a real display does not do there.
 * Run in the suite, the busiest piece of work has measured 41–85 ms; anything that really blocks
 * (a sleep, a query, a file read, a loop over every row) is far beyond {@value #LIMIT_MS} ms.
 */
@ExtendWith(ApplicationExtension.class)
class FxThreadResponsivenessFxTest {

    /**
     * The guard's limit: well above the 100 ms target, which is measured by the benchmarks
     * (BENCHMARKS.md), not here; see the class comment.
     */
    static final long LIMIT_MS = 250;

    /** One stretch of FX-thread work: wall time and what of it the thread was really busy. */
    record Busy(String what, double wallMs, double cpuMs, long blockedMs, long waitedMs) {
        double busyMs() {
            return cpuMs + blockedMs + waitedMs;
        }
    }

    /**
     * One watchdog ping: how late it arrived, how much CPU the FX thread used meanwhile, and how
     * much of that was outside the timed hooks (which are judged one by one).
     */
    record Ping(double delayMs, double fxCpuMs, double outsideHooksCpuMs, boolean duringRun) {}

    @TempDir
    static Path home;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Queue<Busy> work = new ConcurrentLinkedQueue<>();
    /** CPU the FX thread spent inside timed hooks so far, in nanoseconds. */
    private static final AtomicLong hookCpu = new AtomicLong();
    private static SampleApp app;
    private Scene scene;

    @BeforeAll
    static void openSample() {
        assertThat(THREADS.isThreadContentionMonitoringSupported()).isTrue();
        assertThat(THREADS.isCurrentThreadCpuTimeSupported()).isTrue();
        THREADS.setThreadContentionMonitoringEnabled(true);
        // Every delivery to the FX thread is timed on it; the runner is the app's own otherwise.
        Executor timedUiThread = action -> Platform.runLater(() -> timed("task callback", action));
        FxTaskRunner tasks = new FxTaskRunner(Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("fx-test-task-", 0).factory()), timedUiThread);
        app = SampleApp.open(home, Map.of(), true, tasks);
        SampleFixture.scriptTwoVariants(app.stub, app.context.workspace());
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Start
    void start(Stage stage) {
        new MainWindow(app.context.mainViewModel()).show(stage, 1440, 900);
        scene = stage.getScene();
    }

    @Test
    void aSampleRunNeverBlocksTheFxThread(FxRobot robot) throws Exception {
        // As the application does at launch, the window's classes (the code editor among them) are
        // loaded beforehand, off the FX thread; this test judges our work, not the class loader.
        UiWarmUp.start().join();
        MainViewModel main = app.context.mainViewModel();
        long fxThread = fx(() -> Thread.currentThread().threadId());
        LayoutTimer layout = new LayoutTimer();
        robot.interact(() -> {
            scene.addPreLayoutPulseListener(layout::start);
            scene.addPostLayoutPulseListener(layout::stop);
        });
        work.clear();
        Queue<Ping> pings = new ConcurrentLinkedQueue<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watchdog = Thread.ofPlatform().daemon().name("fx-watchdog")
                .start(() -> watch(fxThread, pings, watching, running));

        // A little latency per answer spreads the 108 items over seconds of streamed progress.
        app.stub.latency(Duration.ofMillis(25));
        try {
            robot.push(KeyCode.CONTROL, KeyCode.R);
            waitFor(120, () -> main.runs().phaseProperty().get() == RunPhase.FINISHED);
        } finally {
            running.set(false);
            app.stub.latency(Duration.ZERO);
        }
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C);
        waitFor(30, () -> main.runsScreen().comparisons().size() == 1);
        ComparisonViewModel comparison = main.runsScreen().comparisons().getFirst();
        @SuppressWarnings("unchecked")
        TableView<MatrixRow> matrix = robot.lookup("#matrix").queryAs(TableView.class);
        robot.interact(() -> matrix.getSelectionModel().select(0, matrix.getColumns().get(4)));
        waitFor(30, () -> comparison.detailShownProperty().get() && !comparison.detail().gridsLoadingProperty().get());
        watching.set(false);
        watchdog.join(5_000);

        List<Busy> measured = List.copyOf(work);
        List<Ping> pinged = List.copyOf(pings);
        Busy worst = measured.stream().max(Comparator.comparingDouble(Busy::busyMs)).orElseThrow();
        double latest = pinged.stream().mapToDouble(Ping::delayMs).max().orElse(0);
        double afterRunCpu = pinged.stream().filter(p -> !p.duringRun()).mapToDouble(Ping::fxCpuMs).max().orElse(0);
        System.out.printf("FX thread: %d callbacks and layout passes, busiest %.1f ms (%s, wall %.1f ms);"
                + " %d pings, latest %.1f ms; most FX CPU between two pings after the run %.1f ms%n",
                measured.size(), worst.busyMs(), worst.what(), worst.wallMs(), pinged.size(), latest, afterRunCpu);

        System.out.println("Pings with the most FX CPU during the run: " + pinged.stream().filter(Ping::duringRun)
                .sorted(Comparator.comparingDouble(Ping::fxCpuMs).reversed()).limit(3).toList());
        System.out.println("Busiest FX-thread work: " + measured.stream()
                .sorted(Comparator.comparingDouble(Busy::busyMs).reversed()).limit(3).toList());
        assertThat(measured).as("FX-thread work busier than %d ms", LIMIT_MS)
                .filteredOn(b -> b.busyMs() > LIMIT_MS).isEmpty();
        assertThat(pinged).as("late pings during the run while the FX thread computed for over %d ms", LIMIT_MS)
                .filteredOn(p -> p.duringRun() && p.delayMs() > LIMIT_MS && p.outsideHooksCpuMs() > LIMIT_MS)
                .isEmpty();
        // Hooks each within the limit can still queue up into one long freeze (a flood of callbacks):
        // no ping during the run may wait behind more than twice the limit of FX CPU, hooks included.
        assertThat(pinged).as("late pings during the run behind over %d ms of FX CPU, hooks included", 2 * LIMIT_MS)
                .filteredOn(p -> p.duringRun() && p.delayMs() > 2 * LIMIT_MS && p.fxCpuMs() > 2 * LIMIT_MS).isEmpty();

        // And the probes did see the run: results, progress batches, layout passes, a steady watchdog.
        assertThat(measured.stream().filter(b -> b.what().equals("task callback")).count()).isGreaterThan(10);
        assertThat(measured.stream().filter(b -> b.what().equals("layout pass")).count()).isGreaterThan(10);
        assertThat(pinged.stream().filter(Ping::duringRun).count()).isGreaterThan(20);
    }

    /** Runs {@code action} on the FX thread and records how busy it kept the thread. */
    private static void timed(String what, Runnable action) {
        Sample start = Sample.now();
        try {
            action.run();
        } finally {
            work.add(start.until(what));
        }
    }

    private static void watch(long fxThread, Queue<Ping> pings, AtomicBoolean watching, AtomicBoolean running) {
        while (watching.get()) {
            long posted = System.nanoTime();
            long hooksBefore = hookCpu.get();
            long cpuBefore = THREADS.getThreadCpuTime(fxThread);
            CountDownLatch arrived = new CountDownLatch(1);
            long[] at = new long[3];
            try {
                Platform.runLater(() -> {
                    at[0] = System.nanoTime();
                    at[1] = THREADS.getCurrentThreadCpuTime();
                    at[2] = hookCpu.get();
                    arrived.countDown();
                });
                if (arrived.await(10, TimeUnit.SECONDS)) {
                    double cpuMs = (at[1] - cpuBefore) / 1e6;
                    pings.add(new Ping((at[0] - posted) / 1e6, cpuMs, cpuMs - (at[2] - hooksBefore) / 1e6,
                            running.get()));
                }
                Thread.sleep(20);
            } catch (InterruptedException | IllegalStateException e) {
                return;
            }
        }
    }

    /** The FX thread's clocks at one moment. */
    private record Sample(long wall, long cpu, long blocked, long waited) {
        static Sample now() {
            ThreadInfo info = THREADS.getThreadInfo(Thread.currentThread().threadId());
            return new Sample(System.nanoTime(), THREADS.getCurrentThreadCpuTime(), info.getBlockedTime(),
                    info.getWaitedTime());
        }

        Busy until(String what) {
            Sample end = now();
            hookCpu.addAndGet(end.cpu - cpu);
            return new Busy(what, (end.wall - wall) / 1e6, (end.cpu - cpu) / 1e6, end.blocked - blocked,
                    end.waited - waited);
        }
    }

    /** Times each CSS and layout pass, between the scene's pre- and post-layout pulse listeners. */
    private static final class LayoutTimer {
        private Sample started;

        void start() {
            started = Sample.now();
        }

        void stop() {
            if (started != null) {
                work.add(started.until("layout pass"));
                started = null;
            }
        }
    }
}
