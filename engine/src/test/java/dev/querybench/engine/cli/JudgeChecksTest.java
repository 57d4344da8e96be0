package dev.querybench.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.testing.OpenAiStub;
import dev.querybench.engine.testing.SampleFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code querybench doctor} and {@code querybench validate models} check the workspace's LLM
 * judge: its model profile against the OpenAI-compatible stub (reachable, key accepted, model
 * offered), labelled as the judge, and its prompt rendered on the sample database.
 */
class JudgeChecksTest {

    private static final String KEY = "sk-judge-0123456789";

    @TempDir
    Path home;
    OpenAiStub stub;
    Path workspace;

    @BeforeEach
    void setUp() {
        stub = OpenAiStub.start().models("gpt-4o-mini", "gpt-4o").requireKey(KEY);
        workspace = SampleFixture.workspace(home.resolve("ws")).root();
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    private void judge(String spec, String judgeSection) throws Exception {
        Path file = workspace.resolve("querybench.yaml");
        String config = Files.readString(file).replace("run:\n", """
                  - name: referee
                    spec: %s
                    baseUrl: %s
                    apiKey: {env: JUDGE_KEY}
                run:
                """.formatted(spec, stub.baseUrl()));
        Files.writeString(file, config + judgeSection + "\n");
    }

    private CliHarness.Result run(String key, String... args) {
        return new CliHarness(home, key == null ? Map.of() : Map.of("JUDGE_KEY", key)).run(args);
    }

    @Test
    void doctorChecksTheJudgesModelAndRendersItsPrompt() throws Exception {
        judge("openai:gpt-4o", "judge: {model: referee}");

        CliHarness.Result r = run(KEY, "doctor", "--workspace", workspace.toString());

        assertThat(r.out()).contains("[ ok ] Judge model referee: reachable in", "gpt-4o available",
                "(openai at " + stub.baseUrl() + ")", "[ ok ] Judge prompt judge-equivalence: renders for question");
        assertThat(r.exitCode()).as("the sample's own two models cannot be used here").isEqualTo(ExitCodes.PROBLEMS);
        assertThat(r.out()).contains("2 warnings (Model gpt-4o-mini, Model ollama-qwen-coder)")
                .doesNotContain("[FAIL]");
        assertThat(stub.calls()).as("checking the judge spends no tokens").isZero();
        assertThat(stub.listCalls()).as("the judge's profile is asked once, not again as the judge").isEqualTo(1);
    }

    @Test
    void aJudgeWhoseKeyIsRefusedOrWhoseModelIsNotOfferedFailsTheDoctorAndValidation() throws Exception {
        judge("openai:gpt-4o", "judge: {model: referee}");

        CliHarness.Result refused = run("sk-wrong-987654321", "doctor", "--workspace", workspace.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(refused.out()).contains("[FAIL] Judge model referee", "or run with --no-judge")
                .doesNotContain("sk-wrong-987654321");

        CliHarness.Result noKey = run(null, "validate", "models", "--workspace", workspace.toString());
        assertThat(noKey.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(noKey.out()).contains("[FAIL] Judge model referee", "JUDGE_KEY is not set", "export JUDGE_KEY");
        assertThat(noKey.out()).as("the prompt renders without the judge's key")
                .contains("[ ok ] Judge prompt judge-equivalence: renders");

        Path file = workspace.resolve("querybench.yaml");
        Files.writeString(file, Files.readString(file).replace("spec: openai:gpt-4o\n", "spec: openai:gpt-5\n"));
        CliHarness.Result unknownModel = run(KEY, "validate", "models", "--workspace", workspace.toString(),
                "--model", "referee");
        assertThat(unknownModel.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(unknownModel.out()).contains("[FAIL] Judge model referee", "model 'gpt-5' is not offered",
                "pick one of: gpt-4o, gpt-4o-mini");
    }

    @Test
    void validateModelsLabelsTheJudgeAndRendersItsPrompt() throws Exception {
        judge("openai:gpt-4o", "judge: {model: referee}");

        CliHarness.Result r = run(KEY, "validate", "models", "--workspace", workspace.toString(), "--model", "referee");

        assertThat(r.out()).contains("[ ok ] referee (openai at " + stub.baseUrl() + ")",
                "[ ok ] Judge model referee: reachable", "[ ok ] Judge prompt judge-equivalence: renders");
        assertThat(r.exitCode()).as(r.out()).isZero();

        CliHarness.Result others = run(KEY, "validate", "models", "--workspace", workspace.toString(), "--model",
                "ollama-qwen-coder");
        assertThat(others.out()).as("--model without the judge leaves it out").doesNotContain("Judge");
    }

    @Test
    void aSwitchedOffJudgeIsNotChecked() throws Exception {
        judge("openai:gpt-4o", "judge: {model: referee, enabled: false}");

        CliHarness.Result r = run(null, "doctor", "--workspace", workspace.toString());

        assertThat(r.out()).doesNotContain("Judge");
    }

    @Test
    void aJudgePromptWhoseResultSampleFailsIsReported() throws Exception {
        judge("openai:gpt-4o", "judge: {model: referee}");
        Path dataset = workspace.resolve("dataset.yaml");
        String text = Files.readString(dataset);
        int gold = text.indexOf("gold:");
        int end = text.indexOf('\n', gold);
        Files.writeString(dataset, text.substring(0, gold) + "gold: SELECT quantity FROM no_such_table"
                + text.substring(end));

        CliHarness.Result r = run(KEY, "doctor", "--workspace", workspace.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(r.out()).contains("[FAIL] Judge prompt judge-equivalence: renders, but a result sample",
                "no_such_table");
    }

    @Test
    void judgeConfigurationProblemsStopBothCommandsWithTheFix() throws Exception {
        judge("openai:gpt-4o", "judge: {model: umpire}");

        CliHarness.Result doctor = run(KEY, "doctor", "--workspace", workspace.toString());
        assertThat(doctor.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(doctor.out()).contains("[FAIL] Workspace: querybench.yaml:31:9: judge.model 'umpire' is not a model"
                + " profile", "→ use one of the names under models:");

        CliHarness.Result validate = run(KEY, "validate", "models", "--workspace", workspace.toString());
        assertThat(validate.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(validate.err()).contains("judge.model 'umpire' is not a model profile", "referee");

        Files.writeString(workspace.resolve("querybench.yaml"), Files.readString(workspace.resolve("querybench.yaml"))
                .replace("judge: {model: umpire}", "judge: {model: referee, prompt: ddl-basic}"));
        CliHarness.Result wrongPrompt = run(KEY, "validate", "models", "--workspace", workspace.toString());
        assertThat(wrongPrompt.err()).contains("judge.prompt 'ddl-basic' is a sql-generation template, not a sql-judge"
                + " one", "judge-equivalence");
    }
}
