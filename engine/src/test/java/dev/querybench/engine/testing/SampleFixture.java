package dev.querybench.engine.testing;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.session.WorkspaceSession;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The built-in sample workspace, written into a test's temporary folder. */
public final class SampleFixture {

    private SampleFixture() {}

    public static Workspace workspace(Path folder) {
        return new WorkspaceLoader().load(new SampleWorkspace().materialize(folder));
    }

    public static WorkspaceSession session(Path folder) {
        return WorkspaceSession.open(workspace(folder), new SecretResolver(Map.of()), Clock.systemUTC());
    }
}
