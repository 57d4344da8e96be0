package dev.querybench.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/**
 * The workbench's command line as a picocli model: {@code querybench-app --help} and
 * {@code --version} print from it, and the {@code querybench-app(1)} man page is generated from it.
 * {@link LaunchOptions} reads the same options when the window starts; {@code AppCommandLineTest}
 * keeps the two in step.
 */
@Command(name = "querybench-app", mixinStandardHelpOptions = true, versionProvider = AppCommandLine.Version.class,
        description = {"Start the QueryBench workbench: evaluate text-to-SQL prompt variants and models in a window.",
                "",
                "Without --workspace the built-in sample workspace is written to $QUERYBENCH_HOME/sample-workspace "
                        + "(default ~/.querybench) and opened."},
        footer = {"", "Environment:",
                "  QUERYBENCH_HOME  where the sample workspace and window settings are kept (default ~/.querybench)",
                "  DISPLAY, WAYLAND_DISPLAY  the graphical display; without one the workbench cannot start "
                        + "(the command line, querybench, works without)",
                "", "See also: querybench(1)."})
public final class AppCommandLine {

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR|sample",
            description = "The workspace folder (with querybench.yaml) to open, or 'sample'.")
    String workspace;

    @Option(names = "--model", paramLabel = "provider:model",
            description = "An extra model to offer in the run setup and watch in Health, e.g. openai:gpt-4o-mini.")
    String model;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "The base URL of an OpenAI-compatible server for --model.")
    String baseUrl;

    /** The version of the running build: the jar's Implementation-Version, or a development marker. */
    static String version() {
        String version = AppCommandLine.class.getPackage().getImplementationVersion();
        return "QueryBench " + (version == null ? "(development build)" : version);
    }

    /** picocli's hook for {@code --version}. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {version()};
        }
    }
}
