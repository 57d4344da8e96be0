package dev.querybench.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.db.sqlite.SqliteBackend;
import dev.querybench.engine.db.sqlite.SqliteDatabaseBuilder;
import dev.querybench.engine.evaluation.base.EvaluationStrategy;
import dev.querybench.engine.evaluation.base.Outcome;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.generation.PromptContext;
import dev.querybench.engine.generation.SqlExtractor;
import dev.querybench.engine.generation.SqlGenerator;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.session.ModelAdapterFactory;
import dev.querybench.engine.config.PriceTable;
import dev.querybench.engine.prompt.PromptLibrary;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunStore;
import dev.querybench.engine.testing.OpenAiStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator bounds database work per database: while every permit of one database is
 * held by slow evaluations, questions on another database are still judged.
 */
class DatabasePermitsTest {

    @TempDir
    Path dir;

    @Test
    void aBusyDatabaseDoesNotHoldUpQuestionsOnAnother() throws Exception {
        Path script = Files.writeString(dir.resolve("x.sql"), "CREATE TABLE x (a INTEGER);");
        new SqliteDatabaseBuilder().buildIfMissing(dir.resolve("x.db"), List.of(script));
        CountDownLatch otherDatabaseJudged = new CountDownLatch(2);
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        Map<String, Integer> mostAtOnce = new ConcurrentHashMap<>();
        Set<String> timedOut = ConcurrentHashMap.newKeySet();
        EvaluationStrategy recording = new EvaluationStrategy() {
            @Override
            public String id() {
                return "recording";
            }

            @Override
            public Verdict evaluate(Question question, String predictedSql) {
                String db = question.database();
                int now = running.computeIfAbsent(db, d -> new AtomicInteger()).incrementAndGet();
                mostAtOnce.merge(db, now, Math::max);
                try {
                    if (db.equals("slow")) {
                        if (!otherDatabaseJudged.await(10, TimeUnit.SECONDS)) {
                            timedOut.add(question.id());
                        }
                    } else {
                        otherDatabaseJudged.countDown();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.get(db).decrementAndGet();
                }
                return Verdict.pass("strict", Set.of(), "same rows");
            }
        };
        List<Question> questions = List.of(q("s1", "slow"), q("f1", "fast"), q("s2", "slow"), q("f2", "fast"),
                q("s3", "slow"), q("s4", "slow"));
        try (OpenAiStub stub = OpenAiStub.start(); SqliteBackend backend = new SqliteBackend(dir.resolve("x.db"), 2);
                RunStore store = new RunStore(dir.resolve("runs.db"))) {
            stub.defaultAnswer("```sql\nSELECT 1\n```");
            ModelAdapter model = new ModelAdapterFactory(new SecretResolver(Map.of())).create(
                    new ModelConfig("m", "openai:gpt-4o-mini", stub.baseUrl(), null, null, null, 5));
            EvaluationOrchestrator orchestrator = new EvaluationOrchestrator(
                    new SqlGenerator(new PromptContext(backend), new SqlExtractor()), recording, store,
                    PriceTable.shipped(), Clock.systemUTC());
            RunPlan plan = new RunPlan("ws", "ds", questions, List.of(PromptLibrary.parse("t.prompt",
                    "---\ntask: sql-generation\nname: t\n---\nQuestion: {{question}}\n")), Map.of("m", model), 2,
                    "strict");

            RunResults results = orchestrator.start(plan, RunListener.NONE, new Cancellation());

            assertThat(results.items()).extracting(ItemResult::outcome).containsOnly(Outcome.PASS).hasSize(6);
            assertThat(timedOut).as("slow items waited in vain for the other database's items").isEmpty();
            assertThat(mostAtOnce.get("slow")).isLessThanOrEqualTo(2);
        }
    }

    private static Question q(String id, String database) {
        return new Question(id, "question " + id, List.of("SELECT 1"), "", List.of(), null, database);
    }
}
