package dev.querybench.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.generation.FewShots;
import dev.querybench.engine.prompt.PromptOptions;
import dev.querybench.engine.session.RunRequest;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleFixture;
import dev.querybench.engine.testing.SampleScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The few-shot examples a run withheld (they repeat the asked question or its gold SQL) are in the
 * JSON and HTML reports, as the CLI prints them; a run that withheld none says so in JSON with an
 * empty list and has no such section in HTML.
 */
class FewShotExclusionsReportTest {

    @TempDir
    static Path dir;
    static RunResults results;

    @BeforeAll
    static void run() {
        try (OpenAiStub stub = OpenAiStub.start(); WorkspaceSession session = SampleFixture.session(dir.resolve("ws"))) {
            List<Question> questions = session.workspace().dataset().questions();
            SampleScript.answerGold(stub, questions.subList(0, 2));
            results = session.run(session.plan(new RunRequest(List.of("ddl-basic"), List.of("openai:gpt-4o-mini"),
                    stub.baseUrl(), 2, List.of("q001", "q002"))), RunListener.NONE, new Cancellation());
        }
    }

    /** What the few-shot selection really withheld for an asked question with a near-copy and a same-gold twin. */
    private static Map<String, List<String>> withheld() {
        Question asked = new Question("q001", "How many customers live in Denver?", List.of("SELECT COUNT(*) FROM c"),
                "", List.of(), null);
        FewShots shots = new FewShots(List.of(asked,
                new Question("q090", "how many customers  live in denver", List.of("SELECT 9"), "", List.of(), null),
                new Question("q091", "Count the Denver customers.", List.of("select count(*)\n  from c;"), "",
                        List.of(), null),
                new Question("q092", "How many customers live in Boulder?", List.of("SELECT 3"), "", List.of(), null)));
        shots.select(new PromptOptions.FewShotSpec("similar", 2, 0, List.of()), asked);
        return shots.exclusions();
    }

    @Test
    void jsonAndHtmlListTheWithheldExamples() throws Exception {
        Map<String, List<String>> withheld = withheld();
        assertThat(withheld).containsExactly(Map.entry("q001", List.of("q090", "q091")));
        Path folder = dir.resolve("with");
        List<Path> written = new ReportWriter(ReportDetails.none().withFewShotExclusions(withheld))
                .write(results, folder, List.of("json", "html"));
        assertThat(written).hasSize(2);

        JsonNode doc = new ObjectMapper().readTree(folder.resolve("results.json").toFile());
        JsonNode exclusions = doc.get("fewShotExclusions");
        assertThat(exclusions).hasSize(1);
        assertThat(exclusions.get(0).get("question").asText()).isEqualTo("q001");
        assertThat(exclusions.get(0).get("withheld")).extracting(JsonNode::asText).containsExactly("q090", "q091");

        String html = Files.readString(written.get(1));
        assertThat(html).contains("<section id=\"few-shot-exclusions\"><h2>Few-shot examples withheld</h2>",
                "repeat the asked question or its gold SQL", "<tr><td>q001</td><td>q090, q091</td></tr>");
    }

    @Test
    void aRunThatWithheldNothingSaysSo() throws Exception {
        Path folder = dir.resolve("without");
        List<Path> written = new ReportWriter().write(results, folder, List.of("json", "html"));

        JsonNode doc = new ObjectMapper().readTree(folder.resolve("results.json").toFile());
        assertThat(doc.get("fewShotExclusions")).isNotNull().isEmpty();
        assertThat(Files.readString(written.get(1))).doesNotContain("few-shot-exclusions", "examples withheld");
    }
}
