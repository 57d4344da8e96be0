package dev.querybench.engine.bench;

import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.testing.OpenAiStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole {@code querybench run} process as a user starts it: the built launcher runs the sample
 * workspace's 54 questions × 2 variants × {@code --repeat 2} (216 items) against the OpenAI stub
 * answering every question's gold SQL after a fixed latency. Per round it prints the time from
 * starting the process to the first request and to the first chat call reaching the stub (polled
 * every millisecond, so to within about 1 ms) and to the last chat call, the time from the last
 * answer to the process's exit, the wall time to the exit, and the wall time against the ideal
 * ⌈items / concurrency⌉ · latency.
 *
 * <p>Run (after {@code ./mvnw -B -DskipTests package -pl engine}): {@code ./mvnw -q -pl engine
 * test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.querybench.engine.bench.CliRunBenchmark
 * -Dexec.args="engine/target/bin/querybench 500 16,64 5"}; arguments: the launcher (or several,
 * comma-separated: each round then runs each launcher in turn, labelled A, B ..., so that an A/B
 * comparison on a busy machine sees the same load), the latency in ms, the concurrencies, the rounds per concurrency (0: only the warm-up round, which is how the
 * engine's package trains the AOT cache), and optionally extra JVM options for the child (passed
 * as {@code JDK_JAVA_OPTIONS}).
 */
public final class CliRunBenchmark {

    private static final int REPEAT = 2;

    private CliRunBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<Path> launchers = new ArrayList<>();
        for (String l : (args.length > 0 ? args[0] : "engine/target/bin/querybench").split(",")) {
            launchers.add(Path.of(l).toAbsolutePath());
        }
        int latencyMs = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        String[] concurrencies = (args.length > 2 ? args[2] : "16,64").split(",");
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String javaOptions = args.length > 4 ? args[4] : "";
        Path dir = Files.createTempDirectory("querybench-cli-bench");
        new SampleWorkspace().materialize(dir);
        List<Question> questions = new WorkspaceLoader().load(dir).dataset().questions();
        try (OpenAiStub stub = OpenAiStub.start()) {
            for (Question q : questions) {
                stub.answerSql(q.text(), q.primaryGold());
            }
            stub.latency(Duration.ofMillis(latencyMs));
            // one unmeasured round writes the sample's SQLite database and warms the page cache
            for (Path launcher : launchers) {
                round(launcher, dir, stub, Integer.parseInt(concurrencies[0].trim()), javaOptions,
                        label("warm-up", launcher, launchers), latencyMs, questions.size());
            }
            for (String c : concurrencies) {
                for (int i = 1; i <= rounds; i++) {
                    for (Path launcher : launchers) {
                        round(launcher, dir, stub, Integer.parseInt(c.trim()), javaOptions,
                                label("round " + i, launcher, launchers), latencyMs, questions.size());
                    }
                }
            }
        }
    }

    /** The round's label; with more than one launcher (A/B series, alternated round by round) also its number. */
    private static String label(String round, Path launcher, List<Path> launchers) {
        return launchers.size() == 1 ? round : round + " [" + (char) ('A' + launchers.indexOf(launcher)) + "]";
    }

    private static void round(Path launcher, Path workspace, OpenAiStub stub, int concurrency, String javaOptions,
            String label, int latencyMs, int questions) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "run", "--workspace", workspace.toString(),
                "--model", "openai:gpt-4o-mini", "--base-url", stub.baseUrl(), "--concurrency",
                Integer.toString(concurrency), "--repeat", Integer.toString(REPEAT), "--no-cache", "--format", "json"));
        // -Dbench.log=DIR keeps each round's output (progress, summary, anything the command prints) in DIR,
        // named by round and concurrency
        String log = System.getProperty("bench.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(Path.of(log)
                        .resolve(label.replaceAll("[^A-Za-z0-9]+", "-") + "-c" + concurrency + ".log").toFile()));
        builder.environment().put("OPENAI_API_KEY", "sk-bench");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        if (!javaOptions.isBlank()) {
            builder.environment().put("JDK_JAVA_OPTIONS", javaOptions);
        }
        int callsBefore = stub.calls();
        int listsBefore = stub.listCalls();
        java.time.Instant startedAt = java.time.Instant.now();
        long start = System.nanoTime();
        Process process = builder.start();
        int items = questions * 2 * REPEAT;
        long firstRequest = 0;
        long firstCall = 0;
        long lastCall = 0;
        while (process.isAlive() && lastCall == 0) {
            long now = System.nanoTime();
            int calls = stub.calls() - callsBefore;
            if (firstRequest == 0 && (calls > 0 || stub.listCalls() > listsBefore)) {
                firstRequest = now;
            }
            if (firstCall == 0 && calls > 0) {
                firstCall = now;
            }
            if (calls >= items) {
                lastCall = now;
            }
            Thread.sleep(1);
        }
        int exit = process.waitFor();
        long end = System.nanoTime();
        double wall = (end - start) / 1e9;
        double ideal = Math.ceil(items / (double) concurrency) * latencyMs / 1000.0;
        // after the last call's answer (its latency after it arrived) until the process ended
        double tail = lastCall == 0 ? Double.NaN : (end - lastCall) / 1e9 - latencyMs / 1000.0;
        System.out.printf("%-8s concurrency=%d items=%d calls=%d exit=%d first-request=%.3fs first-call=%.3fs"
                        + " last-call=%.2fs after-last-answer=%.2fs wall=%.2fs ideal=%.2fs ideal/wall=%.2f start-us=%d%n", label,
                concurrency, items, stub.calls() - callsBefore, exit, seconds(firstRequest, start),
                seconds(firstCall, start), seconds(lastCall, start), tail, wall, ideal, ideal / wall,
                startedAt.getEpochSecond() * 1_000_000L + startedAt.getNano() / 1000);
    }

    private static double seconds(long at, long start) {
        return at == 0 ? Double.NaN : (at - start) / 1e9;
    }
}
