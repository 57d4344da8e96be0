package dev.querybench.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.sample.SampleWorkspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each case of issue 15 on a copy of the sample workspace: doctor reports it as a failure naming
 * the file, line and column, and run refuses with exactly that message and exit code 3.
 */
class WorkspaceValidationTest {

    @TempDir
    Path home;
    Path ws;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        ws = new SampleWorkspace().materialize(home.resolve("ws"));
        cli = new CliHarness(home, Map.of());
    }

    @Test
    void anUnknownMatchModeIsRefusedAtLoadNotAsAnInternalError() throws Exception {
        edit("querybench.yaml", "matchMode: strict", "matchMode: fuzzy");
        String message = agree();
        assertThat(message).isEqualTo("querybench.yaml:26:3: run.matchMode: unknown match mode 'fuzzy'");
        assertThat(run().err()).contains("use one of strict").doesNotContain("internal error", "Exception");
    }

    @Test
    void aDuplicateKeyIsRefusedWithBothLines() throws Exception {
        append("querybench.yaml", "run:\n  concurrency: 2\n");
        assertThat(agree()).isEqualTo("querybench.yaml:27:1: run: 'run' is set twice (first on line 21); only one"
                + " of them could count");
    }

    @Test
    void aNumberAsDifficultyIsRefused() throws Exception {
        edit("dataset.yaml", "  - id: q001\n    difficulty: easy", "  - id: q001\n    difficulty: 42");
        assertThat(agree()).isEqualTo("dataset.yaml:5:5: questions[0].difficulty: question q001: '42' is not a"
                + " difficulty");
    }

    @Test
    void goldThatChangesDataIsRefused() throws Exception {
        edit("dataset.yaml", "gold: SELECT COUNT(*) FROM customers\n", "gold: DELETE FROM customers\n");
        assertThat(agree()).startsWith("dataset.yaml:8:5: questions[0].gold: the gold SQL of question q001 is not a"
                + " read query");
    }

    @Test
    void goldOnAnUnknownTableOrColumnIsRefusedOnceTheSchemaIsKnown() throws Exception {
        edit("dataset.yaml", "gold: SELECT COUNT(*) FROM customers\n", "gold: SELECT COUNT(*) FROM clients\n");
        CliHarness.Result doctor = doctor();
        assertThat(doctor.out()).contains("[FAIL] Dataset: dataset.yaml:8:5: questions[0].gold: the gold SQL of"
                + " question q001 reads table 'clients', which the database does not have");
        CliHarness.Result run = run();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("error: dataset.yaml:8:5: questions[0].gold: the gold SQL of question q001"
                + " reads table 'clients'");
        edit("dataset.yaml", "FROM clients\n", "FROM customers WHERE shoe_size > 3\n");
        assertThat(doctor().out()).contains("reads column 'shoe_size', which customers does not have");
        assertThat(run().err()).contains("reads column 'shoe_size', which customers does not have");
    }

    @Test
    void aListedVariantThatDoesNotExistOrWhoseFileIsGoneIsRefused() throws Exception {
        edit("querybench.yaml", "variants: [ddl-basic, ddl-samples-hints]", "variants: [ddl-basic, ddl-fancy]");
        assertThat(agree()).isEqualTo("querybench.yaml:12:23: variants[1]: no prompt variant named 'ddl-fancy' in"
                + " prompts");
        edit("querybench.yaml", "ddl-fancy]", "ddl-samples-hints]");
        Files.delete(ws.resolve("prompts/ddl-samples-hints.prompt"));
        assertThat(agree()).startsWith("querybench.yaml:12:23: variants[1]: no prompt variant named"
                + " 'ddl-samples-hints'");
    }

    @Test
    void aTemplateWithoutTheQuestionIsRefused() throws Exception {
        edit("prompts/ddl-basic.prompt", "Question: {{question}}", "Question: (see above)");
        assertThat(agree()).isEqualTo("ddl-basic.prompt:6:1: the template never uses {{question}}, so the model"
                + " would not see the question it must answer");
    }

    @Test
    void aBrokenPromptFileIsNamedByRunAsByDoctor() throws Exception {
        edit("prompts/ddl-basic.prompt", "name: ddl-basic", "name: ddl-basic\nrepair: many");
        String message = agree();
        assertThat(message).isEqualTo("ddl-basic.prompt:4:1: repair should be a whole number from 0 to 10,"
                + " not 'many'");
        assertThat(run().err()).doesNotContain("no prompt variant named", "For input string");
    }

    @Test
    void promptLineNumbersCountTheFrontMatter() throws Exception {
        edit("prompts/ddl-basic.prompt", "Database schema:\n{{schema}}", "Database schema:\n{{schemaa}}");
        // line 9 of the file: four front matter lines, the body's fourth line
        assertThat(agree()).startsWith("ddl-basic.prompt:9:1: unknown variable {{schemaa}}");
    }

    @Test
    void anUnknownKeyIsReportedOnItsOwnLine() throws Exception {
        edit("querybench.yaml", "  rowCap: 10000", "  rowCapp: 10000");
        assertThat(agree()).startsWith("querybench.yaml:25:3: run.rowCapp: unknown setting 'rowCapp' in run");
        edit("querybench.yaml", "  rowCapp: 10000", "  rowCap: 10000");
        edit("querybench.yaml", "  concurrency: 4", "  concurrency: 4\n  colour: blue");
        assertThat(agree()).startsWith("querybench.yaml:24:3: run.colour: unknown setting 'colour' in run");
    }

    @Test
    void typeErrorsAndBinaryFilesAreExplainedWithoutJavaOrParserWords() throws Exception {
        edit("querybench.yaml", "models:\n  - name: gpt-4o-mini", "models: gpt-4o\nunused:\n  - name: gpt-4o-mini");
        String models = agree();
        assertThat(models).isEqualTo("querybench.yaml:13:1: models: this should be a list, not 'gpt-4o'");
        assertThat(run().err()).doesNotContain("java.", "Cannot deserialize", "JsonToken", "ArrayList");

        Files.write(ws.resolve("querybench.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, 0x28, '\n'});
        String binary = agree();
        assertThat(binary).startsWith("querybench.yaml:1:7: the file is not UTF-8 text");
        assertThat(run().err()).contains("save the file as UTF-8").doesNotContain("Input length", "permissions");
    }

    @Test
    void aKeyInABaseUrlIsRefusedAndNeverPrinted() throws Exception {
        edit("querybench.yaml", "baseUrl: http://localhost:11434", "baseUrl: http://me:sk-secret-123456@localhost:11434");
        String message = agree();
        assertThat(message).startsWith("querybench.yaml:20:5: models[1].baseUrl: the URL holds a user name or key");
        assertThat(doctor().out() + run().err()).doesNotContain("sk-secret-123456");
        edit("querybench.yaml", "http://me:sk-secret-123456@localhost:11434", "http://localhost:11434/?api_key=abc123");
        assertThat(agree()).contains("the URL holds a 'api_key=' parameter");
        assertThat(doctor().out() + run().err()).doesNotContain("abc123");
    }

    // ---- helpers

    private CliHarness.Result doctor() {
        return cli.run("doctor", "--workspace", ws.toString());
    }

    private CliHarness.Result run() {
        return cli.run("run", "--workspace", ws.toString());
    }

    /** Doctor's failure and run's refusal: the same message; run exits 3. Returns the message. */
    private String agree() {
        CliHarness.Result doctor = doctor();
        CliHarness.Result run = run();
        assertThat(doctor.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.CONFIG);
        String failure = doctor.out().lines().filter(l -> l.startsWith("[FAIL]")).findFirst().orElseThrow();
        String message = failure.substring(failure.indexOf(": ") + 2);
        String refusal = run.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow();
        assertThat(refusal.substring("error: ".length())).isEqualTo(message);
        return message;
    }

    private void edit(String file, String from, String to) throws Exception {
        Path path = ws.resolve(file);
        String text = Files.readString(path);
        assertThat(text).contains(from);
        Files.writeString(path, text.replace(from, to));
    }

    private void append(String file, String text) throws Exception {
        Files.writeString(ws.resolve(file), text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }
}
