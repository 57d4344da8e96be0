package dev.querybench.engine.sample;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The built-in sample workspace: a retail database built from SQL files, a dataset of
 * questions with gold SQL, and the shipped prompt variants. {@link #materialize} writes it into a
 * folder so it can be opened like any workspace.
 */
public final class SampleWorkspace {

    /** The name users pass to {@code --workspace} for the sample. */
    public static final String NAME = "sample";

    private static final String ROOT = "dev/querybench/engine/sample/";
    private static final String MARKER = ROOT + "querybench.yaml";

    /**
     * Copies the sample's files into {@code target}; files already there are kept, so a user's
     * edits survive. Returns {@code target}.
     */
    public Path materialize(Path target) {
        return copy(target, "");
    }

    /** Copies only the shipped prompt variants into {@code target}/prompts (a new workspace's starting set). */
    public Path materializePrompts(Path target) {
        return copy(target, "prompts/");
    }

    /** Part files of {@code destination} left by processes that no longer run (a start killed mid-copy). */
    private static void removeLeftParts(Path destination) throws IOException {
        String prefix = destination.getFileName() + ".part-";
        try (var parts = Files.newDirectoryStream(destination.getParent(),
                entry -> entry.getFileName().toString().startsWith(prefix))) {
            for (Path part : parts) {
                String pid = part.getFileName().toString().substring(prefix.length());
                if (!pid.isEmpty() && pid.length() <= 18 && pid.chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    Files.deleteIfExists(part);
                }
            }
        }
    }

    private Path copy(Path target, String under) {
        try {
            for (String resource : resources()) {
                if (!resource.startsWith(ROOT + under)) {
                    continue;
                }
                Path destination = target.resolve(resource.substring(ROOT.length()));
                if (Files.exists(destination) || resource.endsWith(".py") || resource.endsWith(".class")) {
                    continue;
                }
                Files.createDirectories(destination.getParent());
                removeLeftParts(destination);
                // Written beside and moved in whole: a process ended mid-copy (the workbench writes
                // the sample while JavaFX starts) leaves no cut file that later starts would keep.
                Path part = destination.resolveSibling(destination.getFileName() + ".part-" + ProcessHandle.current().pid());
                try (InputStream in = SampleWorkspace.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IOException("resource " + resource + " is missing");
                    }
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                    try {
                        Files.move(part, destination, StandardCopyOption.ATOMIC_MOVE);
                    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                        Files.move(part, destination, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(part);
                }
            }
            return target;
        } catch (IOException | URISyntaxException e) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.INTERNAL,
                    "cannot write the sample workspace to " + target + ": " + e.getMessage(),
                    "check that the folder is writable, or set QUERYBENCH_HOME to another folder"), e);
        }
    }

    /** Where the sample lives for a given QueryBench home folder. */
    public static Path defaultLocation(Path home) {
        return home.resolve("sample-workspace");
    }

    private static List<String> resources() throws IOException, URISyntaxException {
        URL marker = SampleWorkspace.class.getClassLoader().getResource(MARKER);
        if (marker == null) {
            throw new IOException("the sample workspace is not on the class path");
        }
        List<String> names = new ArrayList<>();
        if ("jar".equals(marker.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) marker.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().startsWith(ROOT) && !entry.isDirectory()) {
                        names.add(entry.getName());
                    }
                }
            }
        } else {
            Path base = Path.of(marker.toURI()).getParent();
            try (Stream<Path> files = Files.walk(base)) {
                files.filter(Files::isRegularFile).forEach(p ->
                        names.add(ROOT + base.relativize(p).toString().replace('\\', '/')));
            }
        }
        return names;
    }
}
