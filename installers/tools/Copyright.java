import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Turns the licence table license-maven-plugin writes at package time
 * ({@code app/target/licenses/THIRD-PARTY.tsv}, from every bundled jar's POM) into what the
 * Linux packages declare. Run with the JDK's source launcher from the repository root:
 *
 * <pre>
 * java installers/tools/Copyright.java dep5 TSV JAR_DIR PREFIX OUT
 *     writes a machine-readable debian/copyright (DEP-5): the project, each jar in JAR_DIR (named
 *     in the package as PREFIX/jar) with its licence, the bundled Java runtime, and a licence
 *     paragraph per licence
 * java installers/tools/Copyright.java spdx TSV JAR_DIR
 *     prints the SPDX licence expression of the whole package (the rpm License tag)
 * </pre>
 *
 * A jar without a row, or a licence this file does not know, fails: name the licence in the
 * app pom's licenseMerges and in {@link #LICENCES}.
 */
public final class Copyright {

    /** How a licence identifier of the table is written in DEP-5 and SPDX, and where Debian keeps its text. */
    record Licence(String dep5, String spdx, String commonLicence, String url) {}

    static final Map<String, Licence> LICENCES = Map.of(
            "Apache-2.0", new Licence("Apache-2.0", "Apache-2.0", "Apache-2.0", "https://www.apache.org/licenses/LICENSE-2.0"),
            "MIT", new Licence("Expat", "MIT", null, "https://opensource.org/license/mit"),
            "BSD-2-Clause", new Licence("BSD-2-clause", "BSD-2-Clause", null, "https://opensource.org/license/bsd-2-clause"),
            "BSD-3-Clause", new Licence("BSD-3-clause", "BSD-3-Clause", null, "https://opensource.org/license/bsd-3-clause"),
            "LGPL-2.1-only", new Licence("LGPL-2.1", "LGPL-2.1-only", "LGPL-2.1", "https://www.gnu.org/licenses/old-licenses/lgpl-2.1.html"),
            "LGPL-2.1-or-later", new Licence("LGPL-2.1+", "LGPL-2.1-or-later", "LGPL-2.1", "https://www.gnu.org/licenses/old-licenses/lgpl-2.1.html"),
            "GPL-2.0-with-classpath-exception", new Licence("GPL-2 with Classpath exception",
                    "GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2", "https://openjdk.org/legal/gplv2+ce.html"),
            "GPL-2.0-with-universal-foss-exception", new Licence("GPL-2 with Universal FOSS exception",
                    "GPL-2.0-only WITH Universal-FOSS-exception-1.0", "GPL-2", "https://oss.oracle.com/licenses/universal-foss-exception/"));

    /** The runtime jlink builds from the JDK, and jpackage's launchers: OpenJDK's licence. */
    static final String RUNTIME = "GPL-2.0-with-classpath-exception";

    /** One row of the table. */
    record Artifact(String group, String artifact, String version, List<String> licences, String name, String url) {

        /** Jars are named artifact-version.jar or artifact-version-classifier.jar. */
        boolean names(String jar) {
            String stem = artifact + "-" + version;
            return jar.equals(stem + ".jar") || (jar.startsWith(stem + "-") && jar.endsWith(".jar"));
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw usage();
        }
        List<Artifact> table = read(Path.of(args[1]));
        Map<String, Artifact> jars = match(table, Path.of(args[2]));
        switch (args[0]) {
            case "dep5" -> {
                if (args.length != 5) {
                    throw usage();
                }
                Files.writeString(Path.of(args[4]), dep5(jars, args[3]), StandardCharsets.UTF_8);
            }
            case "spdx" -> System.out.println(spdx(jars));
            default -> throw usage();
        }
    }

    private static IllegalArgumentException usage() {
        return new IllegalArgumentException("usage: Copyright dep5 TSV JAR_DIR PREFIX OUT | spdx TSV JAR_DIR");
    }

    static List<Artifact> read(Path tsv) throws IOException {
        List<Artifact> rows = new ArrayList<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 6) {
                throw new IllegalStateException(tsv + ": a row needs 6 tab-separated fields: " + line);
            }
            List<String> licences = List.of(f[3].split("\\|"));
            for (String licence : licences) {
                if (!LICENCES.containsKey(licence)) {
                    throw new IllegalStateException(f[0] + ":" + f[1] + " has the licence '" + licence
                            + "', which installers/tools/Copyright.java does not know: add it to LICENCES"
                            + " (and to licenseMerges in app/pom.xml)");
                }
            }
            rows.add(new Artifact(f[0], f[1], f[2], licences, f[4].isBlank() ? f[1] : f[4].strip(), f[5].strip()));
        }
        return rows;
    }

    /** Each jar of the folder with its row; the project's own jars (dev.querybench) count as the project. */
    static Map<String, Artifact> match(List<Artifact> table, Path jarDir) throws IOException {
        Map<String, Artifact> jars = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(jarDir)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                String file = jar.getFileName().toString();
                if (file.startsWith("querybench-")) {
                    continue;
                }
                Artifact row = table.stream().filter(a -> a.names(file)).findFirst().orElseThrow(() ->
                        new IllegalStateException(file + " has no row in the licence table: rebuild with ./mvnw package"));
                jars.put(file, row);
            }
        }
        return jars;
    }

    /** A jar's licence as DEP-5 writes it: alternatives joined by "or". */
    static String dep5Expression(List<String> licences) {
        return String.join(" or ", licences.stream().map(l -> LICENCES.get(l).dep5()).toList());
    }

    static String spdxExpression(List<String> licences) {
        List<String> parts = licences.stream().map(l -> LICENCES.get(l).spdx()).toList();
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(" OR ", parts) + ")";
    }

    /** The package's licence: the project's, the runtime's and every jar's, each once. */
    static String spdx(Map<String, Artifact> jars) {
        Set<String> all = new LinkedHashSet<>();
        all.add("Apache-2.0");
        all.add(spdxExpression(List.of(RUNTIME)));
        new TreeSet<>(jars.values().stream().map(a -> spdxExpression(a.licences())).toList()).forEach(all::add);
        return String.join(" AND ", all);
    }

    /** The year of SOURCE_DATE_EPOCH (the build's commit), or this year. */
    static int year() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        java.time.Instant when = epoch == null || epoch.isBlank() ? java.time.Instant.now()
                : java.time.Instant.ofEpochSecond(Long.parseLong(epoch.strip()));
        return when.atZone(java.time.ZoneOffset.UTC).getYear();
    }

    static String dep5(Map<String, Artifact> jars, String prefix) {
        StringBuilder out = new StringBuilder();
        out.append("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n")
                .append("Upstream-Name: QueryBench\n")
                .append("Comment: Generated from the bundled jars' POMs by license-maven-plugin and\n")
                .append(" installers/tools/Copyright.java; do not edit.\n\n");
        out.append("Files: *\n")
                .append("Copyright: ").append(year()).append(" QueryBench contributors\n")
                .append("License: Apache-2.0\n\n");
        out.append("Files: ").append(prefix).append("/runtime/*\n")
                .append("Copyright: Oracle and/or its affiliates, and the OpenJDK and OpenJFX contributors\n")
                .append("License: ").append(LICENCES.get(RUNTIME).dep5()).append('\n')
                .append("Comment: The Java runtime (OpenJDK, linked by jlink) with OpenJFX's native libraries;\n")
                .append(" the notices of each of its modules are in ").append(prefix).append("/runtime/legal/.\n\n");
        Set<String> used = new TreeSet<>();
        used.add("Apache-2.0");
        used.add(RUNTIME);
        for (Map.Entry<String, Artifact> jar : jars.entrySet()) {
            Artifact a = jar.getValue();
            used.addAll(a.licences());
            out.append("Files: ").append(prefix).append("/app/lib/").append(jar.getKey()).append('\n')
                    .append("Copyright: the ").append(a.name()).append(" authors")
                    .append(a.url().isBlank() ? "" : " (" + a.url() + ")").append('\n')
                    .append("License: ").append(dep5Expression(a.licences())).append('\n')
                    .append("Comment: ").append(a.group()).append(':').append(a.artifact()).append(':')
                    .append(a.version()).append("\n\n");
        }
        Set<String> written = new TreeSet<>();
        for (String id : used) {
            Licence licence = LICENCES.get(id);
            if (!written.add(licence.dep5())) {
                continue;
            }
            out.append("License: ").append(licence.dep5()).append('\n');
            if (licence.commonLicence() != null) {
                out.append(" On Debian systems the full text of the licence is in\n")
                        .append(" /usr/share/common-licenses/").append(licence.commonLicence()).append('.');
                if (id.contains("exception")) {
                    out.append(" The exception is\n described at ").append(licence.url()).append('.');
                }
                out.append('\n');
            } else {
                out.append(" The full text is at ").append(licence.url()).append(" and, where the\n")
                        .append(" project ships it, in the META-INF folder of its jar.\n");
            }
            out.append('\n');
        }
        return out.toString().stripTrailing() + "\n";
    }
}
