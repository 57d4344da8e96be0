package dev.querybench.engine.tracing.langfuse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes what a self-hosted Langfuse v3 needs to run with Docker Compose: a compose file (web,
 * worker, PostgreSQL, ClickHouse, Redis, MinIO, with pinned image tags, health checks, data in
 * named volumes, ports bound to 127.0.0.1 only) and an env file with freshly generated secrets
 * and Langfuse's headless initialisation (organisation, project, project keys, first user).
 * Secrets come from {@link SecureRandom}; the compose file holds none (it refers to the env
 * file's variables, and refuses to start without them). The env file is readable by its owner
 * only where the file system allows. Thread-safe.
 */
public final class SelfHostedLangfuse {

    public static final String COMPOSE_FILE = "docker-compose.yml";
    public static final String ENV_FILE = ".env";
    private static final String COMPOSE_TEMPLATE = "langfuse-compose.yml";
    /** The compose project name. */
    public static final String PROJECT = "querybench-langfuse";

    /** The env variables that hold the project keys, referenced from querybench.yaml. */
    public static final String PUBLIC_KEY_VARIABLE = "LANGFUSE_INIT_PROJECT_PUBLIC_KEY";
    public static final String SECRET_KEY_VARIABLE = "LANGFUSE_INIT_PROJECT_SECRET_KEY";

    /** Image tags: Langfuse pinned to its major version 3, the others to a release line. */
    public static final Map<String, String> IMAGES = Map.of(
            "langfuse-web", "langfuse/langfuse:3",
            "langfuse-worker", "langfuse/langfuse-worker:3",
            "postgres", "postgres:17",
            "clickhouse", "clickhouse/clickhouse-server:25.8",
            "redis", "redis:7",
            "minio", "minio/minio:RELEASE.2025-04-22T22-12-26Z");

    /** Env variables whose values are generated secrets. */
    public static final List<String> SECRET_VARIABLES = List.of("SALT", "ENCRYPTION_KEY", "NEXTAUTH_SECRET",
            "POSTGRES_PASSWORD", "CLICKHOUSE_PASSWORD", "REDIS_AUTH", "MINIO_ROOT_PASSWORD", PUBLIC_KEY_VARIABLE,
            SECRET_KEY_VARIABLE, "LANGFUSE_INIT_USER_PASSWORD");

    private final SecureRandom random;

    public SelfHostedLangfuse(SecureRandom random) {
        this.random = random;
    }

    /**
     * What to write.
     *
     * @param folder where the files go (created when missing)
     * @param port the host port of Langfuse's web UI and API (bound to 127.0.0.1)
     * @param storagePort the host port of MinIO's S3 API, for media uploads from the browser
     * @param userEmail the first user's e-mail address
     */
    public record Options(Path folder, int port, int storagePort, String userEmail) {

        public Options {
            if (port < 1 || port > 65535 || storagePort < 1 || storagePort > 65535 || port == storagePort) {
                throw new IllegalArgumentException("ports must be two different numbers between 1 and 65535");
            }
            if (userEmail == null || !userEmail.matches("[^@\\s]+@[^@\\s]+")) {
                throw new IllegalArgumentException("'" + userEmail + "' is not an e-mail address");
            }
        }

        public String host() {
            return "http://localhost:" + port;
        }
    }

    /**
     * What was written.
     *
     * @param composeFile the compose file
     * @param envFile the env file with the secrets
     * @param host the URL Langfuse will answer on
     * @param userEmail the first user's e-mail address (the password is in the env file)
     */
    public record Written(Path composeFile, Path envFile, String host, String userEmail) {

        /** The command that starts it. */
        public List<String> upCommand() {
            return List.of("docker", "compose", "-p", PROJECT, "--env-file", envFile.toString(), "-f",
                    composeFile.toString(), "up", "-d");
        }
    }

    /**
     * Writes the compose file, the env file and a {@code .gitignore} that keeps the env file out
     * of version control.
     *
     * @throws IllegalStateException when an env file is already there (its secrets protect existing data)
     */
    public Written write(Options options) {
        Path compose = options.folder().resolve(COMPOSE_FILE);
        Path env = options.folder().resolve(ENV_FILE);
        if (Files.exists(env)) {
            throw new IllegalStateException(env + " already exists; its secrets protect the data of that Langfuse."
                    + " Use it as it is (docker compose up -d in " + options.folder() + "), or remove the folder to"
                    + " start afresh");
        }
        try {
            Files.createDirectories(options.folder());
            Files.writeString(compose, composeFile());
            Files.writeString(options.folder().resolve(".gitignore"), ENV_FILE + "\n");
            writePrivately(env, envFile(options));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Langfuse files in " + options.folder(), e);
        }
        return new Written(compose, env, options.host(), options.userEmail());
    }

    /** The env file's text: generated secrets and the headless initialisation. */
    String envFile(Options options) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("LANGFUSE_PORT", String.valueOf(options.port()));
        values.put("LANGFUSE_STORAGE_PORT", String.valueOf(options.storagePort()));
        values.put("NEXTAUTH_URL", options.host());
        values.put("SALT", hex(32));
        values.put("ENCRYPTION_KEY", hex(32));
        values.put("NEXTAUTH_SECRET", hex(32));
        values.put("POSTGRES_PASSWORD", hex(24));
        values.put("CLICKHOUSE_PASSWORD", hex(24));
        values.put("REDIS_AUTH", hex(24));
        values.put("MINIO_ROOT_USER", "querybench-" + hex(4));
        values.put("MINIO_ROOT_PASSWORD", hex(24));
        values.put("LANGFUSE_INIT_ORG_ID", "querybench-org");
        values.put("LANGFUSE_INIT_ORG_NAME", "QueryBench");
        values.put("LANGFUSE_INIT_PROJECT_ID", "querybench");
        values.put("LANGFUSE_INIT_PROJECT_NAME", "QueryBench");
        values.put(PUBLIC_KEY_VARIABLE, "pk-lf-" + uuid());
        values.put(SECRET_KEY_VARIABLE, "sk-lf-" + uuid());
        values.put("LANGFUSE_INIT_USER_EMAIL", options.userEmail());
        values.put("LANGFUSE_INIT_USER_NAME", "QueryBench admin");
        values.put("LANGFUSE_INIT_USER_PASSWORD", hex(16));
        values.put("TELEMETRY_ENABLED", "false");
        StringBuilder text = new StringBuilder("""
                # Written by `querybench langfuse setup`: secrets for this self-hosted Langfuse.
                # Generated with SecureRandom; keep this file private and out of version control.
                # Changing SALT, ENCRYPTION_KEY or the passwords after the first start breaks access to the data.
                """);
        values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return text.toString();
    }

    /**
     * The compose file's text: the template {@code langfuse-compose.yml} next to this class, with
     * each {@code {{service}}} replaced by that service's image from {@link #IMAGES}. Every secret is
     * a reference to the env file.
     */
    static String composeFile() {
        String text;
        try (InputStream in = SelfHostedLangfuse.class.getResourceAsStream(COMPOSE_TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the Langfuse compose template is missing from the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the Langfuse compose template cannot be read", e);
        }
        for (Map.Entry<String, String> image : IMAGES.entrySet()) {
            text = text.replace("{{" + image.getKey() + "}}", image.getValue());
        }
        if (text.contains("{{")) {
            throw new IllegalStateException("the Langfuse compose template names a service without an image");
        }
        return text;
    }

    private static void writePrivately(Path file, String text) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private String uuid() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        String h = HexFormat.of().formatHex(b);
        return new UUID(Long.parseUnsignedLong(h.substring(0, 16), 16), Long.parseUnsignedLong(h.substring(16), 16))
                .toString();
    }
}
