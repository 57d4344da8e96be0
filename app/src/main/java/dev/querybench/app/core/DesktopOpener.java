package dev.querybench.app.core;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Opens a written report, a folder or a web page (a Langfuse trace) with the desktop's handler.
 * On Linux it runs {@code xdg-open} and watches its exit code, so a desktop with no browser or
 * file handler registered is reported where the user looks ({@link DialogService#showPath}: the
 * path with a Copy button), not only on standard error; elsewhere it hands the address to
 * {@code fallback} (the application's HostServices). Waiting for the handler happens on a virtual
 * thread; the failure is shown through {@code tasks}, on the FX thread.
 */
public final class DesktopOpener implements Consumer<URI> {

    private final List<String> command;
    private final Consumer<URI> fallback;
    private final TaskRunner tasks;
    private final DialogService dialogs;

    /**
     * @param command the opener to run with the address appended ({@code xdg-open}), or empty to use {@code fallback}
     */
    public DesktopOpener(List<String> command, Consumer<URI> fallback, TaskRunner tasks, DialogService dialogs) {
        this.command = List.copyOf(command);
        this.fallback = fallback;
        this.tasks = tasks;
        this.dialogs = dialogs;
    }

    /** {@code xdg-open} on Linux; the fallback elsewhere. */
    public static DesktopOpener forThisOs(Consumer<URI> fallback, TaskRunner tasks, DialogService dialogs) {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        return new DesktopOpener(linux ? List.of("xdg-open") : List.of(), fallback, tasks, dialogs);
    }

    @Override
    public void accept(URI uri) {
        if (command.isEmpty()) {
            fallback.accept(uri);
            return;
        }
        String target = "file".equals(uri.getScheme()) ? Path.of(uri).toString() : uri.toString();
        tasks.submit(() -> run(target), problem -> {
            if (!problem.isEmpty()) {
                boolean file = "file".equals(uri.getScheme());
                dialogs.showPath(file ? "The file could not be opened" : "The address could not be opened",
                        (file ? "QueryBench wrote it, but could not open " : "QueryBench could not open ") + target
                                + ": " + problem + ".",
                        file ? "open it yourself from the path below, or register a default browser (on Linux:"
                                + " xdg-settings set default-web-browser firefox.desktop)"
                                : "copy the address into a browser",
                        target);
            }
        }, failure -> dialogs.showPath("The file could not be opened", "QueryBench could not start "
                + command.getFirst() + ": " + failure.getMessage() + ".", "open it yourself from the path below",
                target));
    }

    /** Runs the opener; empty when it succeeded, else why not. */
    private String run(String target) throws InterruptedException {
        List<String> line = new ArrayList<>(command);
        line.add(target);
        Process process;
        try {
            process = new ProcessBuilder(line).redirectErrorStream(true).start();
        } catch (IOException e) {
            return command.getFirst() + " is not installed (" + e.getMessage() + ")";
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            // still starting the handler: it was found
            return "";
        }
        if (process.exitValue() == 0) {
            return "";
        }
        String said;
        try {
            said = new String(process.getInputStream().readAllBytes()).strip();
        } catch (IOException e) {
            said = "";
        }
        return "no program is registered to open it (" + command.getFirst() + " exited with "
                + process.exitValue() + (said.isEmpty() ? "" : ": " + said.lines().findFirst().orElse("")) + ")";
    }
}
