package dev.querybench.app;

import dev.querybench.engine.db.sqlite.SqliteNativeLibrary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The first workspace's engine half ({@link AppContext.Opened}), started by
 * {@link QueryBenchLauncher#main} on a thread of its own before JavaFX starts. JavaFX calls
 * {@link QueryBenchApplication#init()} only once its toolkit is up (about 0.3 s on two cores), and
 * the workspace read and session open that followed it were the last thing the main window waited
 * for; started here, they overlap the toolkit's start-up (docs/workbench.md, "Start-up").
 */
final class EarlyStart {

    private final Path home;
    private final AppContext.Settings settings;
    private final CompletableFuture<AppContext.Opened> opened = new CompletableFuture<>();

    private EarlyStart(Path home, AppContext.Settings settings) {
        this.home = home;
        this.settings = settings;
    }

    /**
     * Reads the command line and starts opening its workspace on a thread of its own.
     *
     * @throws dev.querybench.engine.errors.QueryBenchException when the command line is wrong
     */
    static EarlyStart begin(List<String> args, Map<String, String> environment, Path userHome) {
        EarlyStart early = new EarlyStart(LaunchOptions.home(environment, userHome),
                LaunchOptions.parse(args, environment, userHome));
        Thread.ofPlatform().name("querybench-open").start(early::open);
        return early;
    }

    private void open() {
        try {
            SqliteNativeLibrary.useCached(home);
            opened.complete(AppContext.Opened.open(settings));
        } catch (RuntimeException | Error e) {
            opened.completeExceptionally(e);
        }
    }

    Path home() {
        return home;
    }

    AppContext.Settings settings() {
        return settings;
    }

    /** Waits for the workspace; throws what opening it threw. */
    AppContext.Opened join() {
        try {
            return opened.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Closes the workspace's session once it is open (a window that never took it over). */
    void discard() {
        opened.thenAccept(open -> open.session().close());
    }
}
