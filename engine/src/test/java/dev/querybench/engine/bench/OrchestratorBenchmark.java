package dev.querybench.engine.bench;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunPlan;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.session.RunRequest;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.OpenAiStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Throughput of the orchestrator: N questions × 3 variants against the stub answering after a
 * fixed latency, at a given concurrency, compared with the ideal N·3·latency/concurrency.
 *
 * <p>Run: {@code ./mvnw -q -pl engine test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.querybench.engine.bench.OrchestratorBenchmark -Dexec.args="500 200 16"}
 */
public final class OrchestratorBenchmark {

    private OrchestratorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int questions = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int latencyMs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Path dir = Files.createTempDirectory("querybench-bench");
        new SampleWorkspace().materialize(dir);
        Files.writeString(dir.resolve("prompts/third.prompt"),
                "---\ntask: sql-generation\nname: third\ndescription: bench\n---\n{{schema}}\nQuestion: {{question}}\n");
        Workspace sample = new WorkspaceLoader().load(dir);
        List<Question> base = sample.dataset().questions();
        StringBuilder yaml = new StringBuilder("name: bench\nquestions:\n");
        List<Question> generated = new ArrayList<>();
        for (int i = 0; i < questions; i++) {
            Question q = base.get(i % base.size());
            Question copy = new Question(String.format("b%04d", i), q.text() + " (#" + i + ")", q.gold(), q.difficulty(),
                    q.tags(), q.evidence());
            generated.add(copy);
            yaml.append("  - id: ").append(copy.id()).append("\n    question: \"").append(copy.text().replace("\"", "\\\""))
                    .append("\"\n    gold: |\n      ").append(copy.primaryGold().replace("\n", "\n      ")).append('\n');
        }
        Files.writeString(dir.resolve("dataset.yaml"), yaml);
        try (OpenAiStub stub = OpenAiStub.start();
                WorkspaceSession session = WorkspaceSession.open(new WorkspaceLoader().load(dir),
                        new SecretResolver(Map.of()), Clock.systemUTC())) {
            for (Question q : generated) {
                stub.answerSql("Question: " + q.text() + "\n", q.primaryGold());
            }
            stub.latency(Duration.ofMillis(latencyMs));
            RunPlan plan = session.plan(new RunRequest(List.of("ddl-basic", "ddl-samples-hints", "third"),
                    List.of("openai:gpt-4o-mini"), stub.baseUrl(), concurrency, List.of()));
            long start = System.nanoTime();
            RunResults results = session.run(plan, RunListener.NONE, new Cancellation());
            double seconds = (System.nanoTime() - start) / 1e9;
            double ideal = questions * 3.0 * latencyMs / 1000.0 / concurrency;
            long passed = results.cells().stream().mapToLong(c -> c.passed()).sum();
            System.out.printf("items=%d passed=%d concurrency=%d latency=%dms wall=%.2fs ideal=%.2fs overhead=%+.1f%%%n",
                    results.items().size(), passed, concurrency, latencyMs, seconds, ideal, 100 * (seconds / ideal - 1));
        }
    }
}
