package dev.querybench.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.run.RunStore;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleFixture;
import dev.querybench.engine.testing.SampleScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL midway (a real crash: a separate JVM) and started again completes
 * without asking the model again for any item it had stored.
 */
class ResumeAfterKillTest {

    @TempDir
    Path home;

    @Test
    void resumingAKilledRunAsksTheModelOnlyForWhatWasNotStored() throws Exception {
        Workspace workspace = SampleFixture.workspace(home.resolve("ws"));
        int total = workspace.dataset().size() * 2;
        try (OpenAiStub stub = OpenAiStub.start()) {
            SampleScript.answerGold(stub, workspace.dataset().questions());
            stub.latency(Duration.ofMillis(60));

            Process child = childRun(workspace.root(), stub.baseUrl());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (stub.calls() < total / 3 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("the child run must still be going when it is killed").isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int callsBeforeKill = stub.calls();

            int stored;
            try (RunStore store = new RunStore(workspace.stateFolder().resolve("runs.db"))) {
                RunRecord run = store.latestUnfinished().orElseThrow();
                assertThat(run.status()).isEqualTo("running");
                stored = store.items(run.id()).size();
            }
            assertThat(stored).isBetween(1, total - 1);

            // Without --no-cache an item answered (and cached) just before the kill but not yet stored
            // would be served from the cache: fewer calls still, but this test counts calls exactly.
            CliHarness.Result resumed = new CliHarness(home, Map.of()).run("run", "--workspace",
                    workspace.root().toString(), "--resume", "--base-url", stub.baseUrl(), "--no-cache");
            assertThat(resumed.exitCode()).as(resumed.err()).isZero();
            assertThat(stub.calls() - callsBeforeKill).isEqualTo(total - stored);
            assertThat(resumed.err()).contains(stored + " already done");
            assertThat(resumed.out()).contains("100.0%");
            try (RunStore store = new RunStore(workspace.stateFolder().resolve("runs.db"))) {
                RunRecord run = store.runs().getFirst();
                assertThat(run.status()).isEqualTo("finished");
                assertThat(store.items(run.id())).hasSize(total);
            }
        }
    }

    /**
     * Ten {@code kill -9}s of a {@code --repeat 3} run, each followed by a resume that is killed in
     * turn, then a last resume to the end: every answer given before a kill is kept (in the response
     * cache, under its repeat), so the model is asked for no more than the items plus the calls in
     * flight at each kill, and no prompt more often than its repeats plus those.
     */
    @Test
    void tenKillsOfARepeatedRunPayForNoAnswerTwice() throws Exception {
        Workspace workspace = SampleFixture.workspace(home.resolve("ws3"));
        int concurrency = 2;
        int total = workspace.dataset().size() * 2 * 3;
        try (OpenAiStub stub = OpenAiStub.start()) {
            SampleScript.answerGold(stub, workspace.dataset().questions());
            stub.latency(Duration.ofMillis(40));
            int kills = 0;
            Process child = childRun(workspace.root(), stub.baseUrl(), "--repeat", "3");
            while (kills < 10) {
                int target = stub.calls() + 12;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (stub.calls() < target && child.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(child.isAlive()).as("kill %d: the run must still be going", kills + 1).isTrue();
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                kills++;
                child = childRun(workspace.root(), stub.baseUrl(), "--resume");
            }
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();

            assertThat(stub.calls()).as("items plus at most the calls in flight at the kills")
                    .isBetween(total, total + kills * concurrency);
            Map<String, Long> perPrompt = stub.prompts().stream().collect(java.util.stream.Collectors.groupingBy(
                    p -> p, java.util.stream.Collectors.counting()));
            assertThat(perPrompt.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3 + concurrency));
            try (RunStore store = new RunStore(workspace.stateFolder().resolve("runs.db"))) {
                RunRecord run = store.runs().getFirst();
                assertThat(run.status()).isEqualTo("finished");
                assertThat(store.items(run.id())).hasSize(total);
            }
        }
    }

    private static Process childRun(Path workspace, String baseUrl, String... extra) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(QueryBenchCli.class.getName());
        command.addAll(List.of("run", "--workspace", workspace.toString(), "--base-url", baseUrl, "--concurrency", "2"));
        if (!List.of(extra).contains("--resume")) {
            command.addAll(List.of("--model", "openai:gpt-4o-mini"));
        }
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }

    private static Process childRun(Path workspace, String baseUrl) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(QueryBenchCli.class.getName());
        command.addAll(List.of("run", "--workspace", workspace.toString(), "--model", "openai:gpt-4o-mini",
                "--base-url", baseUrl, "--concurrency", "2"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }
}
