package dev.querybench.app.core;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What the person did with workspaces, kept in their QueryBench home
 * ({@code $QUERYBENCH_HOME/workspaces.properties}): the recently opened folders, newest first, and
 * the model last chosen in each. File I/O: call off the FX thread. Thread-safe.
 */
public final class WorkspaceHistory {

    /** The file's name inside the QueryBench home. */
    public static final String FILE = "workspaces.properties";
    /** How many recent workspaces are remembered. */
    public static final int RECENT = 8;

    private final Path file;

    public WorkspaceHistory(Path file) {
        this.file = file;
    }

    public static WorkspaceHistory inHome(Path home) {
        return new WorkspaceHistory(home.resolve(FILE));
    }

    /** Recently opened workspace folders that still hold a workspace, newest first. */
    public synchronized List<Path> recent() {
        Properties p = read();
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < RECENT; i++) {
            String value = p.getProperty("recent." + i);
            if (value != null && Files.isRegularFile(Path.of(value).resolve("querybench.yaml"))) {
                folders.add(Path.of(value));
            }
        }
        return folders;
    }

    /** Puts {@code folder} first in the recent list. */
    public synchronized void opened(Path folder) {
        Properties p = read();
        List<String> folders = new ArrayList<>();
        String opened = folder.toAbsolutePath().normalize().toString();
        folders.add(opened);
        for (int i = 0; i < RECENT; i++) {
            String value = p.getProperty("recent." + i);
            p.remove("recent." + i);
            if (value != null && !value.equals(opened) && folders.size() < RECENT) {
                folders.add(value);
            }
        }
        for (int i = 0; i < folders.size(); i++) {
            p.setProperty("recent." + i, folders.get(i));
        }
        write(p);
    }

    /** The model profile (or spec) last chosen in the workspace at {@code folder}. */
    public synchronized Optional<String> lastModel(Path folder) {
        return Optional.ofNullable(read().getProperty(modelKey(folder))).filter(v -> !v.isBlank());
    }

    public synchronized void chose(Path folder, String model) {
        Properties p = read();
        p.setProperty(modelKey(folder), model);
        write(p);
    }

    private static String modelKey(Path folder) {
        return "model." + folder.toAbsolutePath().normalize();
    }

    private Properties read() {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // a damaged history never stops the workbench; it starts a new one
                return new Properties();
            }
        }
        return p;
    }

    private void write(Properties p) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), FILE, ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                p.store(out, "QueryBench: recent workspaces and the model last chosen in each");
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
