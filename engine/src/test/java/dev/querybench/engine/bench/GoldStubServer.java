package dev.querybench.engine.bench;

import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.testing.OpenAiStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The OpenAI stub of {@link CliRunBenchmark} as a process of its own, so a shell script can time
 * {@code querybench run} with {@code /usr/bin/time} while the stub runs elsewhere: it answers every
 * question of the given workspace with the question's gold SQL for the given engine (its
 * {@code gold_dialects} entry when it has one, else the portable gold) after a fixed latency, writes
 * its base URL to a file, and serves until the process is stopped.
 *
 * <p>Arguments: the workspace folder, the latency in ms, the file for the base URL, the dialect's
 * name (e.g. {@code sqlite}, {@code trino}). Used by {@code .ci/trino-bench.sh}.
 */
public final class GoldStubServer {

    private GoldStubServer() {}

    public static void main(String[] args) throws Exception {
        Path workspace = Path.of(args[0]);
        int latencyMs = Integer.parseInt(args[1]);
        Path urlFile = Path.of(args[2]);
        Dialect dialect = Dialect.named(args[3]);
        try (OpenAiStub stub = OpenAiStub.start()) {
            for (Question q : new WorkspaceLoader().load(workspace).dataset().questions()) {
                stub.answerSql(q.text(), q.goldFor(dialect).getFirst());
            }
            stub.latency(Duration.ofMillis(latencyMs));
            Files.writeString(urlFile, stub.baseUrl(), StandardCharsets.UTF_8);
            Thread.currentThread().join();
        }
    }
}
