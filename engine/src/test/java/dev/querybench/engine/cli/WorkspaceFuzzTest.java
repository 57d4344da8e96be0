package dev.querybench.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.db.SchemaSnapshot;
import dev.querybench.engine.errors.FileProblem;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.validation.GoldSchemaCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Mutates the sample workspace's files a thousand ways per build (lines dropped, doubled,
 * re-indented, cut short, values replaced with wrong types and unknown names, YAML punctuation
 * inserted, bytes that are not UTF-8, files deleted) and checks the one validation path on each:
 * no exception but QueryBench's own escapes the loader; a refusal names a file and a line in the
 * user's words; and the CLI's doctor and run, in-process, refuse with the same message, run with
 * exit code 3. A workspace that loads is also checked against the real schema, the check run's
 * plan makes, so nothing run refuses could have passed.
 */
class WorkspaceFuzzTest {

    /** {@code querybench.yaml:23:3: …}: a file and a line. */
    private static final Pattern PLACED = Pattern.compile("^[\\w.-]+\\.(yaml|prompt):\\d+(:\\d+)?: .+");
    private static final List<String> JARGON = List.of("java.", "Exception", "JsonToken", "Cannot deserialize",
            "For input string", "Input length", "org.yaml", "com.fasterxml", "snakeyaml", "<block");
    private static final List<String> FILES = List.of("querybench.yaml", "dataset.yaml", "prompts/ddl-basic.prompt",
            "prompts/ddl-samples-hints.prompt", "prompts/judge-equivalence.prompt");
    private static final List<String> VALUES = List.of("42", "-1", "0", "many", "fuzzy", "\"\"", "[a, b]", "{x: 1}",
            "true", "null", "~", "DELETE FROM customers", "SELECT nope FROM nowhere", "http://u:KEY@host/v1",
            "http://h/v1?key=abc", "{env: 1X}", "3.5", "'unclosed", "\"{{question}}\"", "{{nope}}", "|", ">", "&a",
            "*a", "!!binary AAAA", "2026-12-06", "é€😀", "x".repeat(300));
    private static final List<String> INSERTS = List.of(":", ": ", "-", "- ", "  ", "\t", "{", "}", "[", "]", "\"",
            "'", "#", "\n", "&x ", "*x", "!", "%", "@", "`", "---\n", "{{", "}}", "\u0000", "\u0007");

    private Path base;
    private Path work;
    private Map<String, byte[]> originals;
    private SchemaSnapshot schema;
    private CliHarness cli;
    private int refused;

    @BeforeProperty
    void prepare() throws IOException {
        base = Files.createTempDirectory("qb-fuzz");
        work = new SampleWorkspace().materialize(base.resolve("ws"));
        originals = new LinkedHashMap<>();
        for (String f : FILES) {
            originals.put(f, Files.readAllBytes(work.resolve(f)));
        }
        try (WorkspaceSession session = WorkspaceSession.open(new WorkspaceLoader().load(work),
                new SecretResolver(Map.of()), Clock.systemUTC())) {
            schema = session.backend().introspect();
        }
        cli = new CliHarness(base.resolve("home"), Map.of());
    }

    @AfterProperty
    void cleanUp() throws IOException {
        // a fuzz run that refuses nothing tests nothing
        System.out.println("workspace fuzz: " + refused + " of 1000 mutations refused");
        assertThat(refused).as("mutations refused").isGreaterThan(100);
        try (Stream<Path> all = Files.walk(base)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** One way of breaking one file. */
    record Mutation(String file, String kind, int where, int length, String text) {}

    @Property(tries = 1000, seed = "15")
    void everyBrokenWorkspaceIsRefusedTheSameWayWithItsPlace(@ForAll("mutations") Mutation mutation) throws Exception {
        restore();
        apply(mutation);
        Optional<String> loadRefusal;
        try {
            Workspace ws = new WorkspaceLoader().load(work);
            Optional<FileProblem> gold = new GoldSchemaCheck().find(ws, schema);
            loadRefusal = gold.map(FileProblem::message);
        } catch (QueryBenchException e) {
            loadRefusal = Optional.of(e.error().message());
            assertThat(e.error().remedy()).as("a fix for " + mutation).isNotBlank();
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("an exception escaped the loader for " + mutation, e);
        }
        if (loadRefusal.isEmpty()) {
            return;
        }
        refused++;
        String message = loadRefusal.get();
        if (System.getenv("QB_FUZZ_DUMP") != null) {
            Files.writeString(Path.of(System.getenv("QB_FUZZ_DUMP")), message + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        assertThat(message).as(mutation.toString()).matches(PLACED);
        assertThat(JARGON).as(message).noneMatch(message::contains);
        if (message.contains(": the gold SQL of question") && message.contains(", which ")) {
            return; // a schema refusal: needs the database, checked by WorkspaceValidationTest through the CLI
        }
        CliHarness.Result doctor = cli.run("doctor", "--workspace", work.toString());
        CliHarness.Result run = cli.run("run", "--workspace", work.toString());
        assertThat(doctor.exitCode()).as(doctor.out()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(doctor.out()).as(mutation.toString()).contains("[FAIL] ").contains(": " + message + "\n");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).as(mutation.toString()).startsWith("error: " + message + System.lineSeparator());
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        Arbitrary<String> files = Arbitraries.of(FILES);
        Arbitrary<String> kinds = Arbitraries.of("drop-line", "double-line", "indent", "dedent", "truncate", "insert",
                "replace-value", "rename-key", "binary", "delete-file", "duplicate-block");
        Arbitrary<Integer> where = Arbitraries.integers().between(0, 100_000);
        Arbitrary<Integer> length = Arbitraries.integers().between(1, 6);
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.of(VALUES), Arbitraries.of(INSERTS),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8));
        return Combinators.combine(files, kinds, where, length, text).as(Mutation::new);
    }

    private void restore() throws IOException {
        for (Map.Entry<String, byte[]> e : originals.entrySet()) {
            Files.write(work.resolve(e.getKey()), e.getValue());
        }
    }

    private void apply(Mutation m) throws IOException {
        Path file = work.resolve(m.file());
        String text = new String(originals.get(m.file()), StandardCharsets.UTF_8);
        List<String> lines = new java.util.ArrayList<>(text.lines().toList());
        int line = m.where() % lines.size();
        String result = switch (m.kind()) {
            case "drop-line" -> {
                for (int i = 0; i < m.length() && line < lines.size(); i++) {
                    lines.remove(line);
                }
                yield String.join("\n", lines) + "\n";
            }
            case "double-line" -> {
                lines.add(line, lines.get(line));
                yield String.join("\n", lines) + "\n";
            }
            case "indent" -> {
                lines.set(line, " ".repeat(m.length()) + lines.get(line));
                yield String.join("\n", lines) + "\n";
            }
            case "dedent" -> {
                lines.set(line, lines.get(line).stripLeading());
                yield String.join("\n", lines) + "\n";
            }
            case "truncate" -> text.substring(0, m.where() % (text.length() + 1));
            case "insert" -> {
                int at = m.where() % (text.length() + 1);
                yield text.substring(0, at) + m.text() + text.substring(at);
            }
            case "replace-value" -> {
                String l = lines.get(line);
                int colon = l.indexOf(": ");
                lines.set(line, colon < 0 ? l + " " + m.text() : l.substring(0, colon + 2) + m.text());
                yield String.join("\n", lines) + "\n";
            }
            case "rename-key" -> {
                String l = lines.get(line);
                int colon = l.indexOf(':');
                int start = l.length() - l.stripLeading().length() + (l.stripLeading().startsWith("- ") ? 2 : 0);
                lines.set(line, colon > start ? l.substring(0, start) + m.text().strip().replace(":", "")
                        + l.substring(colon) : l);
                yield String.join("\n", lines) + "\n";
            }
            case "duplicate-block" -> {
                int end = Math.min(lines.size(), line + m.length() + 1);
                List<String> block = List.copyOf(lines.subList(line, end));
                lines.addAll(end, block);
                yield String.join("\n", lines) + "\n";
            }
            default -> null;
        };
        if ("binary".equals(m.kind())) {
            byte[] bytes = originals.get(m.file()).clone();
            int at = m.where() % bytes.length;
            for (int i = 0; i < m.length() && at + i < bytes.length; i++) {
                bytes[at + i] = (byte) (0x80 + (m.where() + i) % 0x40);
            }
            Files.write(file, bytes);
        } else if ("delete-file".equals(m.kind())) {
            if (m.file().equals("querybench.yaml")) {
                Files.writeString(file, "");
            } else {
                Files.delete(file);
            }
        } else {
            Files.writeString(file, result);
        }
    }
}
