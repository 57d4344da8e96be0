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
        stub = OpenAiStub.start();
        try {
            workspace = new WorkspaceLoader().load(new SampleWorkspace().materialize(folder));
            script(stub, workspace);
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

    @Override
    public void close() {
        session.close();
        stub.close();
    }
}
