package dev.querybench.engine.testsuite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what a test-suite build found: {@code testsuite-report.md} for people (per database its
 * instances; per question the neighbours caught of those that pass on the real database, and the
 * survivors — candidates for equivalent rewrites) and {@code testsuite-report.json} for tools. No
 * timings go into the JSON, so the same seed gives the same file. Stateless.
 */
public final class TestSuiteReport {

    public static final String MARKDOWN = "testsuite-report.md";
    public static final String JSON = "testsuite-report.json";

    private TestSuiteReport() {}

    public static void write(Path folder, List<TestSuiteBuilder.DatabaseReport> reports, long seed) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(MARKDOWN), markdown(reports, seed));
            Files.writeString(folder.resolve(JSON), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(json(reports, seed)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test-suite report to " + folder, e);
        }
    }

    static Map<String, Object> json(List<TestSuiteBuilder.DatabaseReport> reports, long seed) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("seed", seed);
        List<Object> databases = new ArrayList<>();
        for (TestSuiteBuilder.DatabaseReport r : reports) {
            Map<String, Object> db = new LinkedHashMap<>();
            db.put("database", r.database());
            db.put("candidatesTried", r.candidatesTried());
            db.put("passOnOriginal", r.passOnOriginal());
            db.put("killedBySuite", r.killedBySuite());
            List<Object> instances = new ArrayList<>();
            for (TestSuiteBuilder.InstanceReport i : r.instances()) {
                // LinkedHashMap, not Map.of: Map.of's order changes from one JVM to the next
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", i.name());
                m.put("rowsPerTable", i.rowsPerTable());
                m.put("kills", i.kills());
                m.put("contentHash", i.contentHash());
                instances.add(m);
            }
            db.put("instances", instances);
            List<Object> questions = new ArrayList<>();
            for (TestSuiteBuilder.QuestionReport q : r.questions()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", q.questionId());
                m.put("equivalentByRule", q.equivalent());
                m.put("neighbours", q.neighbours());
                m.put("caughtByOriginal", q.caughtByOriginal());
                m.put("passOnOriginal", q.passOnOriginal());
                m.put("killedBySuite", q.killedBySuite());
                if (!q.problem().isEmpty()) {
                    m.put("problem", q.problem());
                }
                m.put("survivors", q.survivors().stream().map(s -> {
                    Map<String, Object> survivor = new LinkedHashMap<>();
                    survivor.put("change", s.change());
                    survivor.put("sql", s.sql());
                    return survivor;
                }).toList());
                questions.add(m);
            }
            db.put("questions", questions);
            databases.add(db);
        }
        root.put("databases", databases);
        return root;
    }

    static String markdown(List<TestSuiteBuilder.DatabaseReport> reports, long seed) {
        StringBuilder md = new StringBuilder("# Test suite\n\nSeed ").append(seed).append(".\n");
        for (TestSuiteBuilder.DatabaseReport r : reports) {
            int pass = r.passOnOriginal();
            md.append("\n## ").append(r.database()).append("\n\n")
                    .append(String.format("%d instances from %d candidates; they catch %d of the %d neighbours that"
                            + " pass on the database itself (%.1f%%).%n%n", r.instances().size(), r.candidatesTried(),
                            r.killedBySuite(), pass, pass == 0 ? 100.0 : 100.0 * r.killedBySuite() / pass));
            md.append("| instance | size n | neighbours it catches | content hash |\n|---|---|---|---|\n");
            for (TestSuiteBuilder.InstanceReport i : r.instances()) {
                md.append("| ").append(i.name()).append(" | ").append(i.rowsPerTable()).append(" | ").append(i.kills())
                        .append(" | ").append(i.contentHash()).append(" |\n");
            }
            md.append("\n| question | equivalent by rule | neighbours | caught by the database | pass there"
                    + " | caught by the suite |\n|---|---|---|---|---|---|\n");
            for (TestSuiteBuilder.QuestionReport q : r.questions()) {
                md.append("| ").append(q.questionId()).append(" | ")
.append(q.equivalent()).append(" | ")
                        .append(q.problem().isEmpty() ? q.neighbours() + " | " + q.caughtByOriginal() + " | "
                                + q.passOnOriginal() + " | " + q.killedBySuite() : q.problem() + " | | | ")
                        .append(" |\n");
            }
            boolean any = r.questions().stream().anyMatch(q -> !q.survivors().isEmpty());
            if (any) {
                md.append("\n### Survivors\n\nNeighbours that match gold on the database and on every instance:"
                        + " equivalent rewrites, or differences no generated data shows. Read them: one may be a"
                        + " second correct answer.\n");
                for (TestSuiteBuilder.QuestionReport q : r.questions()) {
                    if (q.survivors().isEmpty()) {
                        continue;
                    }
                    md.append("\n**").append(q.questionId()).append("** — gold: `").append(oneLine(q.gold()))
                            .append("`\n\n");
                    for (TestSuiteBuilder.Survivor s : q.survivors()) {
                        md.append("- ").append(s.change()).append(": `").append(oneLine(s.sql())).append("`\n");
                    }
                }
            }
        }
        return md.toString();
    }

    private static String oneLine(String sql) {
        return sql.replaceAll("\\s+", " ").strip().replace("`", "'");
    }
}
