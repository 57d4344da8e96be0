package dev.querybench.engine.tracing.langfuse;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** The compose file's text; every secret is a reference to the env file. */
    static String composeFile() {
        return """
                # Self-hosted Langfuse v3 for QueryBench, written by `querybench langfuse setup`.
                # Start: docker compose -p querybench-langfuse --env-file .env -f docker-compose.yml up -d
                # Every secret comes from .env (generated next to this file); nothing here is a default secret.
                # Only the web UI/API and MinIO's S3 API are published, on 127.0.0.1.

                x-langfuse-env: &langfuse-env
                  DATABASE_URL: postgresql://postgres:${POSTGRES_PASSWORD:?set in .env}@postgres:5432/postgres
                  SALT: ${SALT:?set in .env}
                  ENCRYPTION_KEY: ${ENCRYPTION_KEY:?set in .env}
                  TELEMETRY_ENABLED: ${TELEMETRY_ENABLED:-false}
                  CLICKHOUSE_MIGRATION_URL: clickhouse://clickhouse:9000
                  CLICKHOUSE_URL: http://clickhouse:8123
                  CLICKHOUSE_USER: clickhouse
                  CLICKHOUSE_PASSWORD: ${CLICKHOUSE_PASSWORD:?set in .env}
                  CLICKHOUSE_CLUSTER_ENABLED: "false"
                  LANGFUSE_USE_AZURE_BLOB: "false"
                  LANGFUSE_S3_EVENT_UPLOAD_BUCKET: langfuse
                  LANGFUSE_S3_EVENT_UPLOAD_REGION: auto
                  LANGFUSE_S3_EVENT_UPLOAD_ACCESS_KEY_ID: ${MINIO_ROOT_USER:?set in .env}
                  LANGFUSE_S3_EVENT_UPLOAD_SECRET_ACCESS_KEY: ${MINIO_ROOT_PASSWORD:?set in .env}
                  LANGFUSE_S3_EVENT_UPLOAD_ENDPOINT: http://minio:9000
                  LANGFUSE_S3_EVENT_UPLOAD_FORCE_PATH_STYLE: "true"
                  LANGFUSE_S3_EVENT_UPLOAD_PREFIX: events/
                  LANGFUSE_S3_MEDIA_UPLOAD_BUCKET: langfuse
                  LANGFUSE_S3_MEDIA_UPLOAD_REGION: auto
                  LANGFUSE_S3_MEDIA_UPLOAD_ACCESS_KEY_ID: ${MINIO_ROOT_USER:?set in .env}
                  LANGFUSE_S3_MEDIA_UPLOAD_SECRET_ACCESS_KEY: ${MINIO_ROOT_PASSWORD:?set in .env}
                  LANGFUSE_S3_MEDIA_UPLOAD_ENDPOINT: http://localhost:${LANGFUSE_STORAGE_PORT:-9090}
                  LANGFUSE_S3_MEDIA_UPLOAD_FORCE_PATH_STYLE: "true"
                  LANGFUSE_S3_MEDIA_UPLOAD_PREFIX: media/
                  REDIS_HOST: redis
                  REDIS_PORT: "6379"
                  REDIS_AUTH: ${REDIS_AUTH:?set in .env}

                x-langfuse-depends: &langfuse-depends
                  postgres:
                    condition: service_healthy
                  clickhouse:
                    condition: service_healthy
                  redis:
                    condition: service_healthy
                  minio:
                    condition: service_healthy

                services:
                  langfuse-worker:
                    image: %s
                    restart: unless-stopped
                    depends_on: *langfuse-depends
                    environment:
                      <<: *langfuse-env

                  langfuse-web:
                    image: %s
                    restart: unless-stopped
                    depends_on: *langfuse-depends
                    ports:
                      - "127.0.0.1:${LANGFUSE_PORT:-3000}:3000"
                    environment:
                      <<: *langfuse-env
                      NEXTAUTH_URL: ${NEXTAUTH_URL:?set in .env}
                      NEXTAUTH_SECRET: ${NEXTAUTH_SECRET:?set in .env}
                      LANGFUSE_INIT_ORG_ID: ${LANGFUSE_INIT_ORG_ID:?set in .env}
                      LANGFUSE_INIT_ORG_NAME: ${LANGFUSE_INIT_ORG_NAME:-QueryBench}
                      LANGFUSE_INIT_PROJECT_ID: ${LANGFUSE_INIT_PROJECT_ID:?set in .env}
                      LANGFUSE_INIT_PROJECT_NAME: ${LANGFUSE_INIT_PROJECT_NAME:-QueryBench}
                      LANGFUSE_INIT_PROJECT_PUBLIC_KEY: ${LANGFUSE_INIT_PROJECT_PUBLIC_KEY:?set in .env}
                      LANGFUSE_INIT_PROJECT_SECRET_KEY: ${LANGFUSE_INIT_PROJECT_SECRET_KEY:?set in .env}
                      LANGFUSE_INIT_USER_EMAIL: ${LANGFUSE_INIT_USER_EMAIL:?set in .env}
                      LANGFUSE_INIT_USER_NAME: ${LANGFUSE_INIT_USER_NAME:-QueryBench admin}
                      LANGFUSE_INIT_USER_PASSWORD: ${LANGFUSE_INIT_USER_PASSWORD:?set in .env}

                  postgres:
                    image: %s
                    restart: unless-stopped
                    environment:
                      POSTGRES_USER: postgres
                      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set in .env}
                      POSTGRES_DB: postgres
                    volumes:
                      - langfuse_postgres_data:/var/lib/postgresql/data
                    healthcheck:
                      test: ["CMD-SHELL", "pg_isready -U postgres"]
                      interval: 3s
                      timeout: 3s
                      retries: 10

                  clickhouse:
                    image: %s
                    restart: unless-stopped
                    user: "101:101"
                    environment:
                      CLICKHOUSE_DB: default
                      CLICKHOUSE_USER: clickhouse
                      CLICKHOUSE_PASSWORD: ${CLICKHOUSE_PASSWORD:?set in .env}
                    volumes:
                      - langfuse_clickhouse_data:/var/lib/clickhouse
                      - langfuse_clickhouse_logs:/var/log/clickhouse-server
                    healthcheck:
                      test: ["CMD-SHELL", "wget --no-verbose --tries=1 --spider http://localhost:8123/ping || exit 1"]
                      interval: 5s
                      timeout: 5s
                      retries: 10
                      start_period: 5s

                  redis:
                    image: %s
                    restart: unless-stopped
                    command: ["redis-server", "--requirepass", "${REDIS_AUTH:?set in .env}"]
                    healthcheck:
                      test: ["CMD", "redis-cli", "--no-auth-warning", "-a", "${REDIS_AUTH:?set in .env}", "ping"]
                      interval: 3s
                      timeout: 10s
                      retries: 10

                  minio:
                    image: %s
                    restart: unless-stopped
                    entrypoint: sh
                    # create the bucket Langfuse writes to, then serve
                    command: -c 'mkdir -p /data/langfuse && minio server --address ":9000" --console-address ":9001" /data'
                    environment:
                      MINIO_ROOT_USER: ${MINIO_ROOT_USER:?set in .env}
                      MINIO_ROOT_PASSWORD: ${MINIO_ROOT_PASSWORD:?set in .env}
                    ports:
                      - "127.0.0.1:${LANGFUSE_STORAGE_PORT:-9090}:9000"
                    volumes:
                      - langfuse_minio_data:/data
                    healthcheck:
                      test: ["CMD", "mc", "ready", "local"]
                      interval: 2s
                      timeout: 5s
                      retries: 10
                      start_period: 2s

                volumes:
                  langfuse_postgres_data:
                  langfuse_clickhouse_data:
                  langfuse_clickhouse_logs:
                  langfuse_minio_data:
                """.formatted(IMAGES.get("langfuse-worker"), IMAGES.get("langfuse-web"), IMAGES.get("postgres"),
                IMAGES.get("clickhouse"), IMAGES.get("redis"), IMAGES.get("minio"));
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
