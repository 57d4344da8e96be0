package dev.querybench.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javafx.stage.Stage;

/**
 * Tells a waiting script that the main window is on screen: when the system property
 * {@value #PROPERTY} or the environment variable {@value #ENVIRONMENT} names a file, that file is
 * written once the window's first frame has been drawn (not merely laid out). Installer smoke tests and start-up
 * benchmarks wait for it; without either setting nothing happens.
 *
 * <p>The file holds {@code key=value} lines: {@code window} (the title), {@code pid},
 * {@code processStart} and {@code ready} (ISO instants) and {@code startupMillis} (from process
 * start to ready, or -1 when the start is unknown). It is written under a temporary name and
 * moved into place, so a reader never sees half of it.
 */
final class ReadySignal {

    static final String PROPERTY = "querybench.ready.file";
    static final String ENVIRONMENT = "QUERYBENCH_READY_FILE";
    /** System property: exit once the first frame is shown (for an AOT-cache training run). */
    static final String EXIT_PROPERTY = "querybench.exitWhenReady";

    private ReadySignal() {}

    /**
     * Writes the ready file once {@code stage}'s first frame has been drawn, if one is asked for;
     * with {@value #EXIT_PROPERTY} set the application then exits (a training run for the JDK's
     * AOT cache, see docs/workbench.md).
     */
    static void afterFirstFrame(Stage stage) {
        Optional<Path> file = target(System::getProperty, System.getenv());
        boolean exit = Boolean.getBoolean(EXIT_PROPERTY);
        if (file.isEmpty() && !exit && !Boolean.getBoolean(dev.querybench.app.core.StartupTrace.PROPERTY)) {
            return;
        }
        dev.querybench.app.widgets.FirstFrame.then(() -> {
            dev.querybench.app.core.StartupTrace.mark("first frame on screen");
            file.ifPresent(path -> {
                try {
                    write(path, stage.getTitle(), ProcessHandle.current().info().startInstant().orElse(null),
                            Instant.now());
                } catch (UncheckedIOException e) {
                    System.err.println("QueryBench: cannot write the ready file " + path + ": " + e.getCause());
                }
            });
            if (exit) {
                javafx.application.Platform.exit();
            }
        });
    }

    /** The file to write: the system property wins over the environment; blank means none. */
    static Optional<Path> target(UnaryOperator<String> properties, Map<String, String> environment) {
        String value = properties.apply(PROPERTY);
        if (value == null || value.isBlank()) {
            value = environment.get(ENVIRONMENT);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.strip()));
    }

    /** Writes the ready file atomically, creating its folder. */
    static void write(Path file, String windowTitle, Instant processStart, Instant ready) {
        long startupMillis = processStart == null ? -1 : Duration.between(processStart, ready).toMillis();
        String text = "window=" + (windowTitle == null ? "" : windowTitle.replace('\n', ' ')) + "\n"
                + "pid=" + ProcessHandle.current().pid() + "\n"
                + "processStart=" + (processStart == null ? "unknown" : processStart) + "\n"
                + "ready=" + ready + "\n"
                + "startupMillis=" + startupMillis + "\n";
        try {
            Path absolute = file.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
