package dev.querybench.engine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.cli.CliEnvironment;
import dev.querybench.engine.cli.QueryBenchCli;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.session.WorkspaceSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Speed of {@code querybench score}: N (question, prediction) pairs over the sample database, two
 * in three predictions right (the gold itself) and the rest another question's gold, scored in
 * strict mode through the command line exactly as a user runs it, with P pairs at once.
 *
 * <p>Run: {@code ./mvnw -q -pl engine test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.querybench.engine.bench.ScoreBenchmark -Dexec.args="5000 4"}
 */
public final class ScoreBenchmark {

    private ScoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int parallel = args.length > 1 ? Integer.parseInt(args[1]) : 2 * Runtime.getRuntime().availableProcessors();
        Path dir = Files.createTempDirectory("querybench-score-bench");
        new SampleWorkspace().materialize(dir);
        Workspace workspace = new WorkspaceLoader().load(dir);
        Path db;
        try (WorkspaceSession session = WorkspaceSession.open(workspace, new SecretResolver(Map.of()),
                Clock.systemUTC())) {
            db = Path.of(WorkspaceSession.databaseProfile(workspace, new SecretResolver(Map.of()), null).url()
                    .database());
        }
        List<Question> base = workspace.dataset().questions();
        ObjectMapper json = new ObjectMapper();
        List<String> dataset = new ArrayList<>();
        List<String> predictions = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            Question q = base.get(i % base.size());
            String id = String.format("s%05d", i);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", id);
            line.put("question", q.text());
            line.put("gold", q.primaryGold());
            dataset.add(json.writeValueAsString(line));
            String predicted = i % 3 == 2 ? base.get((i + 1) % base.size()).primaryGold() : q.primaryGold();
            predictions.add(json.writeValueAsString(Map.of("id", id, "sql", predicted)));
        }
        Path datasetFile = Files.write(dir.resolve("bench-dataset.jsonl"), dataset);
        Path predictionsFile = Files.write(dir.resolve("bench-predictions.jsonl"), predictions);
        StringWriter out = new StringWriter();
        CliEnvironment environment = new CliEnvironment(Map.of(), dir.resolve("home"), new PrintWriter(out, true),
                new PrintWriter(System.err, true), false, Clock.systemUTC());
        long start = System.nanoTime();
        int code = QueryBenchCli.execute(environment, "score", "--dataset", datasetFile.toString(), "--predictions",
                predictionsFile.toString(), "--db", db.toString(), "--parallel", String.valueOf(parallel));
        double seconds = (System.nanoTime() - start) / 1e9;
        String summary = out.toString().lines().filter(l -> l.contains("predictions")).findFirst().orElse("");
        System.out.printf("pairs=%d parallel=%d exit=%d wall=%.2fs rate=%.0f pairs/s%n  %s%n", pairs, parallel, code,
                seconds, pairs / seconds, summary.strip());
    }
}
