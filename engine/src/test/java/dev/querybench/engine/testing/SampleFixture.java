package dev.querybench.engine.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.session.WorkspaceSession;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The built-in sample workspace, written into a test's temporary folder. */
public final class SampleFixture {

    private SampleFixture() {}

    public static Workspace workspace(Path folder) {
        return new WorkspaceLoader().load(new SampleWorkspace().materialize(folder));
    }

    /**
     * The sample workspace in {@code folder} with {@code questions} questions: the sample's own
     * dataset when it has that many, otherwise its questions in turn (ids {@code r000}…, a repeat
     * marked in its text so each prompt differs) as the dataset {@code datasetName}.
     *
     * @return the workspace's root folder
     */
    public static Path withQuestions(Path folder, int questions, String datasetName) throws IOException {
        Path root = new SampleWorkspace().materialize(folder);
        List<Question> sample = new WorkspaceLoader().load(root).dataset().questions();
        if (questions == sample.size()) {
            return root;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < questions; i++) {
            Question q = sample.get(i % sample.size());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", String.format("r%03d", i));
            row.put("question", q.text() + (i < sample.size() ? "" : " (asked again, " + i + ")"));
            row.put("gold", q.gold());
            rows.add(row);
        }
        new ObjectMapper(new YAMLFactory()).writeValue(root.resolve("dataset.yaml").toFile(),
                Map.of("name", datasetName, "questions", rows));
        return root;
    }

    public static WorkspaceSession session(Path folder) {
        return WorkspaceSession.open(workspace(folder), new SecretResolver(Map.of()), Clock.systemUTC());
    }
}
