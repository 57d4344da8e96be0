package dev.querybench.engine.secrets;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files and folders that may hold prompts, answers or connection details (the response cache,
 * run stores, reports and exports, trace spills, QueryBench's home) are made private to the
 * user: 0600 files and 0700 folders where the file system has POSIX permissions; elsewhere the
 * user's profile folder already is. Existing files are tightened too, so a cache written by an
 * older version stops being readable by everyone. Stateless.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> FILE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> FOLDER = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private PrivateFiles() {
    }

    /** Creates the folder (and missing parents) and makes the folder itself 0700. */
    public static Path folder(Path folder) throws IOException {
        Files.createDirectories(folder);
        if (posix()) {
            Files.setPosixFilePermissions(folder, FOLDER);
        }
        return folder;
    }

    /** Creates the file empty and 0600 when missing (before anything is written to it); tightens it when present. */
    public static Path file(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            folder(parent);
        }
        if (!posix()) {
            return file;
        }
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, FILE);
        } else {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        }
        return file;
    }

    /** Makes an existing file 0600 (after a writer that does not create it privately). */
    public static void restrict(Path file) throws IOException {
        if (posix() && Files.isRegularFile(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
