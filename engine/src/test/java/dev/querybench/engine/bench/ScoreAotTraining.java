package dev.querybench.engine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.session.WorkspaceSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The training run of {@code querybench-score.aot}, the AOT cache the launcher uses for
 * {@code querybench score} (docs/cli-startup.md): the built launcher scores about 600 pairs over
 * the sample's SQLite database, read as sql-eval's CSV, in the defog mode with {@code --compare
 * spider} (so both official comparators, the pandas-style CSV reader and the report writers load),
 * and one question mapped to a PostgreSQL URL nobody listens at (so the PostgreSQL driver's classes
 * load, and the dataset-error path runs). The JVM writes the cache when the process exits.
 *
 * <p>The engine's package runs it after the run cache's training; run by hand:
 * {@code java -cp <test class path> dev.querybench.engine.bench.ScoreAotTraining
 * engine/target/bin/querybench engine/target/querybench-score.aot}.
 */
public final class ScoreAotTraining {

    private ScoreAotTraining() {}

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args.length > 0 ? args[0] : "engine/target/bin/querybench").toAbsolutePath();
        Path cache = Path.of(args.length > 1 ? args[1] : "engine/target/querybench-score.aot").toAbsolutePath();
        Path dir = Files.createTempDirectory("querybench-score-aot");
        new SampleWorkspace().materialize(dir);
        Workspace workspace = new WorkspaceLoader().load(dir);
        SecretResolver secrets = new SecretResolver(Map.of());
        Path db;
        try (WorkspaceSession session = WorkspaceSession.open(workspace, secrets, Clock.systemUTC())) {
            db = Path.of(WorkspaceSession.databaseProfile(workspace, secrets, null).url().database());
        }
        List<Question> base = workspace.dataset().questions();
        List<String> csv = new ArrayList<>(List.of("db_name,query_category,question,query"));
        Map<String, String> predictions = new LinkedHashMap<>();
        for (int i = 0; i < 11 * base.size(); i++) {
            Question q = base.get(i % base.size());
            String gold = q.primaryGold();
            String database = i == 0 ? "qb_aot_unreachable" : "ridgeline";
            csv.add(String.join(",", database, i % 5 == 0 ? "order_by" : "basic", quoted(q.text()), quoted(gold)));
            String predicted = switch (i % 3) {
                case 0 -> gold;
                case 1 -> gold.replaceFirst("(?i)^\\s*select\\s+", "SELECT DISTINCT ");
                default -> base.get((i + 1) % base.size()).primaryGold();
            };
            predictions.put(String.valueOf(i), predicted);
        }
        Path questions = Files.write(dir.resolve("questions.csv"), csv);
        Path predicted = Files.writeString(dir.resolve("predictions.json"),
                new ObjectMapper().writeValueAsString(predictions));
        Files.deleteIfExists(cache);
        List<String> command = List.of(launcher.toString(), "score", "--dataset", questions.toString(),
                "--predictions", predicted.toString(), "--db", db.toString(), "--db-map",
                "qb_aot_unreachable=jdbc:postgresql://127.0.0.1:1/qb_aot_unreachable", "--mode", "defog",
                "--compare", "spider", "--out", dir.resolve("out").toString(), "--format", "json,csv,md,html");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("QUERYBENCH_HOME", dir.resolve("home").toString());
        builder.environment().put("JDK_JAVA_OPTIONS", "-XX:AOTCacheOutput=" + cache + " -Xlog:aot=warning");
        Process process = builder.start();
        if (!process.waitFor(150, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            System.out.println("score cache training did not finish in 150 s: no cache");
            return;
        }
        System.out.printf("score cache training: exit %d, %s%n", process.exitValue(),
                Files.exists(cache) ? cache + " (" + Files.size(cache) / (1 << 20) + " MB)" : "no cache written");
    }

    private static String quoted(String field) {
        return "\"" + field.replace("\"", "\"\"") + "\"";
    }
}
