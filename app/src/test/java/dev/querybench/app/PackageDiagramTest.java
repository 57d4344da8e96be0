package dev.querybench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package diagrams of docs/architecture.md true: computes each module's package
 * dependency graph from the compiled classes and compares it with the generated Mermaid block in
 * the document. When the code changed, the failure prints the new block; or run this test with
 * {@code -Darchitecture.write=true} to rewrite the blocks in place.
 */
class PackageDiagramTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.querybench");
    }

    @Test
    void engineDiagramIsCurrent() throws IOException {
        checkBlock("engine-packages", mermaid("dev.querybench.engine"));
    }

    @Test
    void appDiagramIsCurrent() throws IOException {
        checkBlock("app-packages", mermaid("dev.querybench.app"));
    }

    @Test
    void theGraphHasTheKnownLayers() {
        Map<String, Set<String>> engine = reduce(graph("dev.querybench.engine"));
        assertThat(engine).containsKeys("session", "db.sqlite", "model.openai");
        assertThat(reachable(engine, "db.sqlite")).contains("db").doesNotContain("session");
        assertThat(reachable(engine, "db")).doesNotContain("db.sqlite", "db.postgres", "db.mysql", "db.trino");
    }

    /** Package (relative to the module's root, "(root)" for the root) → packages it uses directly. */
    static Map<String, Set<String>> graph(String module) {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (JavaClass c : classes) {
            String from = relative(module, c.getPackageName());
            if (from == null) {
                continue;
            }
            graph.computeIfAbsent(from, k -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = relative(module, d.getTargetClass().getPackageName());
                if (to != null && !to.equals(from)) {
                    graph.get(from).add(to);
                }
            }
        }
        return graph;
    }

    private static String relative(String module, String pkg) {
        if (pkg.equals(module)) {
            return "(root)";
        }
        return pkg.startsWith(module + ".") ? pkg.substring(module.length() + 1) : null;
    }

    /**
     * Leaves out an arrow when a longer path already implies it. Only meaningful without cycles
     * (ArchitectureTest forbids them); with a cycle every arrow is kept, so the picture shows it.
     */
    static Map<String, Set<String>> reduce(Map<String, Set<String>> graph) {
        Map<String, Set<String>> reach = new HashMap<>();
        if (graph.keySet().stream().anyMatch(p -> reachable(graph, p, reach).contains(p))) {
            return graph;
        }
        Map<String, Set<String>> reduced = new TreeMap<>();
        graph.forEach((from, tos) -> {
            Set<String> kept = new TreeSet<>();
            for (String to : tos) {
                boolean implied = tos.stream().anyMatch(other -> !other.equals(to) && reachable(graph, other, reach).contains(to));
                if (!implied) {
                    kept.add(to);
                }
            }
            reduced.put(from, kept);
        });
        return reduced;
    }

    private static Set<String> reachable(Map<String, Set<String>> graph, String from) {
        return reachable(graph, from, new HashMap<>());
    }

    private static Set<String> reachable(Map<String, Set<String>> graph, String from, Map<String, Set<String>> memo) {
        Set<String> known = memo.get(from);
        if (known != null) {
            return known;
        }
        Set<String> result = new HashSet<>();
        memo.put(from, result);
        for (String next : graph.getOrDefault(from, Set.of())) {
            result.add(next);
            result.addAll(reachable(graph, next, memo));
        }
        return result;
    }

    static String mermaid(String module) {
        Map<String, Set<String>> reduced = reduce(graph(module));
        StringBuilder out = new StringBuilder("```mermaid\nflowchart TD\n");
        reduced.keySet().forEach(p -> out.append("  ").append(id(p)).append("[\"").append(p).append("\"]\n"));
        reduced.forEach((from, tos) -> tos.forEach(to -> out.append("  ").append(id(from)).append(" --> ").append(id(to)).append('\n')));
        return out.append("```\n").toString();
    }

    private static String id(String pkg) {
        return pkg.equals("(root)") ? "root" : pkg.replace('.', '_');
    }

    private static void checkBlock(String name, String expected) throws IOException {
        Path doc = document();
        String text = Files.readString(doc);
        String begin = "<!-- BEGIN GENERATED " + name + " (PackageDiagramTest) -->\n";
        String end = "<!-- END GENERATED " + name + " -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertThat(from).as("docs/architecture.md has the block '%s'", begin.strip()).isNotNegative();
        assertThat(to).as("docs/architecture.md has the end marker '%s'", end).isGreaterThan(from);
        String actual = text.substring(from + begin.length(), to);
        if (!actual.equals(expected) && Boolean.getBoolean("architecture.write")) {
            Files.writeString(doc, text.substring(0, from + begin.length()) + expected + text.substring(to));
            return;
        }
        assertThat(actual)
                .as("the %s diagram in %s is out of date; replace the block with the one below, or run this test"
                        + " with -Darchitecture.write=true", name, doc)
                .isEqualTo(expected);
    }

    private static Path document() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs/architecture.md");
            if (Files.isRegularFile(doc)) {
                return doc;
            }
        }
        throw new IllegalStateException("docs/architecture.md not found above " + Path.of("").toAbsolutePath());
    }
}
