package dev.querybench.engine.tracing.langfuse;

import static dev.querybench.engine.tracing.langfuse.LangfuseTestSupport.SECRETS;
import static dev.querybench.engine.tracing.langfuse.LangfuseTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.session.RunRequest;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.LangfuseStandIn;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleScript;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A traced run's items link to the traces Langfuse really received, in the project of the keys. */
class TraceLinksTest {

    @TempDir
    Path dir;
    OpenAiStub model;
    LangfuseStandIn langfuse;
    Workspace workspace;

    @BeforeEach
    void setUp() throws Exception {
        model = OpenAiStub.start();
        langfuse = LangfuseStandIn.start();
        workspace = LangfuseTestSupport.workspace(dir, langfuse.host());
    }

    @AfterEach
    void tearDown() {
        model.close();
        langfuse.close();
    }

    @Test
    void everyItemLinksToItsTraceInTheKeysProject() throws Exception {
        List<Question> questions = workspace.dataset().questions().subList(0, 3);
        SampleScript.answerGold(model, questions);
        try (WorkspaceSession session = WorkspaceSession.open(workspace, SECRETS, Clock.systemUTC())) {
            RunResults results = session.run(session.plan(new RunRequest(List.of(), List.of("openai:gpt-4o-mini"),
                    model.baseUrl(), 2, questions.stream().map(Question::id).toList())), RunListener.NONE,
                    new Cancellation());
            await("all traces", Duration.ofSeconds(10), () -> langfuse.traces().size() >= results.items().size());

            TraceLinks links = session.traceLinks().orElseThrow();
            assertThat(links.projectId()).isEqualTo("project-standin");
            for (ItemResult item : results.items()) {
                URI url = links.traceUrl(results.run().id(), item);
                assertThat(url.toString()).startsWith(langfuse.host() + "/project/project-standin/traces/");
                String traceId = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
                assertThat(langfuse.traces()).containsKey(traceId);
            }
        }
    }

    @Test
    void noLinksWhenLangfuseIsDownOrTheKeysAreMissing() {
        langfuse.down();
        assertThat(TraceLinks.forWorkspace(workspace, SECRETS, Duration.ofSeconds(2))).isEmpty();
        langfuse.up();
        assertThat(TraceLinks.forWorkspace(workspace, new SecretResolver(Map.of()), Duration.ofSeconds(2))).isEmpty();
        assertThat(TraceLinks.forWorkspace(workspace, SECRETS, Duration.ofSeconds(2))).isPresent();
    }
}
