package dev.querybench.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.runs.JudgeOption;
import dev.querybench.app.runs.ModelChoice;
import dev.querybench.app.runs.RunPhase;
import dev.querybench.app.runs.RunViewModel;
import dev.querybench.app.runs.RunsViewModel;
import dev.querybench.app.testing.RecordingDialogs;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.app.text.VerdictKind;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.LangfuseStandIn;
import dev.querybench.engine.testing.OpenAiStub;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison of a run judged by the stub acting as LLM judge, in a workspace that traces to the
 * Langfuse stand-in: the judge's verdicts and disagreements, and the links to the traces.
 */
class JudgedComparisonViewModelTest {

    private static final String STUB_MODEL = "openai:gpt-4o-mini";

    @TempDir
    Path home;

    private OpenAiStub stub;
    private LangfuseStandIn langfuse;
    private WorkspaceSession session;
    private RunsViewModel runs;
    private ComparisonViewModel vm;

    @BeforeEach
    void runBothVariantsJudged() throws Exception {
        stub = OpenAiStub.start();
        langfuse = LangfuseStandIn.start();
        Path folder = new SampleWorkspace().materialize(home.resolve("sample-workspace"));
        Path yaml = folder.resolve(Workspace.CONFIG_FILE);
        Files.writeString(yaml, Files.readString(yaml) + """
                langfuse:
                  host: %s
                  publicKey: {env: LANGFUSE_PUBLIC_KEY}
                  secretKey: {env: LANGFUSE_SECRET_KEY}
                """.formatted(langfuse.host()));
        Workspace workspace = new WorkspaceLoader().load(folder);
        SampleFixture.scriptJudged(stub, workspace);
        SecretResolver secrets = new SecretResolver(Map.of("LANGFUSE_PUBLIC_KEY", LangfuseStandIn.PUBLIC_KEY,
                "LANGFUSE_SECRET_KEY", LangfuseStandIn.SECRET_KEY));
        session = WorkspaceSession.open(workspace, secrets, Clock.systemUTC());
        ImmediateTaskRunner tasks = new ImmediateTaskRunner();
        List<ModelChoice> models = ModelChoice.of(workspace, secrets, STUB_MODEL, stub.baseUrl());
        RunViewModel runScreen = new RunViewModel(workspace, session, models, tasks, new RecordingDialogs());
        runScreen.setup().selectedJudgeProperty().set(runScreen.setup().judges().stream()
                .filter(j -> j.label().equals("Judge with " + STUB_MODEL)).findFirst().orElseThrow());
        runs = new RunsViewModel(session, runScreen, tasks);
        runs.activate();
        runScreen.startRun();
        assertThat(runScreen.phaseProperty().get()).isEqualTo(RunPhase.FINISHED);
        runs.compareLatest();
        vm = runs.comparisons().getFirst();
    }

    @AfterEach
    void close() {
        runs.deactivate();
        session.close();
        langfuse.close();
        stub.close();
    }

    private MatrixRow row(String questionId) {
        return vm.rows().stream().filter(r -> r.questionId().equals(questionId)).findFirst().orElseThrow();
    }

    @Test
    void cardsCarryTheAgreementAndTheMatrixMarksAndFiltersWhereTheJudgeDisagrees() {
        assertThat(vm.judged()).isTrue();
        assertThat(vm.strip().cards()).extracting(CompareCard::judgeText).containsExactly(
                "judge agrees with execution on 53/53",
                "judge agrees with execution on 52/53 · 1 FAIL judged equivalent");
        assertThat(vm.filters()).contains(MatrixFilter.JUDGE_DISAGREES);

        MatrixRow q017 = row("q017");
        assertThat(q017.cell(1).verdict()).isEqualTo(VerdictKind.FAIL);
        assertThat(q017.cell(1).judge()).isEqualTo("equivalent");
        assertThat(q017.cell(1).judgeDisagrees()).isTrue();
        assertThat(q017.cell(1).marks()).contains(MatrixCell.JUDGE_DISAGREES_MARK);
        assertThat(q017.cell(0).judge()).isEqualTo("not equivalent");
        assertThat(q017.cell(0).marks()).doesNotContain(MatrixCell.JUDGE_DISAGREES_MARK);
        assertThat(row("q010").cell(0).judge()).isEqualTo("unsure");
        assertThat(row("q010").cell(0).judgeDisagrees()).isFalse();

        vm.filterProperty().set(MatrixFilter.JUDGE_DISAGREES);
        assertThat(vm.visibleRows()).extracting(MatrixRow::questionId).containsExactly("q017");
        assertThat(vm.matrixSummaryProperty().get()).isEqualTo("1 of 54 questions");
    }

    @Test
    void theDetailShowsTheJudgeApartFromExecutionAndSaysPlainlyWhenTheyDisagree() {
        vm.select(row("q017"), 1);
        assertThat(vm.detail().detailVerdictProperty().get()).isEqualTo(VerdictKind.FAIL);
        assertThat(vm.detail().judgeShownProperty().get()).isTrue();
        assertThat(vm.detail().judgeDecisionProperty().get()).isEqualTo("equivalent");
        assertThat(vm.detail().judgeTextProperty().get()).isEqualTo(STUB_MODEL + " · score 0.85");
        assertThat(vm.detail().judgeRationaleProperty().get()).isEqualTo(SampleFixture.JUDGE_EQUIVALENT_RATIONALE);
        assertThat(vm.detail().judgeConflictProperty().get())
                .isEqualTo("Execution: FAIL (wrong_columns) · Judge: equivalent — worth checking the gold");

        vm.select(row("q017"), 0);
        assertThat(vm.detail().judgeDecisionProperty().get()).isEqualTo("not equivalent");
        assertThat(vm.detail().judgeRationaleProperty().get()).startsWith("The prediction returns a constant string");
        assertThat(vm.detail().judgeConflictProperty().get()).isEmpty();

        vm.select(row("q010"), 1);
        assertThat(vm.detail().detailVerdictProperty().get()).isEqualTo(VerdictKind.PASS);
        assertThat(vm.detail().judgeDecisionProperty().get()).isEqualTo("unsure");
        assertThat(vm.detail().judgeConflictProperty().get()).isEmpty();

        vm.clearSelection();
        assertThat(vm.detail().judgeShownProperty().get()).isFalse();
    }

    @Test
    void eachItemLinksToTheTraceLangfuseReceivedAndTheProjectIsAskedOnce() throws Exception {
        vm.select(row("q017"), 1);
        assertThat(vm.detail().traceShownProperty().get()).isTrue();
        URI trace = vm.selectedTraceUri();
        assertThat(trace.toString()).startsWith(langfuse.host() + "/project/project-standin/traces/");
        String traceId = trace.getPath().substring(trace.getPath().lastIndexOf('/') + 1);
        // Traces are sent in the background.
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (langfuse.traces().size() < 108 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(langfuse.traces()).containsKey(traceId);
        assertThat(langfuse.traces().get(traceId).toString()).contains("q017").contains("ddl-samples-hints");

        vm.select(row("q001"), 0);
        URI other = vm.selectedTraceUri();
        assertThat(other).isNotEqualTo(trace);
        assertThat(langfuse.traces()).containsKey(other.getPath().substring(other.getPath().lastIndexOf('/') + 1));
        assertThat(langfuse.requests()).filteredOn(r -> r.equals("GET /api/public/projects")).hasSize(1);
    }
}
