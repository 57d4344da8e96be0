package dev.querybench.engine.tracing.langfuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.testing.LangfuseStandIn;
import dev.querybench.engine.testing.SampleFixture;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The files {@code querybench langfuse setup} writes, and its start/wait/link steps. */
class LangfuseSetupTest {

    /** Secrets that public Langfuse examples ship with; none may appear in what setup writes. */
    private static final List<String> KNOWN_DEFAULTS = List.of("mysalt", "0".repeat(64), "mysecret", "miniosecret",
            "myredissecret", "changeme", "password", "secret", "postgres", "clickhouse", "minio");

    @TempDir
    Path dir;

    private SelfHostedLangfuse.Written write(Path folder) {
        return new SelfHostedLangfuse(new SecureRandom())
                .write(new SelfHostedLangfuse.Options(folder, 3000, 9090, "admin@example.org"));
    }

    @Test
    void theComposeFileHasEveryServicePinnedHealthCheckedAndBoundToLocalhost() throws Exception {
        SelfHostedLangfuse.Written written = write(dir.resolve("lf"));
        String text = Files.readString(written.composeFile());
        Map<String, Object> compose = yaml(text);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services.keySet()).containsExactlyInAnyOrder("langfuse-web", "langfuse-worker", "postgres",
                "clickhouse", "redis", "minio");
        for (var service : services.entrySet()) {
            String image = (String) service.getValue().get("image");
            assertThat(image).as(service.getKey()).matches(".+:[A-Za-z0-9._-]+").doesNotEndWith(":latest")
                    .isEqualTo(SelfHostedLangfuse.IMAGES.get(service.getKey()));
            Object ports = service.getValue().get("ports");
            if (ports != null) {
                assertThat((List<?>) ports).allSatisfy(p -> assertThat(p.toString()).startsWith("127.0.0.1:"));
            }
            Object depends = service.getValue().get("depends_on");
            if (depends != null) {
                for (Object target : ((Map<?, ?>) depends).keySet()) {
                    assertThat(services.get(target.toString())).as("%s depends on %s", service.getKey(), target)
                            .containsKey("healthcheck");
                }
            }
        }
        assertThat(services.get("langfuse-web").get("image")).isEqualTo("langfuse/langfuse:3");
        assertThat(services.get("langfuse-worker").get("image")).isEqualTo("langfuse/langfuse-worker:3");
        @SuppressWarnings("unchecked")
        Map<String, Object> webEnv = (Map<String, Object>) services.get("langfuse-web").get("environment");
        assertThat(webEnv).containsKeys("DATABASE_URL", "SALT", "ENCRYPTION_KEY", "NEXTAUTH_SECRET", "NEXTAUTH_URL",
                "CLICKHOUSE_PASSWORD", "REDIS_AUTH", "LANGFUSE_S3_EVENT_UPLOAD_SECRET_ACCESS_KEY",
                "LANGFUSE_INIT_ORG_ID", "LANGFUSE_INIT_PROJECT_ID", "LANGFUSE_INIT_PROJECT_PUBLIC_KEY",
                "LANGFUSE_INIT_PROJECT_SECRET_KEY", "LANGFUSE_INIT_USER_EMAIL", "LANGFUSE_INIT_USER_PASSWORD");
        @SuppressWarnings("unchecked")
        Map<String, Object> volumes = (Map<String, Object>) compose.get("volumes");
        assertThat(volumes).containsKeys("langfuse_postgres_data", "langfuse_clickhouse_data", "langfuse_minio_data");

        Map<String, String> env = EnvFile.read(written.envFile());
        Matcher reference = Pattern.compile("\\$\\{([A-Z_]+)(:?[?-][^}]*)?}").matcher(text);
        while (reference.find()) {
            String variable = reference.group(1);
            boolean hasDefault = reference.group(2) != null && reference.group(2).startsWith(":-");
            assertThat(hasDefault || env.containsKey(variable)).as("${%s} is defined in .env", variable).isTrue();
            if (SelfHostedLangfuse.SECRET_VARIABLES.contains(variable)) {
                assertThat(hasDefault).as("secret %s has no default", variable).isFalse();
            }
        }
    }

    @Test
    void theEnvFileHoldsFreshDistinctSecretsAndHeadlessInit() throws Exception {
        SelfHostedLangfuse.Written first = write(dir.resolve("one"));
        SelfHostedLangfuse.Written second = write(dir.resolve("two"));
        Map<String, String> a = EnvFile.read(first.envFile());
        Map<String, String> b = EnvFile.read(second.envFile());
        assertThat(a.get("ENCRYPTION_KEY")).matches("[0-9a-f]{64}");
        assertThat(a.get(SelfHostedLangfuse.PUBLIC_KEY_VARIABLE)).startsWith("pk-lf-");
        assertThat(a.get(SelfHostedLangfuse.SECRET_KEY_VARIABLE)).startsWith("sk-lf-");
        assertThat(a).containsKeys("LANGFUSE_INIT_ORG_ID", "LANGFUSE_INIT_PROJECT_ID", "LANGFUSE_INIT_USER_EMAIL")
                .containsEntry("LANGFUSE_INIT_USER_EMAIL", "admin@example.org");
        List<String> secrets = SelfHostedLangfuse.SECRET_VARIABLES.stream().map(a::get).toList();
        assertThat(secrets).doesNotContainNull().allSatisfy(s -> assertThat(s.length()).isGreaterThanOrEqualTo(24));
        assertThat(new HashSet<>(secrets)).as("no secret is used twice").hasSize(secrets.size());
        Set<String> all = new HashSet<>(secrets);
        SelfHostedLangfuse.SECRET_VARIABLES.forEach(v -> assertThat(all).doesNotContain(b.get(v)));
        for (String value : secrets) {
            assertThat(KNOWN_DEFAULTS).doesNotContain(value);
        }
        String compose = Files.readString(first.composeFile());
        secrets.forEach(s -> assertThat(compose).doesNotContain(s));
        for (String d : List.of("mysalt", "0".repeat(64), "mysecret", "miniosecret", "myredissecret", "CHANGEME")) {
            assertThat(compose).doesNotContain(d);
        }
        assertThat(Files.readString(first.envFile().resolveSibling(".gitignore"))).contains(".env");
        if (Files.getFileStore(first.envFile()).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.envFile())))
                    .isEqualTo("rw-------");
        }
        assertThatThrownBy(() -> write(dir.resolve("one"))).hasMessageContaining("already exists");
    }

    @Test
    void dockerComposeParsesTheFilesWithoutAnEngine() throws Exception {
        Optional<List<String>> compose = composeCommand();
        assumeTrue(compose.isPresent(), "neither docker-compose nor the docker compose plugin is installed here;"
                + " install Debian's docker-compose to run this check");
        SelfHostedLangfuse.Written written = write(dir.resolve("lf"));
        List<String> command = new ArrayList<>(compose.get());
        command.addAll(List.of("-p", SelfHostedLangfuse.PROJECT, "--env-file", written.envFile().toString(), "-f",
                written.composeFile().toString(), "config"));
        Result ok = exec(command);
        assertThat(ok.code()).as(ok.output()).isZero();
        SelfHostedLangfuse.IMAGES.values().forEach(image -> assertThat(ok.output()).contains(image));

        Path empty = Files.writeString(dir.resolve("empty.env"), "");
        List<String> withoutSecrets = new ArrayList<>(compose.get());
        withoutSecrets.addAll(List.of("-p", SelfHostedLangfuse.PROJECT, "--env-file", empty.toString(), "-f",
                written.composeFile().toString(), "config"));
        Result refused = exec(withoutSecrets);
        assertThat(refused.code()).as("without the env file there are no secrets, so no config").isNotZero();
        assertThat(refused.output()).contains("set in .env");
    }

    @Test
    void setupStartsWithDockerWaitsForHealthAndLinksTheWorkspaceByReference() throws Exception {
        List<List<String>> ran = new ArrayList<>();
        LangfuseSetup setup = new LangfuseSetup((command, timeout) -> {
            ran.add(command);
            return 0;
        });
        Workspace ws = SampleFixture.workspace(dir.resolve("ws"));
        SelfHostedLangfuse.Written written = write(ws.stateFolder().resolve(LangfuseSetup.FOLDER));
        assertThat(setup.dockerAvailable()).isTrue();
        assertThat(setup.start(written)).isTrue();
        assertThat(ran.getLast()).containsSubsequence("docker", "compose", "up", "-d")
                .contains(written.composeFile().toString());

        LangfuseSetup.linkWorkspace(ws, written.host(), written.envFile());
        LangfuseSetup.linkWorkspace(ws, "http://localhost:3111", written.envFile());
        String yaml = Files.readString(ws.root().resolve("querybench.yaml"));
        assertThat(yaml.split("\nlangfuse:", -1)).hasSize(2);
        assertThat(yaml).contains("host: http://localhost:3111", "envFile: .querybench/langfuse-server/.env",
                "{env: LANGFUSE_INIT_PROJECT_SECRET_KEY}").doesNotContain("pk-lf-").doesNotContain("sk-lf-");
        Workspace linked = new WorkspaceLoader().load(ws.root());
        LangfuseEndpoint endpoint = LangfuseConnections.resolve(linked, new SecretResolver(Map.of())).orElseThrow();
        assertThat(endpoint.secretKey()).isEqualTo(EnvFile.read(written.envFile())
                .get(SelfHostedLangfuse.SECRET_KEY_VARIABLE));
        assertThat(endpoint.toString()).doesNotContain(endpoint.secretKey());

        LangfuseSetup noDocker = new LangfuseSetup((command, timeout) -> {
            throw new IOException("docker: not found");
        });
        assertThat(noDocker.dockerAvailable()).isFalse();
        assertThat(noDocker.start(written)).isFalse();

        try (LangfuseStandIn langfuse = LangfuseStandIn.start()) {
            assertThat(LangfuseSetup.awaitHealthy(langfuse.host(), Duration.ofSeconds(2), Duration.ofMillis(50))).isTrue();
            langfuse.down();
            assertThat(LangfuseSetup.awaitHealthy(langfuse.host(), Duration.ofMillis(200), Duration.ofMillis(50)))
                    .isFalse();
        }
    }

    private record Result(int code, String output) {}

    private static Result exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private static Optional<List<String>> composeCommand() {
        for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dirName, "docker-compose"))) {
                return Optional.of(List.of(Path.of(dirName, "docker-compose").toString()));
            }
        }
        try {
            if (exec(List.of("docker", "compose", "version")).code() == 0) {
                return Optional.of(List.of("docker", "compose"));
            }
        } catch (Exception e) {
            // no docker client
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }
}
