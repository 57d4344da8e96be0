package dev.querybench.app;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.sample.SampleWorkspace;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Reads the command line: {@code [--workspace DIR|sample] [--model SPEC] [--base-url URL]},
 * the same names as {@code querybench run}. Without {@code --workspace} the sample workspace is
 * written to {@code $QUERYBENCH_HOME/sample-workspace} (default {@code ~/.querybench}) and opened.
 */
final class LaunchOptions {

    static final String USAGE = "querybench-app [--workspace DIR|sample] [--model provider:model] [--base-url URL]";

    private LaunchOptions() {}

    static AppContext.Settings parse(List<String> args, Map<String, String> environment, Path userHome) {
        String workspace = null;
        String model = null;
        String baseUrl = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw usage("option " + arg + " needs a value");
            }
            switch (name) {
                case "--workspace", "-w" -> workspace = value;
                case "--model" -> model = value;
                case "--base-url" -> baseUrl = value;
                default -> throw usage("unknown option " + arg);
            }
        }
        Path home = home(environment, userHome);
        AppContext.Settings settings = workspace == null || SampleWorkspace.NAME.equals(workspace)
                ? AppContext.Settings.sample(home, environment)
                : new AppContext.Settings(Path.of(workspace), false, environment, null, null, Clock.systemUTC());
        return settings.withModel(model, baseUrl);
    }

    /** The QueryBench home: {@code $QUERYBENCH_HOME}, else {@code ~/.querybench}. */
    static Path home(Map<String, String> environment, Path userHome) {
        String homeSetting = environment.get("QUERYBENCH_HOME");
        return homeSetting == null || homeSetting.isBlank() ? userHome.resolve(".querybench") : Path.of(homeSetting);
    }

    private static QueryBenchException usage(String problem) {
        return new QueryBenchException(ErrorResponse.of(ErrorCategory.INVALID_INPUT,
                "QueryBench could not read its command line: " + problem, "start it as " + USAGE));
    }
}
