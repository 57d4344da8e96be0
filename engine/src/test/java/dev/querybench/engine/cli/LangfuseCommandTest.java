package dev.querybench.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.prompt.PromptTemplate;
import dev.querybench.engine.testing.LangfuseStandIn;
import dev.querybench.engine.testing.SampleFixture;
import dev.querybench.engine.tracing.langfuse.EnvFile;
import dev.querybench.engine.tracing.langfuse.LangfuseSetup;
import dev.querybench.engine.tracing.langfuse.PromptFileLinks;
import dev.querybench.engine.tracing.langfuse.SelfHostedLangfuse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code querybench langfuse …} in-process against the Langfuse stand-in. */
class LangfuseCommandTest {

    private static final Map<String, String> KEYS = Map.of("LANGFUSE_PUBLIC_KEY", LangfuseStandIn.PUBLIC_KEY,
            "LANGFUSE_SECRET_KEY", LangfuseStandIn.SECRET_KEY);

    @TempDir
    Path home;
    LangfuseStandIn langfuse;
    Path ws;
    CliHarness cli;

    @BeforeEach
    void setUp() throws Exception {
        langfuse = LangfuseStandIn.start();
        ws = home.resolve("ws");
        SampleFixture.workspace(ws);
        cli = new CliHarness(home, KEYS);
    }

    @AfterEach
    void tearDown() {
        langfuse.close();
    }

    private void link() throws IOException {
        Files.writeString(ws.resolve("querybench.yaml"), Files.readString(ws.resolve("querybench.yaml"))
                + "langfuse:\n  host: " + langfuse.host()
                + "\n  publicKey: {env: LANGFUSE_PUBLIC_KEY}\n  secretKey: {env: LANGFUSE_SECRET_KEY}\n");
    }

    @Test
    void helpListsTheLangfuseCommands() {
        CliHarness.Result r = cli.run("langfuse", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("setup", "validate", "health", "pull-prompt", "push-prompt", "push-dataset");
        assertThat(cli.run("--help").out()).contains("langfuse");
    }

    @Test
    void setupWithoutDockerWritesTheFilesLinksTheWorkspaceAndPrintsTheCommand() throws Exception {
        CliHarness.Result r = run(new ArrayList<>(), (command, timeout) -> {
            throw new IOException("docker: not found");
        }, "setup", "--workspace", ws.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path folder = ws.resolve(".querybench").resolve(LangfuseSetup.FOLDER);
        assertThat(r.out()).contains("Docker is not available", "docker compose -p querybench-langfuse --env-file",
                "querybench langfuse validate");
        Map<String, String> env = EnvFile.read(folder.resolve(".env"));
        for (String secret : SelfHostedLangfuse.SECRET_VARIABLES) {
            assertThat(r.out() + r.err()).doesNotContain(env.get(secret));
        }
        assertThat(Files.readString(ws.resolve("querybench.yaml"))).contains("envFile: .querybench/langfuse-server/.env")
                .doesNotContain(env.get(SelfHostedLangfuse.SECRET_KEY_VARIABLE));
        assertThat(new WorkspaceLoader().load(ws).config().langfuse().hostOrDefault()).isEqualTo("http://localhost:3000");

        CliHarness.Result again = cli.run("langfuse", "setup", "--workspace", ws.toString(), "--no-start");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void setupWithDockerStartsItAndWaitsUntilHealthy() {
        int port = Integer.parseInt(langfuse.host().substring(langfuse.host().lastIndexOf(':') + 1));
        List<List<String>> commands = new ArrayList<>();
        CliHarness.Result r = run(commands, (command, timeout) -> 0, "setup", "--workspace", ws.toString(),
                "--port", String.valueOf(port), "--wait", "5");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(commands).anySatisfy(c -> assertThat(c).containsSubsequence("up", "-d"));
        assertThat(r.out()).contains("Langfuse is up at http://localhost:" + port, "LANGFUSE_INIT_USER_PASSWORD");
    }

    @Test
    void validateAndHealthReportEachStep() throws Exception {
        link();
        CliHarness.Result ok = cli.run("langfuse", "validate", "--workspace", ws.toString(), "--poll-seconds", "3");
        assertThat(ok.exitCode()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("[ ok ] Langfuse health", "[ ok ] Langfuse authentication",
                "[ ok ] Langfuse project access", "[ ok ] Langfuse trace round trip", "Langfuse is ready");

        CliHarness.Result health = cli.run("langfuse", "health", "--workspace", ws.toString(), "--watch", "--count", "2",
                "--interval", "1");
        assertThat(health.exitCode()).isZero();
        assertThat(health.out().lines().filter(l -> l.contains(" OK "))).hasSize(2);

        CliHarness.Result wrongKeys = new CliHarness(home, Map.of("LANGFUSE_PUBLIC_KEY", "pk-lf-x",
                "LANGFUSE_SECRET_KEY", "sk-lf-not-the-key")).run("langfuse", "validate", "--workspace", ws.toString());
        assertThat(wrongKeys.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(wrongKeys.out()).contains("[FAIL] Langfuse authentication").doesNotContain("sk-lf-not-the-key");

        langfuse.down();
        CliHarness.Result down = cli.run("langfuse", "health", "--workspace", ws.toString());
        assertThat(down.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(down.out()).contains("DOWN");
    }

    @Test
    void promptsArePulledAndPushedWithTheirVersionRecorded() throws Exception {
        link();
        langfuse.addPrompt("sql/basic", "Schema:\n{{schema}}\n\nQuestion: {{question}}\n\nAnswer with SQL.",
                List.of("production"), null);
        langfuse.addPrompt("sql/basic", "Schema:\n{{schema}}\nQuestion: {{question}}\nSQL only.", List.of("staging"),
                null);
        CliHarness.Result pulled = cli.run("langfuse", "pull-prompt", "sql/basic", "--workspace", ws.toString());
        assertThat(pulled.exitCode()).as(pulled.err()).isZero();
        assertThat(pulled.out()).contains("version 1");
        CliHarness.Result staging = cli.run("langfuse", "pull-prompt", "sql/basic", "--label", "staging", "--as",
                "basic-staging", "--workspace", ws.toString());
        assertThat(staging.out()).contains("version 2");
        CliHarness.Result exists = cli.run("langfuse", "pull-prompt", "sql/basic", "--version", "2", "--workspace",
                ws.toString());
        assertThat(exists.exitCode()).isEqualTo(ExitCodes.CONFIG);

        Workspace loaded = new WorkspaceLoader().load(ws);
        assertThat(loaded.prompts().problems()).isEmpty();
        PromptTemplate basic = loaded.prompts().template("sql-basic").orElseThrow();
        PromptFileLinks links = new PromptFileLinks(ws.resolve("prompts"));
        assertThat(links.of(basic)).hasValueSatisfying(ref -> {
            assertThat(ref.name()).isEqualTo("sql/basic");
            assertThat(ref.version()).isEqualTo(1);
            assertThat(ref.modifiedLocally()).isFalse();
        });

        CliHarness.Result pushed = cli.run("langfuse", "push-prompt", "ddl-basic", "--label", "production", "-m",
                "from QueryBench", "--workspace", ws.toString());
        assertThat(pushed.exitCode()).as(pushed.err()).isZero();
        assertThat(langfuse.prompts("ddl-basic")).hasSize(1);
        JsonNode created = langfuse.prompts("ddl-basic").getFirst();
        assertThat(created.path("config").path("querybench").path("task").asText()).isEqualTo("sql-generation");
        assertThat(created.path("commitMessage").asText()).isEqualTo("from QueryBench");
        cli.run("langfuse", "push-prompt", "ddl-basic", "--workspace", ws.toString());
        assertThat(langfuse.prompts("ddl-basic")).hasSize(2);
        PromptTemplate ddl = new WorkspaceLoader().load(ws).prompts().template("ddl-basic").orElseThrow();
        assertThat(links.of(ddl)).hasValueSatisfying(ref -> assertThat(ref.version()).isEqualTo(2));

        Path file = ws.resolve("prompts").resolve(ddl.source());
        Files.writeString(file, Files.readString(file) + "\nAlways alias aggregates.\n");
        PromptTemplate edited = new WorkspaceLoader().load(ws).prompts().template("ddl-basic").orElseThrow();
        assertThat(links.of(edited)).hasValueSatisfying(ref -> assertThat(ref.modifiedLocally()).isTrue());
        assertThat(langfuse.violations()).isEmpty();
    }

    @Test
    void pushDatasetCreatesOneItemPerQuestion() throws Exception {
        link();
        CliHarness.Result r = cli.run("langfuse", "push-dataset", "--workspace", ws.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Workspace loaded = new WorkspaceLoader().load(ws);
        assertThat(langfuse.datasets()).containsOnlyKeys(loaded.dataset().name());
        assertThat(langfuse.datasetItems()).hasSize(loaded.dataset().size());
        JsonNode item = langfuse.datasetItems().values().iterator().next();
        assertThat(item.path("expectedOutput").path("sql").asText()).isNotBlank();
        assertThat(langfuse.violations()).isEmpty();

        CliHarness.Result noSection = new CliHarness(home, KEYS).run("langfuse", "push-dataset", "--workspace",
                home.resolve("sample-plain").toString());
        assertThat(noSection.exitCode()).isEqualTo(ExitCodes.CONFIG);
    }

    private CliHarness.Result run(List<List<String>> commands, LangfuseSetup.CommandRunner runner, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(KEYS, home, new PrintWriter(out, true),
                new PrintWriter(err, true), false, Clock.systemUTC());
        LangfuseSetup.CommandRunner recording = (command, timeout) -> {
            commands.add(command);
            return runner.run(command, timeout);
        };
        int code = LangfuseCommand.commandLine(environment, recording)
                .setExecutionExceptionHandler((e, c, p) -> {
                    err.write("error: " + e.getMessage());
                    return ExitCodes.CONFIG;
                })
                .execute(args);
        return new CliHarness.Result(code, out.toString(), err.toString());
    }

    static SecretResolver none() {
        return new SecretResolver(Map.of());
    }
}
