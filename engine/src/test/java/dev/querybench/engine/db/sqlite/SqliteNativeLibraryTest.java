package dev.querybench.engine.db.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeLibraryTest {

    @TempDir
    Path home;

    private final String name = System.mapLibraryName("sqlitejdbc");

    private String resource() {
        return "org/sqlite/native/" + SqliteNativeLibrary.platformFolder(System.getProperty("os.name"),
                System.getProperty("os.arch")).orElseThrow() + "/" + name;
    }

    private byte[] inJar() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource())) {
            return in.readAllBytes();
        }
    }

    @Test
    void unpacksTheLibraryOnceIntoAFolderNamedByItsChecksum() throws Exception {
        Path dir = SqliteNativeLibrary.unpacked(home, resource(), name).orElseThrow();
        assertTrue(dir.startsWith(home.resolve("native").resolve("sqlite-jdbc")));
        assertArrayEquals(inJar(), Files.readAllBytes(dir.resolve(name)));
        FileTime earlier = FileTime.fromMillis(Files.getLastModifiedTime(dir.resolve(name)).toMillis() - 60_000);
        Files.setLastModifiedTime(dir.resolve(name), earlier);

        assertEquals(Optional.of(dir), SqliteNativeLibrary.unpacked(home, resource(), name));
        assertEquals(earlier, Files.getLastModifiedTime(dir.resolve(name)), "reused, not written again");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no partial copy left behind");
        }
    }

    @Test
    void aDamagedCopyIsReplacedBeforeItIsUsed() throws Exception {
        Path dir = SqliteNativeLibrary.unpacked(home, resource(), name).orElseThrow();
        byte[] damaged = inJar();
        damaged[damaged.length / 2] ^= 0x5a;
        Files.write(dir.resolve(name), damaged);

        assertEquals(Optional.of(dir), SqliteNativeLibrary.unpacked(home, resource(), name));
        assertArrayEquals(inJar(), Files.readAllBytes(dir.resolve(name)));
    }

    @Test
    void anUnknownResourceOrPlatformChangesNothing() throws Exception {
        assertEquals(Optional.empty(), SqliteNativeLibrary.unpacked(home, "org/sqlite/native/None/x/" + name, name));
        assertEquals(Optional.empty(), SqliteNativeLibrary.platformFolder("Linux", "riscv64"));
        assertEquals(Optional.empty(), SqliteNativeLibrary.platformFolder("FreeBSD", "amd64"));
        assertEquals(Optional.of("Linux/x86_64"), SqliteNativeLibrary.platformFolder("Linux", "amd64"));
        assertEquals(Optional.of("Mac/aarch64"), SqliteNativeLibrary.platformFolder("Mac OS X", "aarch64"));
        assertEquals(Optional.of("Windows/x86_64"), SqliteNativeLibrary.platformFolder("Windows 11", "amd64"));
        try (var files = Files.list(home)) {
            assertEquals(0, files.count());
        }
    }
}
