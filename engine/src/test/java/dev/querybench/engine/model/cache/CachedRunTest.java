package dev.querybench.engine.model.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.session.RunRequest;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.AnthropicStub;
import dev.querybench.engine.testing.Fault;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleScript;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs over a workspace's response cache: repeating a finished run asks no model and costs nothing. */
class CachedRunTest {

    private static final String KEY = "sk-ant-cache-test-1";

    @TempDir
    Path dir;
    OpenAiStub primary;
    AnthropicStub backup;
    Workspace workspace;
    List<Question> questions;

    @BeforeEach
    void setUp() throws Exception {
        primary = OpenAiStub.start();
        backup = AnthropicStub.start().requireKey(KEY);
        Path root = new SampleWorkspace().materialize(dir.resolve("ws"));
        String config = Files.readString(root.resolve("querybench.yaml"));
        Files.writeString(root.resolve("querybench.yaml"), config
                .replace("    apiKey: {env: OPENAI_API_KEY}\n", "    baseUrl: " + primary.baseUrl()
                        + "\n    fallback: [backup]\n")
                .replace("run:\n", """
                          - name: backup
                            spec: anthropic:claude-haiku-4-5
                            baseUrl: %s
                            apiKey: {env: ANTHROPIC_API_KEY}
                        resilience:
                          retry: {maxAttempts: 2, initialBackoffMillis: 5, maxBackoffMillis: 10}
                        run:
                        """.formatted(backup.baseUrl())));
        workspace = new WorkspaceLoader().load(root);
        questions = workspace.dataset().questions().subList(0, 12);
    }

    /** Gold answers from both models; rules added before this one take precedence. */
    private void answerGold() {
        SampleScript.answerGold(primary, questions);
        SampleScript.answerGold(backup, questions);
    }

    @AfterEach
    void tearDown() {
        primary.close();
        backup.close();
    }

    private RunResults run(RunRequest request) {
        try (WorkspaceSession session = WorkspaceSession.open(workspace,
                new SecretResolver(Map.of("ANTHROPIC_API_KEY", KEY)), Clock.systemUTC())) {
            return session.run(session.plan(request), RunListener.NONE, new Cancellation());
        }
    }

    private RunRequest subset() {
        return new RunRequest(List.of(), List.of(), null, null, questions.stream().map(Question::id).toList());
    }

    @Test
    void repeatingAFinishedRunAsksNoModelAndCostsNothing() {
        answerGold();
        RunResults first = run(subset());
        assertThat(primary.calls()).isEqualTo(24);
        assertThat(first.items()).noneMatch(i -> i.provenance().cached());
        assertThat(first.cost()).isPositive();

        RunResults again = run(subset());
        assertThat(primary.calls()).as("no call the second time").isEqualTo(24);
        assertThat(again.items()).hasSize(24).allSatisfy(item -> {
            assertThat(item.provenance().cached()).isTrue();
            assertThat(item.provenance().answeredBy()).isEqualTo("openai:gpt-4o-mini");
            assertThat(item.cost()).isEqualByComparingTo(BigDecimal.ZERO);
        });
        assertThat(again.cost()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(again.cells()).allSatisfy(c -> assertThat(c.cachedItems()).isEqualTo(12));
        assertThat(again.items().stream().map(ItemResult::outcome).toList())
                .isEqualTo(first.items().stream().map(ItemResult::outcome).toList());
    }

    @Test
    void failuresAreNeverCachedAndTheBypassSwitchAsksAgain() {
        Question refused = questions.getFirst();
        primary.fail(SampleScript.key(refused), Fault.contextTooLong());
        backup.fail(SampleScript.key(refused), Fault.contextTooLong());
        answerGold();
        RunResults first = run(subset());
        assertThat(first.items().stream().filter(ItemResult::modelFailed)).hasSize(2);
        int callsAfterFirst = primary.calls();

        run(subset());
        assertThat(primary.calls() - callsAfterFirst).as("only the two failed items are asked again").isEqualTo(2);

        int beforeBypass = primary.calls();
        RunResults bypassed = run(subset().withBypassCache(true));
        assertThat(primary.calls() - beforeBypass).isEqualTo(24);
        assertThat(bypassed.items()).noneMatch(i -> i.provenance().cached());
    }

    @Test
    void answersAFallbackGaveAreFoundWhileThePrimaryIsStillDown() {
        answerGold();
        primary.down(Fault.status(503));
        RunResults first = run(subset());
        assertThat(first.items()).allSatisfy(i -> assertThat(i.provenance().answeredBy())
                .isEqualTo("anthropic:claude-haiku-4-5"));
        int primaryCalls = primary.calls();
        int backupCalls = backup.calls();

        RunResults again = run(subset());
        assertThat(primary.calls()).isEqualTo(primaryCalls);
        assertThat(backup.calls()).isEqualTo(backupCalls);
        assertThat(again.items()).allSatisfy(i -> {
            assertThat(i.provenance().cached()).isTrue();
            assertThat(i.provenance().answeredBy()).isEqualTo("anthropic:claude-haiku-4-5");
        });
    }
}
