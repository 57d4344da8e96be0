package dev.querybench.app.bench;

import static dev.querybench.app.testing.Screens.fx;

import dev.querybench.app.grid.PagedRows;
import dev.querybench.app.widgets.ResultGrid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives one result grid like a user and measures it, for the grid benchmarks (the SQL console's,
 * {@link GridScrollBenchmark}, and the comparison's, {@link CompareGridScrollBenchmark}): five
 * bursts of 40 PageDown key events 20 ms apart (a held key), six drags of the scroll-bar thumb with
 * the robot's mouse, each followed by three notches of the mouse wheel while the page may still
 * load. Printed: for every gesture, how long after it stopped the rows on screen were all loaded;
 * the process's largest resident set and thread count (from {@code /proc/self/status}, sampled
 * every 10 ms); and the longest FX-thread stall (a ping posted every 10 ms with
 * {@code Platform.runLater}: how late the latest one arrived); with {@code -Dbench.stallStacks=true}
 * also where the FX thread was while late.
 */
final class GridGestures {

    private ResultGrid grid;
    private Scene scene;
    /** When the FX thread handled the latest key press or mouse release (nanoTime). */
    private volatile long lastInput;
    /** When a layout pulse after {@link #lastInput} first found every row on screen loaded. */
    private volatile long loadedAt;

    /** Watches the input and the frames of {@code scene}; call from the test's {@code @Start}. */
    void watch(Scene watched) {
        scene = watched;
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> input());
        scene.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> input());
        scene.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> input());
        // Checked on every frame (an animation timer keeps frames coming), after the layout of the previous one.
        new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                if (grid != null && loadedAt < lastInput && screenLoaded()) {
                    loadedAt = System.nanoTime();
                }
            }
        }.start();
    }

    private void input() {
        lastInput = System.nanoTime();
    }

    /** The process's resident set now, in MB ({@code /proc/self/status}). */
    static long rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /** "RSS 412 MB · heap 180 of 512 MB committed": where the memory is at one point of a benchmark. */
    static String memory() throws IOException {
        Runtime runtime = Runtime.getRuntime();
        long allocated = ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getTotalThreadAllocatedBytes();
        return String.format(Locale.ROOT, "RSS %d MB · heap %d MB used of %d MB committed · %d MB allocated so far",
                rssMb(), (runtime.totalMemory() - runtime.freeMemory()) / 1048576, runtime.totalMemory() / 1048576,
                allocated / 1048576);
    }

    /** Waits until the rows on screen of {@code target} are loaded. */
    void waitLoaded(ResultGrid target) throws Exception {
        grid = target;
        dev.querybench.app.testing.Screens.waitFor(60, () -> fx(this::screenLoaded));
    }

    /** Process figures sampled in the background. */
    private static final class Sampler extends Thread {
        volatile boolean stop;
        long maxRssKb;
        long maxThreads;
        final AtomicLong maxStallNanos = new AtomicLong();
        /** When the latest ping ran on the FX thread (nanoTime). */
        volatile long lastPingRan = System.nanoTime();
        /** The FX thread's stack (innermost frames) sampled while a ping was over 30 ms late: how often each. */
        final Map<String, Integer> stallStacks = new java.util.concurrent.ConcurrentHashMap<>();
        volatile String phase = "";
        /** {@code /proc/self/status} read into one reused buffer: the sampler must not be what it measures. */
        private final ProcStatus status = new ProcStatus();

        Sampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            long lastPing = 0;
            while (!stop) {
                long now = System.nanoTime();
                if (now - lastPing >= 10_000_000) {
                    lastPing = now;
                    long posted = now;
                    Platform.runLater(() -> {
                        lastPingRan = System.nanoTime();
                        maxStallNanos.accumulateAndGet(lastPingRan - posted, Math::max);
                    });
                }
                if (now - lastPingRan > 30_000_000) {
                    sampleFxStack(this);
                }
                try {
                    status.read();
                    maxRssKb = Math.max(maxRssKb, status.field("VmRSS:"));
                    maxThreads = Math.max(maxThreads, status.field("Threads:"));
                    Thread.sleep(10);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Where the FX thread is while it is late: the frames of a stall, counted, printed at the end. */
    private static void sampleFxStack(Sampler sampler) {
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().equals("JavaFX Application Thread")) {
                StringBuilder frames = new StringBuilder(sampler.phase);
                for (int i = 0; i < Math.min(14, stack.length); i++) {
                    frames.append("\n      at ").append(stack[i]);
                }
                sampler.stallStacks.merge(frames.toString(), 1, Integer::sum);
            }
        });
    }

    /** The bursts, drags and wheel notches on {@code target}, whose rows are {@code rows}; prints the figures. */
    void drive(FxRobot robot, ResultGrid target, PagedRows rows) throws Exception {
        waitLoaded(target);
        Sampler sampler = new Sampler();
        sampler.start();
        List<Double> pageDown = new ArrayList<>();
        List<Double> drags = new ArrayList<>();
        List<Double> burstStalls = new ArrayList<>();
        robot.clickOn(grid);
        for (int burst = 0; burst < 5; burst++) {
            sampler.phase = "burst " + (burst + 1);
            // As a held key repeats: a press every 20 ms, not waiting for the grid between presses.
            for (int i = 0; i < 40; i++) {
                Platform.runLater(() -> {
                    Node focused = scene.getFocusOwner() == null ? grid : scene.getFocusOwner();
                    javafx.event.Event.fireEvent(focused, new javafx.scene.input.KeyEvent(
                            javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", KeyCode.PAGE_DOWN, false, false, false,
                            false));
                });
                Thread.sleep(20);
            }
            pageDown.add(untilLoaded());
            burstStalls.add(sampler.maxStallNanos.getAndSet(0) / 1e6);
        }
        long pageDownStall = (long) (burstStalls.stream().mapToDouble(Double::doubleValue).max().orElse(0) * 1e6);
        double[] targets = {0.35, 0.9, 0.1, 0.6, 0.999, 0.5};
        int wheelMoved = 0;
        for (double fraction : targets) {
            sampler.phase = "drag to " + fraction;
            drags.add(dragThumbTo(robot, fraction));
            // The wheel right after a drag, while the page may still be loading, must move the rows.
            int before = fx(this::firstVisible);
            robot.moveTo(grid).scroll(3, javafx.geometry.VerticalDirection.UP);
            WaitForAsyncUtils.waitForFxEvents();
            if (fx(this::firstVisible) != before) {
                wheelMoved++;
            }
            untilLoaded();
        }
        sampler.stop = true;
        sampler.join();
        System.out.printf(Locale.ROOT, "PageDown bursts (40 presses each), ms until the screen was loaded: %s%n",
                format(pageDown));
        System.out.printf(Locale.ROOT, "longest FX-thread stall per burst, ms: %s%n", format(burstStalls));
        System.out.printf(Locale.ROOT, "thumb drags, ms from release until the screen was loaded: %s%n", format(drags));
        System.out.printf(Locale.ROOT, "mouse wheel moved the rows after %d of %d drags%n", wheelMoved, targets.length);
        System.out.printf(Locale.ROOT, "max RSS %d MB · max threads %d · longest FX-thread stall %.0f ms during the"
                        + " PageDown bursts, %.0f ms during the drags · pages read %d, cached %d (%.1f MB)%n",
                sampler.maxRssKb / 1024, sampler.maxThreads, pageDownStall / 1e6, sampler.maxStallNanos.get() / 1e6,
                fx(rows::pagesRead), fx(rows::pagesCached), fx(rows::cachedBytes) / 1048576.0);
        if (Boolean.getBoolean("bench.stallStacks")) {
            printStallStacks(sampler);
        }
    }

    private static void printStallStacks(Sampler sampler) {
        sampler.stallStacks.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(25).forEach(e -> System.out.printf(Locale.ROOT, "stall sample x%d: %s%n", e.getValue(), e.getKey()));
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList()
                + String.format(Locale.ROOT, " (max %.0f)", values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    private double dragThumbTo(FxRobot robot, double fraction) throws Exception {
        ScrollBar bar = fx(() -> (ScrollBar) grid.lookupAll(".scroll-bar").stream()
                .filter(n -> n instanceof ScrollBar s && s.getOrientation() == Orientation.VERTICAL && s.isVisible())
                .findFirst().orElseThrow());
        Node thumb = fx(() -> bar.lookup(".thumb"));
        Bounds track = fx(() -> bar.localToScreen(bar.getLayoutBounds()));
        Bounds at = fx(() -> thumb.localToScreen(thumb.getLayoutBounds()));
        double targetY = track.getMinY() + 16 + fraction * (track.getHeight() - 32);
        robot.moveTo(at.getCenterX(), at.getCenterY()).press(MouseButton.PRIMARY);
        double y = at.getCenterY();
        int steps = 12;
        for (int i = 1; i <= steps; i++) {
            robot.moveTo(at.getCenterX(), y + (targetY - y) * i / steps);
        }
        robot.release(MouseButton.PRIMARY);
        return untilLoaded();
    }

    /**
     * Milliseconds from the last input the FX thread handled until a frame found every row on
     * screen loaded (one frame, about 16 ms, when they were loaded in the frame that showed the gesture).
     */
    private double untilLoaded() throws Exception {
        long start = System.nanoTime();
        while (loadedAt < lastInput || !fx(this::screenLoaded)) {
            Thread.sleep(2);
            if (System.nanoTime() - start > 60_000_000_000L) {
                throw new IllegalStateException("rows did not load within a minute");
            }
        }
        return Math.max(0, loadedAt - lastInput) / 1e6;
    }

    private int firstVisible() {
        VirtualFlow<?> flow = (VirtualFlow<?>) grid.lookup(".virtual-flow");
        IndexedCell<?> first = flow.getFirstVisibleCell();
        return first == null ? -1 : first.getIndex();
    }

    private boolean screenLoaded() {
        VirtualFlow<?> flow = (VirtualFlow<?>) grid.lookup(".virtual-flow");
        IndexedCell<?> first = flow.getFirstVisibleCell();
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (first == null || last == null) {
            return false;
        }
        for (int i = first.getIndex(); i <= last.getIndex(); i++) {
            if (!grid.getItems().get(i).loaded()) {
                return false;
            }
        }
        return true;
    }
}
