package dev.querybench.engine.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The last gold schema check that passed in a workspace, remembered by its fingerprint
 * ({@link GoldSchemaCheck#fingerprint}) in the workspace's state folder, so a run over the same
 * dataset and the same schema does not parse every gold query again. Only a pass is remembered: a
 * check that finds a problem runs again and reports it as it always did. A folder that cannot be
 * read or written only means the check runs every time. Thread-safe.
 */
public final class PassedGoldChecks {

    /** The file in the state folder: one line, the fingerprint of the last check that passed. */
    public static final String FILE = "gold-schema-check";

    private final Path file;

    public PassedGoldChecks(Path stateFolder) {
        this.file = stateFolder.resolve(FILE);
    }

    /** Whether the check with this fingerprint passed last time. */
    public boolean passed(String fingerprint) {
        try {
            return Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).strip().equals(fingerprint);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Remembers a pass (written beside and moved into place, so a reader never sees half a line). */
    public void remember(String fingerprint) {
        try {
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), FILE, ".tmp");
            try {
                Files.writeString(partial, fingerprint + System.lineSeparator(), StandardCharsets.UTF_8);
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException | RuntimeException e) {
            // not remembered: the next run checks again
        }
    }
}
