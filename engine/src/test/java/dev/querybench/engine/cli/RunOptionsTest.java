package dev.querybench.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.dataset.Question;
import dev.querybench.engine.run.RunStore;
import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleFixture;
import dev.querybench.engine.testing.SampleScript;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --repeat, --baseline, --fail-under and report generation from a stored run. */
class RunOptionsTest {

    @TempDir
    Path home;
    OpenAiStub stub;
    CliHarness cli;
    List<Question> questions;
    Path ws;

    @BeforeEach
    void setUp() {
        stub = OpenAiStub.start();
        cli = new CliHarness(home, Map.of());
        ws = home.resolve("ws");
        questions = SampleFixture.workspace(ws).dataset().questions().subList(0, 4);
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    private CliHarness.Result run(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--workspace", ws.toString(), "--variants",
                "ddl-basic", "--model", "openai:gpt-4o-mini", "--base-url", stub.baseUrl(), "--questions",
                String.join(",", questions.stream().map(Question::id).toList())));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void repeatsAskEachItemNTimesAndReportConsistency() {
        SampleScript.answerGold(stub, questions);
        CliHarness.Result r = run("--repeat", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(stub.calls()).isEqualTo(12);
        assertThat(r.out()).contains("consistency ddl-basic · openai:gpt-4o-mini: 100.0%");
    }

    @Test
    void failUnderExitsWithProblemsWhenAccuracyIsTooLow() {
        SampleScript.answerGold(stub, questions.subList(0, 2));
        SampleScript.answerWrong(stub, questions.subList(2, 4));
        CliHarness.Result low = run("--fail-under", "0.8");
        assertThat(low.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(low.err()).contains("below --fail-under 0.8", "50.0%");
        assertThat(run("--fail-under", "0.5").exitCode()).isZero();
    }

    @Test
    void aBaselineComparisonListsRegressionsAndImprovements() throws Exception {
        SampleScript.answerGold(stub, questions.subList(0, 2));
        SampleScript.answerWrong(stub, questions.subList(2, 4));
        assertThat(run().exitCode()).isZero();
        String first;
        try (RunStore store = new RunStore(ws.resolve(".querybench/runs.db"))) {
            first = store.runs().getFirst().id();
        }
        stub.close();
        stub = OpenAiStub.start();
        SampleScript.answerWrong(stub, questions.subList(0, 1));
        SampleScript.answerGold(stub, questions.subList(1, 4));
        CliHarness.Result second = run("--baseline", first);
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("vs baseline " + first, "+25.0 pts",
                "improvements [" + questions.get(2).id() + ", " + questions.get(3).id() + "]",
                "regressions [" + questions.get(0).id() + "]");

        CliHarness.Result report = cli.run("report", first, "--workspace", ws.toString(), "--format", "md,html,jsonl",
                "--out", home.resolve("rep").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(home.resolve("rep/summary.md")).content().contains("| ddl-basic | openai:gpt-4o-mini | 2 | 2 | 0 | 50.0%");
        assertThat(home.resolve("rep/report.html")).content().contains("<svg", "Accuracy with 95% interval");
        assertThat(home.resolve("rep/finetune.jsonl")).content().hasLineCount(2).contains("\"role\":\"assistant\"");
    }
}
