package dev.querybench.engine.cli;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.secrets.OsKeyring;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the commands see of the outside world, passed in so tests run the CLI in-process with
 * their own environment and streams.
 *
 * @param environment environment variables
 * @param home QueryBench's home folder (sample workspace, settings)
 * @param out standard output
 * @param err standard error (progress and messages)
 * @param interactive whether {@code err} is a terminal (progress redraws one line)
 * @param clock time source
 * @param in standard input (secrets typed or piped to {@code querybench secret set})
 */
public record CliEnvironment(Map<String, String> environment, Path home, PrintWriter out, PrintWriter err,
        boolean interactive, Clock clock, InputStream in) {

    /** An environment reading the process's standard input. */
    public CliEnvironment(Map<String, String> environment, Path home, PrintWriter out, PrintWriter err,
            boolean interactive, Clock clock) {
        this(environment, home, out, err, interactive, clock, System.in);
    }

    public static CliEnvironment system() {
        Map<String, String> env = System.getenv();
        String home = env.get("QUERYBENCH_HOME");
        Path homePath = home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".querybench");
        return new CliEnvironment(env, homePath, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                System.console() != null, Clock.systemUTC());
    }

    public SecretResolver secrets() {
        return new SecretResolver(environment, new OsKeyring(home));
    }

    /** The folder a {@code --workspace} value names; {@code sample} is the built-in sample. */
    public Path workspaceFolder(String value) {
        if (SampleWorkspace.NAME.equals(value)) {
            return new SampleWorkspace().materialize(SampleWorkspace.defaultLocation(home));
        }
        return Path.of(value);
    }
}
