package dev.querybench.engine.db.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Keeps sqlite-jdbc's native library unpacked once, in the QueryBench home, instead of at every start.
 *
 * <p>On its own, sqlite-jdbc works out the platform (on Linux by running {@code uname -o} in a child
 * process) and copies its native library out of its jar into the temporary folder every time a
 * process first opens SQLite. {@link #useCached} copies it once into
 * {@code <home>/native/sqlite-jdbc/<crc32>-<size>/}, named by the checksum and size that the jar
 * records for it, checks the copy's checksum at every start (so a changed or damaged copy is never
 * loaded), and points sqlite-jdbc at it with its {@code org.sqlite.lib.path} and
 * {@code org.sqlite.lib.name} properties. Where anything is unusual (a platform this class does not
 * know for certain, the properties already set, no writable home, the library not in a jar) it
 * changes nothing and sqlite-jdbc does what it always did.
 */
public final class SqliteNativeLibrary {

    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteNativeLibrary() {
    }

    /**
     * Points sqlite-jdbc at a checked copy of its native library under {@code home}, making that copy
     * first when needed. Call before the first SQLite connection; returns the folder used, if any.
     */
    public static Optional<Path> useCached(Path home) {
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return Optional.empty();
        }
        Optional<String> folder = platformFolder(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        if (folder.isEmpty() || !plainLinux()) {
            return Optional.empty();
        }
        String name = System.mapLibraryName("sqlitejdbc");
        try {
            Optional<Path> dir = unpacked(home, "org/sqlite/native/" + folder.get() + "/" + name, name);
            dir.ifPresent(d -> {
                System.setProperty(PATH_PROPERTY, d.toString());
                System.setProperty(NAME_PROPERTY, name);
            });
            return dir;
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // sqlite-jdbc finds and unpacks its library as usual
        }
    }

    /** sqlite-jdbc's folder for the platforms where its choice depends on os.name and os.arch alone. */
    static Optional<String> platformFolder(String osName, String osArch) {
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
        if (arch == null) {
            return Optional.empty();
        }
        if (osName.startsWith("Linux")) {
            return Optional.of("Linux/" + arch);
        }
        if (osName.startsWith("Mac") || osName.startsWith("Darwin")) {
            return Optional.of("Mac/" + arch);
        }
        if (osName.startsWith("Windows")) {
            return Optional.of("Windows/" + arch);
        }
        return Optional.empty();
    }

    /** Off Linux, true; on Linux, false where sqlite-jdbc would pick another folder (musl, Android). */
    private static boolean plainLinux() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return true;
        }
        if (System.getProperty("java.runtime.name", "").toLowerCase(Locale.ROOT).contains("android")
                || System.getenv("TERMUX_VERSION") != null || Files.exists(Path.of("/system/build.prop"))
                || Files.exists(Path.of("/etc/alpine-release"))) {
            return false;
        }
        try {
            return !Files.readString(Path.of("/proc/self/maps")).contains("musl");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The folder holding a copy of {@code resource} whose checksum matches the jar's, made when missing. */
    static Optional<Path> unpacked(Path home, String resource, String name) throws IOException {
        URL url = SqliteNativeLibrary.class.getClassLoader().getResource(resource);
        if (url == null) {
            return Optional.empty();
        }
        URLConnection connection = url.openConnection();
        if (!(connection instanceof JarURLConnection jar)) {
            return Optional.empty();
        }
        var entry = jar.getJarEntry();
        long crc = entry.getCrc();
        long size = entry.getSize();
        if (crc < 0 || size < 0) {
            return Optional.empty();
        }
        Path dir = home.resolve("native").resolve("sqlite-jdbc").resolve(String.format("%08x-%d", crc, size));
        Path library = dir.resolve(name);
        if (matches(library, crc, size)) {
            return Optional.of(dir);
        }
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, name, ".part");
        try {
            try (InputStream in = jar.getInputStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            if (!matches(partial, crc, size)) {
                return Optional.empty();
            }
            Files.move(partial, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return matches(library, crc, size) ? Optional.of(dir) : Optional.empty();
    }

    private static boolean matches(Path file, long crc, long size) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != size) {
            return false;
        }
        CRC32 sum = new CRC32();
        sum.update(Files.readAllBytes(file));
        return sum.getValue() == crc;
    }
}
