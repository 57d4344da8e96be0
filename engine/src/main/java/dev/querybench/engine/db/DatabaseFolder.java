package dev.querybench.engine.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder of SQLite databases in Spider's and BIRD's layout, {@code DIR/<db>/<db>.sqlite}.
 * Further {@code .sqlite} files in a database's folder are instances of it (the same schema
 * with other data), as in the Spider test-suite's database folder; a prediction must match on
 * each. Immutable; reads the folder on each call.
 */
public final class DatabaseFolder {

    private static final String SUFFIX = ".sqlite";

    private final Path folder;

    public DatabaseFolder(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** The database's main file, when it exists. */
    public Optional<Path> file(String database) {
        if (database == null || database.isBlank() || database.contains("/") || database.contains("\\")
                || database.startsWith(".")) {
            return Optional.empty();
        }
        Path file = folder.resolve(database).resolve(database + SUFFIX);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** The main file first, then the database's other {@code .sqlite} files by name; empty when unknown. */
    public List<Path> instances(String database) {
        Optional<Path> main = file(database);
        if (main.isEmpty()) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        files.add(main.get());
        try (Stream<Path> listed = Files.list(main.get().getParent())) {
            listed.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && !p.equals(main.get())
                    && Files.isRegularFile(p)).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + main.get().getParent(), e);
        }
        return files;
    }

    /** The databases the folder holds, by name. */
    public List<String> names() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.map(p -> p.getFileName().toString()).filter(name -> file(name).isPresent()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
