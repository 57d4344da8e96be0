package dev.querybench.app.workspace;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Keeps the {@link WindowLayout} in a small properties file of the user's QueryBench home
 * ({@code $QUERYBENCH_HOME/window.properties}), not in the workspace: the layout belongs to the
 * person, the workspace may be shared. File I/O: call off the FX thread. Not thread-safe; one
 * window uses one store.
 */
public final class WindowLayoutStore {

    /** The file's name inside the QueryBench home. */
    public static final String FILE = "window.properties";

    private final Path file;

    public WindowLayoutStore(Path file) {
        this.file = file;
    }

    /** The store of the QueryBench home {@code home}. */
    public static WindowLayoutStore inHome(Path home) {
        return new WindowLayoutStore(home.resolve(FILE));
    }

    public Path file() {
        return file;
    }

    /** The saved layout, or {@link WindowLayout#DEFAULT} when there is none or it cannot be read. */
    public WindowLayout load() {
        if (!Files.isRegularFile(file)) {
            return WindowLayout.DEFAULT;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            // A damaged layout file must never stop the app from starting.
            return WindowLayout.DEFAULT;
        }
        return WindowLayout.fromProperties(p);
    }

    /** Writes {@code layout}, replacing the file in one step so a crash leaves the old one. */
    public void save(WindowLayout layout) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), FILE, ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                layout.toProperties().store(out, "QueryBench window layout");
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the window layout to " + file, e);
        }
    }
}
