package dev.querybench.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.session.RunRequest;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.OpenAiStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancelling a run while an item's queries are executing: the item is not stored with a verdict
 * the interruption made up, so resuming evaluates it properly (and the model's answer comes back
 * from the response cache).
 */
class CancelledItemsTest {

    /** About a second of work on SQLite, so the cancel lands while it runs. */
    private static final String SLOW = "SELECT count(*) AS n FROM (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL"
            + " SELECT i + 1 FROM c WHERE i < 3000000) SELECT i FROM c)";

    @TempDir
    Path dir;

    @Test
    void anItemCutShortByCancelIsEvaluatedAgainOnResume() throws Exception {
        new SampleWorkspace().materialize(dir);
        Files.writeString(dir.resolve("dataset.yaml"), """
                name: slow
                questions:
                  - id: slow
                    question: How many numbers are there up to three million?
                    gold: "%s"
                """.formatted(SLOW));
        try (OpenAiStub stub = OpenAiStub.start();
                WorkspaceSession session = WorkspaceSession.open(new WorkspaceLoader().load(dir),
                        new SecretResolver(Map.of()), Clock.systemUTC())) {
            stub.answerSql("three million", SLOW);
            RunRequest request = new RunRequest(List.of("ddl-basic"), List.of("openai:gpt-4o-mini"), stub.baseUrl(), 1,
                    List.of());
            Cancellation cancel = new Cancellation();
            CompletableFuture<RunResults> running = CompletableFuture.supplyAsync(
                    () -> session.run(session.plan(request), RunListener.NONE, cancel));
            while (stub.calls() == 0 && !running.isDone()) {
                Thread.sleep(5);
            }
            Thread.sleep(150);
            cancel.cancel();
            RunResults cancelled = running.get();

            // the cancel landed while the item's queries ran: nothing is stored for it
            assertThat(cancelled.run().status()).isEqualTo(EvaluationOrchestrator.STATUS_CANCELLED);
            assertThat(session.runStore().items(cancelled.run().id())).isEmpty();

            RunRecord record = session.runStore().run(cancelled.run().id()).orElseThrow();
            RunResults resumed = session.resume(record, request, RunListener.NONE, new Cancellation());

            assertThat(resumed.items()).singleElement().satisfies(item -> {
                assertThat(item.outcome()).as(item.verdict().reason()).isEqualTo(Outcome.PASS);
                assertThat(item.sql()).isEqualTo(SLOW);
            });
            assertThat(stub.calls()).isEqualTo(1);
        }
    }
}
