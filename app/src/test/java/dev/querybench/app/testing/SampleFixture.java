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
        stub = OpenAiStub.start();
        try {
            workspace = new WorkspaceLoader().load(new SampleWorkspace().materialize(folder));
            if (distinctVariants) {
                scriptTwoVariants(stub, workspace);
            } else {
                script(stub, workspace);
            }
            session = WorkspaceSession.open(workspace, secrets, Clock.systemUTC());
        } catch (RuntimeException e) {
            stub.close();
            throw e;
        }
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

    @Override
    public void close() {
        session.close();
        stub.close();
    }
}
