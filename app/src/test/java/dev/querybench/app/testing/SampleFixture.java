package dev.querybench.app.testing;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleScript;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The sample workspace written to a folder and opened with no keys in the environment, plus a
 * local OpenAI stub that answers the first ten questions with gold SQL and the rest wrongly.
 */
public final class SampleFixture implements AutoCloseable {

    /** Questions the stub answers correctly. */
    public static final int GOLD_ANSWERS = 10;

    public final OpenAiStub stub;
    public final Workspace workspace;
    public final WorkspaceSession session;
    public final SecretResolver secrets = new SecretResolver(Map.of());

    public SampleFixture(Path folder) {
        this(folder, false);
    }

    /**
     * @param distinctVariants script the stub with {@link #scriptTwoVariants}, so the two
     *     sample variants score differently
     */
    public SampleFixture(Path folder, boolean distinctVariants) {
        this(folder, distinctVariants ? SampleFixture::scriptTwoVariants : SampleFixture::script);
    }

    private SampleFixture(Path folder, BiConsumer<OpenAiStub, Workspace> script) {
        stub = OpenAiStub.start();
        try {
            workspace = new WorkspaceLoader().load(new SampleWorkspace().materialize(folder));
            script.accept(stub, workspace);
            session = WorkspaceSession.open(workspace, secrets, Clock.systemUTC());
        } catch (RuntimeException e) {
            stub.close();
            throw e;
        }
    }

    /** The sample scripted with {@link #scriptJudged}, so the stub also answers as an LLM judge. */
    public static SampleFixture judged(Path folder) {
        return new SampleFixture(folder, SampleFixture::scriptJudged);
    }

    /** Gold for the first {@link #GOLD_ANSWERS} questions, a wrong query for the others. */
    public static void script(OpenAiStub stub, Workspace workspace) {
        List<Question> questions = workspace.dataset().questions();
        SampleScript.answerGold(stub, questions.subList(0, GOLD_ANSWERS));
        SampleScript.answerWrong(stub, questions.subList(GOLD_ANSWERS, questions.size()));
    }

    /**
     * ddl-basic answers q001–q010 right; ddl-samples-hints (whose prompts carry a "Hint:" line)
     * misses q001–q002 but also gets q011–q016 right: 10 vs 14 of 54, 6 flips to right and 2 to
     * wrong, McNemar p = 74/256.
     */
    public static void scriptTwoVariants(OpenAiStub stub, Workspace workspace) {
        List<Question> questions = workspace.dataset().questions();
        for (Question q : questions.subList(0, 2)) {
            stub.answerSql(SampleScript.key(q) + "Hint:", "SELECT 'wrong answer' AS nope");
        }
        for (Question q : questions.subList(10, 16)) {
            stub.answerSql(SampleScript.key(q) + "Hint:", q.primaryGold());
        }
        script(stub, workspace);
    }

    /** What the LLM judge says about q017's answer with an extra column. */
    public static final String JUDGE_EQUIVALENT_RATIONALE =
            "Same stores and order counts as the gold query; the extra store_id column only identifies each store.";

    /** ddl-samples-hints' answer to q017: right counts, but with the store id as an extra column. */
    public static final String EXTRA_COLUMN_SQL = """
            SELECT s.store_id, s.store_name, COUNT(o.order_id) AS order_count
            FROM stores s
            JOIN orders o ON o.store_id = s.store_id
            GROUP BY s.store_id, s.store_name""";

    /**
     * {@link #scriptTwoVariants} with judge answers in front (a judge prompt also holds the question
     * text, so its rules must come first): ddl-samples-hints answers q017 with an extra column, which
     * the execution match fails and the judge calls equivalent; the judge is unsure about q010, calls
     * the constant wrong answers not equivalent and every other answer equivalent. The judge then
     * agrees with execution on 53/53 for ddl-basic and on 52/53 for ddl-samples-hints.
     */
    public static void scriptJudged(OpenAiStub stub, Workspace workspace) {
        List<Question> questions = workspace.dataset().questions();
        stub.answer("Predicted SQL:\nSELECT s.store_id, s.store_name",
                judgeAnswer("equivalent", 0.85, JUDGE_EQUIVALENT_RATIONALE));
        stub.answer("Predicted SQL:\nSELECT 'wrong answer' AS nope", judgeAnswer("not_equivalent", 0.02,
                "The prediction returns a constant string and does not answer the question."));
        stub.answer("Question: " + questions.get(9).text() + "\n\nGold SQL:", judgeAnswer("unsure", 0.5,
                "Both return one store, but the question does not say what to return when two stores tie."));
        stub.answer("You are reviewing a text-to-SQL system", judgeAnswer("equivalent", 0.95,
                "Same tables, filters and aggregation as the gold query; the results match."));
        stub.answerSql(SampleScript.key(questions.get(16)) + "Hint:", EXTRA_COLUMN_SQL);
        scriptTwoVariants(stub, workspace);
    }

    private static String judgeAnswer(String verdict, double score, String rationale) {
        return "{\"verdict\": \"" + verdict + "\", \"score\": " + score + ", \"rationale\": \"" + rationale + "\"}";
    }

    @Override
    public void close() {
        session.close();
        stub.close();
    }
}
