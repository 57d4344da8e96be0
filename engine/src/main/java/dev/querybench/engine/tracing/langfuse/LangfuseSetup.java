package dev.querybench.engine.tracing.langfuse;

import dev.querybench.engine.config.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The steps of {@code querybench langfuse setup} after the files are written: start the stack
 * with Docker Compose where Docker runs, wait until Langfuse is healthy, and point the workspace
 * at it by reference (host, env variable names, env file path; never the keys). Thread-safe.
 */
public final class LangfuseSetup {

    /** Folder under the workspace's state folder that holds the compose and env files. */
    public static final String FOLDER = "langfuse-server";

    /** Runs an external command; a seam so tests need no Docker. */
    @FunctionalInterface
    public interface CommandRunner {

        /**
         * @return the exit code
         * @throws IOException when the program cannot be started (for instance, it is not installed)
         */
        int run(List<String> command, Duration timeout) throws IOException, InterruptedException;
    }

    private final CommandRunner runner;

    public LangfuseSetup(CommandRunner runner) {
        this.runner = runner;
    }

    /** Runs commands as child processes, their output discarded. */
    public static CommandRunner processes() {
        return (command, timeout) -> {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        };
    }

    /** Whether {@code docker compose} can be used here (the client is installed and a Docker engine answers). */
    public boolean dockerAvailable() {
        try {
            return runner.run(List.of("docker", "compose", "version"), Duration.ofSeconds(20)) == 0
                    && runner.run(List.of("docker", "info"), Duration.ofSeconds(20)) == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code docker compose … up -d}; true when it succeeded. */
    public boolean start(SelfHostedLangfuse.Written written) {
        try {
            return runner.run(written.upCommand(), Duration.ofMinutes(15)) == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Polls the health endpoint until it says OK; false when {@code limit} passes first. */
    public static boolean awaitHealthy(String host, Duration limit, Duration interval) {
        LangfuseClient client = new LangfuseClient(LangfuseEndpoint.of(host, null, null), Duration.ofSeconds(5));
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                if (client.health().ok()) {
                    return true;
                }
            } catch (LangfuseException e) {
                // not up yet
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Writes (or replaces) the {@code langfuse:} section of the workspace's {@code querybench.yaml}:
     * the host and references to the env file's key variables. Other lines are kept as they are.
     */
    public static void linkWorkspace(Workspace workspace, String host, Path envFile) {
        Path yaml = workspace.root().resolve(Workspace.CONFIG_FILE);
        String relative = workspace.root().relativize(envFile.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
        try {
            List<String> kept = new ArrayList<>();
            boolean inSection = false;
            for (String line : Files.readAllLines(yaml)) {
                boolean topLevel = !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#");
                if (topLevel) {
                    inSection = line.startsWith("langfuse:");
                }
                if (!inSection && !line.startsWith("# Langfuse, written by querybench langfuse setup")) {
                    kept.add(line);
                }
            }
            while (!kept.isEmpty() && kept.getLast().isBlank()) {
                kept.removeLast();
            }
            kept.add("# Langfuse, written by querybench langfuse setup: the keys stay in the env file, named here.");
            kept.add("langfuse:");
            kept.add("  host: " + host);
            kept.add("  publicKey: {env: " + SelfHostedLangfuse.PUBLIC_KEY_VARIABLE + "}");
            kept.add("  secretKey: {env: " + SelfHostedLangfuse.SECRET_KEY_VARIABLE + "}");
            kept.add("  envFile: " + relative);
            Files.writeString(yaml, String.join("\n", kept) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + yaml, e);
        }
    }
}
