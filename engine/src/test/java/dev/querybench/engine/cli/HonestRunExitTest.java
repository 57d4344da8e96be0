package dev.querybench.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.testing.Fault;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleFixture;
import dev.querybench.engine.testing.SampleScript;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit codes of {@code querybench run} tell the truth: a provider that is down before
 * anything is spent is 4 with the fix, a run whose items were not all answered is 5 with the
 * count, the cause and the resume command, and repeats are never paid twice.
 */
class HonestRunExitTest {

    @TempDir
    Path home;
    OpenAiStub stub;
    Workspace workspace;
    CliHarness cli;

    @BeforeEach
    void setUp() throws IOException {
        stub = OpenAiStub.start();
        workspace = SampleFixture.workspace(home.resolve("ws"));
        Files.writeString(workspace.root().resolve("querybench.yaml"), """
                resilience: {retry: {maxAttempts: 2, initialBackoffMillis: 5, maxBackoffMillis: 20},
                             circuitBreaker: {minimumCalls: 100, window: 100}, patienceSeconds: 2}
                """, StandardOpenOption.APPEND);
        SampleScript.answerGold(stub, workspace.dataset().questions());
        cli = new CliHarness(home, Map.of());
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private CliHarness.Result run(String... extra) {
        String[] base = {"run", "--workspace", workspace.root().toString(), "--model", "openai:gpt-4o-mini",
            "--base-url", stub.baseUrl(), "--questions", "q001,q002"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return cli.run(all);
    }

    @Test
    void aProviderDownBeforeTheRunStopsItWithExitFourAndNothingSpent() {
        stub.down(Fault.status(503));
        CliHarness.Result r = run();
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(r.err()).contains("cannot be used", "the run did not start and nothing was spent", "→");
        assertThat(stub.calls()).isZero();
    }

    @Test
    void nothingListeningIsExitFourToo() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CliHarness.Result r = cli.run("run", "--workspace", workspace.root().toString(), "--model",
                "openai:gpt-4o-mini", "--base-url", "http://127.0.0.1:" + port + "/v1", "--questions", "q001");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(r.err()).contains("nothing was spent");
    }

    @Test
    void itemsNeverAnsweredMakeTheRunIncompleteWithExitFiveTheCauseAndTheResumeCommand() {
        stub.failNext(100_000, Fault.status(500));
        CliHarness.Result r = run();
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(r.err()).contains("answered 0 of 4", "4 items were never answered", "Cause:", "HTTP 500",
                "Continue it with: querybench run --workspace " + workspace.root());
        assertThat(r.out()).contains("Incomplete: answered 0 of 4").doesNotContain("ERROR");

        Matcher resume = Pattern.compile("--resume (\\S+)").matcher(r.err());
        assertThat(resume.find()).isTrue();
        stub.failNext(0, Fault.status(500));
        int before = stub.calls();
        CliHarness.Result resumed = cli.run("run", "--workspace", workspace.root().toString(), "--resume",
                resume.group(1), "--base-url", stub.baseUrl());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(stub.calls() - before).isEqualTo(4);
        assertThat(resumed.out()).contains("100.0%").doesNotContain("Incomplete");
    }

    @Test
    void someItemsUnansweredSaysAnsweredNOfN() {
        stub.close();
        stub = OpenAiStub.start().fail(SampleScript.key(workspace.dataset().questions().get(1)), Fault.status(503));
        SampleScript.answerGold(stub, workspace.dataset().questions());
        CliHarness.Result r = run("--variants", "ddl-basic");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(r.out()).contains("Incomplete: answered 1 of 2");
        assertThat(r.err()).contains("1 item was never answered");
    }

    @Test
    void repeatsAreCachedEachUnderItsOwnKeySoARepeatedRunAsksNothing() {
        CliHarness.Result first = run("--variants", "ddl-basic", "--repeat", "3");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(stub.calls()).as("three fresh samples per item").isEqualTo(6);
        CliHarness.Result second = run("--variants", "ddl-basic", "--repeat", "3");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(stub.calls()).as("no answer is paid twice").isEqualTo(6);
        assertThat(second.out()).contains("6 answers came from the cache");
    }

    @Test
    void aRunStoreThatCannotBeOpenedIsAnInternalErrorExitTen() throws IOException {
        Files.createDirectories(workspace.stateFolder().resolve("runs.db").resolve("not-a-database"));
        CliHarness.Result r = run();
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(r.err()).contains("cannot open the run store", "→");
    }
}
