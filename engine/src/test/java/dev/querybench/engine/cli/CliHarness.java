package dev.querybench.engine.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Runs the CLI in-process with captured output. */
final class CliHarness {

    record Result(int exitCode, String out, String err) {}

    private final Path home;
    private final Map<String, String> env;

    CliHarness(Path home, Map<String, String> env) {
        this.home = home;
        this.env = env;
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs with {@code input} as standard input. */
    Result runWithInput(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(env, home, new PrintWriter(out, true), new PrintWriter(err, true),
                false, Clock.systemUTC(),
                new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        int code = QueryBenchCli.execute(environment, args);
        return new Result(code, out.toString(), err.toString());
    }
}
