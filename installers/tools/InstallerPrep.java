import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Prepares the jpackage input of the QueryBench installers. The same steps serve Linux, Windows
 * and macOS, so they live here rather than in three shell dialects. Run it with the JDK's
 * source launcher from the repository root:
 *
 * <pre>
 * java installers/tools/InstallerPrep.java host
 *     prints this machine's platform: linux-x64, linux-aarch64, windows-x64, mac-x64 or mac-aarch64
 * java installers/tools/InstallerPrep.java version APP_JAR [--os linux|windows|mac]
 *     prints the version jpackage accepts, read from the jar's pom.properties (0.1.0-SNAPSHOT -> 0.1.0)
 * java installers/tools/InstallerPrep.java stage APP_TARGET OUT_DIR PLATFORM
 *     copies APP_TARGET/querybench-app.jar and APP_TARGET/lib/*.jar into OUT_DIR, leaving out the
 *     native libraries (and their debug symbols) that jars carry for the other platforms
 * java installers/tools/InstallerPrep.java modules INPUT_DIR [EXTRA_MODULES_FILE]
 *     prints the jlink module list: jdeps over every jar in INPUT_DIR (and INPUT_DIR/lib), plus
 *     the modules named in EXTRA_MODULES_FILE (one a line, '#' comments)
 * </pre>
 */
public final class InstallerPrep {

    static final List<String> PLATFORMS = List.of("linux-x64", "linux-aarch64", "windows-x64", "mac-x64", "mac-aarch64");

    /**
     * A folder inside jars that holds one subfolder per platform: {@code depth} path segments
     * below {@code prefix} name the platform, and only {@code keep}'s entry for the target stays.
     * Entries matching {@code nativeFile} are the only ones ever dropped.
     */
    record NativeFolder(String prefix, int depth, Map<String, String> keep, Predicate<String> nativeFile) {

        /** The platform folder of {@code entry}, or null when the entry is not a native file below prefix. */
        String platformOf(String entry) {
            if (!entry.startsWith(prefix) || entry.endsWith("/") || !nativeFile.test(entry)) {
                return null;
            }
            String[] parts = entry.substring(prefix.length()).split("/");
            if (parts.length <= depth) {
                return null;
            }
            return String.join("/", List.of(parts).subList(0, depth));
        }
    }

    private static final Predicate<String> ANY = entry -> true;

    static final List<NativeFolder> NATIVE_FOLDERS = List.of(
            // Microsoft ONNX Runtime (embeddings for few-shot example selection): ~90 MB for five platforms.
            new NativeFolder("ai/onnxruntime/native/", 1, Map.of("linux-x64", "linux-x64",
                    "linux-aarch64", "linux-aarch64", "windows-x64", "win-x64", "mac-x64", "osx-x64",
                    "mac-aarch64", "osx-aarch64"), ANY),
            // DJL's Hugging Face tokenizers.
            new NativeFolder("native/lib/", 1, Map.of("linux-x64", "linux-x86_64", "linux-aarch64", "linux-aarch64",
                    "windows-x64", "win-x86_64", "mac-x64", "osx-x86_64", "mac-aarch64", "osx-aarch64"), ANY),
            // SQLite JDBC: OS/arch folders.
            new NativeFolder("org/sqlite/native/", 2, Map.of("linux-x64", "Linux/x86_64", "linux-aarch64", "Linux/aarch64",
                    "windows-x64", "Windows/x86_64", "mac-x64", "Mac/x86_64", "mac-aarch64", "Mac/aarch64"), ANY),
            // JNA: its platform folders sit beside Java packages, so only the dispatch libraries go.
            new NativeFolder("com/sun/jna/", 1, Map.of("linux-x64", "linux-x86-64", "linux-aarch64", "linux-aarch64",
                    "windows-x64", "win32-x86-64", "mac-x64", "darwin-x86-64", "mac-aarch64", "darwin-aarch64"),
                    entry -> entry.substring(entry.lastIndexOf('/') + 1).matches("(lib)?jnidispatch\\..*")));

    /** Debug symbols shipped inside jars: never needed to run. */
    static boolean isDebugSymbols(String entry) {
        return entry.endsWith(".pdb") || entry.contains(".dSYM/");
    }

    /** True when {@code entry} is a native library (or its debug symbols) not needed on {@code platform}. */
    static boolean foreignNative(String entry, String platform) {
        for (NativeFolder folder : NATIVE_FOLDERS) {
            String found = folder.platformOf(entry);
            if (found != null) {
                return !found.equals(folder.keep().get(platform)) || isDebugSymbols(entry);
            }
        }
        return false;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw usage();
        }
        try {
            switch (args[0]) {
                case "host" -> System.out.println(hostPlatform());
                case "version" -> System.out.println(version(arg(args, 1), args.length > 3 && args[2].equals("--os")
                        ? args[3] : osOf(hostPlatform())));
                case "stage" -> stage(Path.of(arg(args, 1)), Path.of(arg(args, 2)), platform(arg(args, 3)));
                case "modules" -> System.out.println(modules(Path.of(arg(args, 1)),
                        args.length > 2 ? Path.of(args[2]) : null));
                default -> throw usage();
            }
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            System.err.println("InstallerPrep: " + e.getMessage());
            System.exit(2);
        }
    }

    private static IllegalArgumentException usage() {
        return new IllegalArgumentException("usage: InstallerPrep host | version APP_JAR [--os linux|windows|mac]"
                + " | stage APP_TARGET OUT_DIR PLATFORM | modules INPUT_DIR [EXTRA_MODULES_FILE]");
    }

    private static String arg(String[] args, int index) {
        if (args.length <= index) {
            throw usage();
        }
        return args[index];
    }

    static String platform(String name) {
        if (!PLATFORMS.contains(name)) {
            throw new IllegalArgumentException("unknown platform " + name + "; one of " + PLATFORMS);
        }
        return name;
    }

    static String hostPlatform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String cpu = arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : "x64";
        String family = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "mac" : "linux";
        return platform(family + "-" + cpu);
    }

    static String osOf(String platform) {
        return platform.substring(0, platform.indexOf('-'));
    }

    /**
     * The version jpackage accepts: the numeric part of the Maven version, at most three numbers
     * (0.1.0-SNAPSHOT -> 0.1.0). macOS bundles may not start with 0 (CFBundleVersion), so there
     * a 0.y.z version becomes 1.y.z; the .dmg's file name keeps the real one (build-macos.sh).
     */
    static String version(String appJar, String os) throws IOException {
        String mavenVersion;
        try (ZipFile jar = new ZipFile(appJar)) {
            ZipEntry entry = jar.getEntry("META-INF/maven/dev.querybench/querybench-app/pom.properties");
            if (entry == null) {
                throw new IllegalStateException(appJar + " has no META-INF/maven/.../pom.properties; build it with ./mvnw package");
            }
            Properties properties = new Properties();
            try (InputStream in = jar.getInputStream(entry)) {
                properties.load(in);
            }
            mavenVersion = properties.getProperty("version");
        }
        return jpackageVersion(mavenVersion, os);
    }

    static String jpackageVersion(String mavenVersion, String os) {
        Matcher m = Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?").matcher(mavenVersion == null ? "" : mavenVersion);
        if (!m.find()) {
            throw new IllegalArgumentException("version '" + mavenVersion + "' does not start with a number");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        if (os.equals("windows") && (major > 255 || minor > 255 || patch > 65535)) {
            throw new IllegalArgumentException("an MSI version is at most 255.255.65535, not " + mavenVersion);
        }
        if (os.equals("mac") && major == 0) {
            major = 1;
        }
        return major + "." + minor + "." + patch;
    }

    /** Copies the app jar and its lib/ into {@code out}, leaving other platforms' native libraries behind. */
    static void stage(Path appTarget, Path out, String platform) throws IOException {
        Path appJar = appTarget.resolve("querybench-app.jar");
        Path lib = appTarget.resolve("lib");
        if (!Files.isRegularFile(appJar) || !Files.isDirectory(lib)) {
            throw new IllegalStateException(appTarget + " has no querybench-app.jar and lib/; run ./mvnw -B -DskipTests package first");
        }
        deleteTree(out);
        Files.createDirectories(out.resolve("lib"));
        Files.copy(appJar, out.resolve("querybench-app.jar"));
        long before = Files.size(appJar);
        long after = before;
        // Exactly the jars the app loads: its manifest's Class-Path. lib/ may hold leftovers of
        // earlier builds (copy-dependencies never deletes), which must not ship.
        List<Path> jars = new ArrayList<>();
        for (String entry : classPath(appJar)) {
            Path jar = appTarget.resolve(entry);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(appJar + " needs " + entry + ", which is missing; run ./mvnw package again");
            }
            jars.add(jar);
        }
        try (Stream<Path> files = Files.list(lib)) {
            files.filter(p -> p.toString().endsWith(".jar") && !jars.contains(p)).sorted().forEach(p ->
                    System.out.println("  left out " + p.getFileName() + ": not on querybench-app.jar's Class-Path"));
        }
        for (Path jar : jars) {
            Path target = out.resolve("lib").resolve(jar.getFileName());
            int dropped = copyJar(jar, target, entry -> foreignNative(entry, platform));
            before += Files.size(jar);
            after += Files.size(target);
            if (dropped > 0) {
                System.out.printf("  %-58s %6.1f MB -> %5.1f MB (%d entries for other platforms dropped)%n",
                        jar.getFileName(), mb(Files.size(jar)), mb(Files.size(target)), dropped);
            }
        }
        System.out.printf("staged %d jars for %s in %s: %.1f MB -> %.1f MB%n", jars.size() + 1, platform, out,
                mb(before), mb(after));
    }

    /** The relative paths in {@code jar}'s manifest Class-Path. */
    static List<String> classPath(Path jar) throws IOException {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            java.util.jar.Manifest manifest = file.getManifest();
            String value = manifest == null ? null
                    : manifest.getMainAttributes().getValue(java.util.jar.Attributes.Name.CLASS_PATH);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(jar + " has no Class-Path in its manifest");
            }
            return List.of(value.strip().split("\\s+"));
        }
    }

    private static double mb(long bytes) {
        return bytes / 1_000_000.0;
    }

    /**
     * Copies {@code source} to {@code target} without the entries {@code drop} accepts; a jar with
     * nothing to drop is copied byte for byte. Returns how many entries were dropped.
     */
    static int copyJar(Path source, Path target, Predicate<String> drop) throws IOException {
        int dropped = 0;
        try (ZipFile zip = new ZipFile(source.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                if (drop.test(e.nextElement().getName())) {
                    dropped++;
                }
            }
            if (dropped == 0) {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                return 0;
            }
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream out = new ZipOutputStream(file)) {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                    ZipEntry entry = e.nextElement();
                    if (drop.test(entry.getName())) {
                        continue;
                    }
                    ZipEntry copy = new ZipEntry(entry);
                    if (copy.getMethod() == ZipEntry.DEFLATED) {
                        copy.setCompressedSize(-1);
                    }
                    out.putNextEntry(copy);
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return dropped;
    }

    /**
     * The modules jlink must put in the runtime: what jdeps finds in every jar, read as class
     * path jars (as the app runs them: module-info.class is removed from copies first, or jdeps
     * would insist on their declared module dependencies), plus the extra modules only seen at
     * run time.
     */
    static String modules(Path input, Path extraModulesFile) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (Path dir : List.of(input, input.resolve("lib"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
                }
            }
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("no jars in " + input);
        }
        Path scratch = Files.createTempDirectory("qb-jdeps");
        try {
            List<String> jdepsArgs = new ArrayList<>(List.of("-q", "--ignore-missing-deps", "--multi-release",
                    String.valueOf(Runtime.version().feature()), "--print-module-deps"));
            for (Path jar : jars) {
                Path copy = scratch.resolve(jar.getFileName());
                copyJar(jar, copy, entry -> entry.equals("module-info.class")
                        || entry.matches("META-INF/versions/\\d+/module-info\\.class"));
                jdepsArgs.add(copy.toString());
            }
            ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                    .orElseThrow(() -> new IllegalStateException("this Java has no jdeps; use a JDK 25"));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), jdepsArgs.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("jdeps failed (" + status + "): " + err + out);
            }
            TreeSet<String> modules = new TreeSet<>();
            for (String line : out.toString().strip().split("\\R")) {
                for (String module : line.split(",")) {
                    if (!module.isBlank()) {
                        modules.add(module.strip());
                    }
                }
            }
            if (modules.isEmpty()) {
                throw new IllegalStateException("jdeps printed no modules: " + out + err);
            }
            if (extraModulesFile != null) {
                for (String line : Files.readAllLines(extraModulesFile)) {
                    String module = line.replaceFirst("#.*", "").strip();
                    if (!module.isEmpty()) {
                        modules.add(module);
                    }
                }
            }
            return modules.stream().collect(Collectors.joining(","));
        } finally {
            deleteTree(scratch);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
