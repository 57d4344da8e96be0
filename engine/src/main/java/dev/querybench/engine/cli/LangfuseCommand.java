package dev.querybench.engine.cli;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.tracing.langfuse.DatasetRunItemsLinker;
import dev.querybench.engine.tracing.langfuse.LangfuseClient;
import dev.querybench.engine.tracing.langfuse.LangfuseConnections;
import dev.querybench.engine.tracing.langfuse.LangfuseDatasets;
import dev.querybench.engine.tracing.langfuse.LangfuseEndpoint;
import dev.querybench.engine.tracing.langfuse.LangfuseException;
import dev.querybench.engine.tracing.langfuse.LangfuseHealth;
import dev.querybench.engine.tracing.langfuse.LangfusePrompt;
import dev.querybench.engine.tracing.langfuse.LangfusePrompts;
import dev.querybench.engine.tracing.langfuse.LangfuseSetup;
import dev.querybench.engine.tracing.langfuse.SelfHostedLangfuse;
import dev.querybench.engine.validation.CheckResult;
import dev.querybench.engine.validation.LangfuseValidator;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code querybench langfuse …}: set up a self-hosted Langfuse, check the connection, watch its
 * health, and move prompt variants and datasets to and from it.
 */
@Command(name = "langfuse", mixinStandardHelpOptions = true,
        description = "Set up, check and use Langfuse (traces, prompts, datasets).")
final class LangfuseCommand implements Runnable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final CliEnvironment environment;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private LangfuseCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The {@code langfuse} command with its subcommands. */
    static CommandLine commandLine(CliEnvironment environment) {
        return commandLine(environment, LangfuseSetup.processes());
    }

    static CommandLine commandLine(CliEnvironment environment, LangfuseSetup.CommandRunner runner) {
        return new CommandLine(new LangfuseCommand(environment))
                .addSubcommand("setup", new SetupCommand(environment, runner))
                .addSubcommand("validate", new ValidateCommand(environment))
                .addSubcommand("health", new HealthCommand(environment))
                .addSubcommand("pull-prompt", new PullPromptCommand(environment))
                .addSubcommand("push-prompt", new PushPromptCommand(environment))
                .addSubcommand("push-dataset", new PushDatasetCommand(environment));
    }

    @Override
    public void run() {
        spec.commandLine().usage(environment.out());
    }

    /** Options every subcommand shares. */
    static class WorkspaceOption {
        @Option(names = {"-w", "--workspace"}, defaultValue = "sample",
                description = "Workspace folder, or 'sample' for the built-in sample (default: ${DEFAULT-VALUE}).")
        String workspace;

        Workspace load(CliEnvironment environment) {
            return new WorkspaceLoader().load(environment.workspaceFolder(workspace));
        }

        LangfuseClient client(CliEnvironment environment, Workspace ws) {
            LangfuseEndpoint endpoint = LangfuseConnections.resolve(ws, environment.secrets()).orElseThrow(() ->
                    new ConfigException("querybench.yaml has no langfuse: section",
                            "run querybench langfuse setup, or add langfuse: with host, publicKey and secretKey", null));
            return new LangfuseClient(endpoint, TIMEOUT);
        }
    }

    static void print(CliEnvironment environment, List<CheckResult> results) {
        for (CheckResult r : results) {
            String mark = switch (r.status()) {
                case OK -> "[ ok ]";
                case WARN -> "[warn]";
                case FAIL -> "[FAIL]";
            };
            environment.out().println(mark + " " + r.name() + ": " + r.detail());
            if (!r.remedy().isBlank()) {
                environment.out().println("       → " + r.remedy());
            }
        }
    }

    @Command(name = "setup", mixinStandardHelpOptions = true,
            description = {"Write a docker compose file and an env file with fresh secrets for a self-hosted Langfuse v3,",
                "start it where Docker runs (otherwise print the command), wait until it is healthy, and point the",
                "workspace at it (keys by reference to the env file)."})
    static final class SetupCommand extends WorkspaceOption implements Callable<Integer> {

        private final CliEnvironment environment;
        private final LangfuseSetup.CommandRunner runner;

        @Option(names = "--dir", description = "Folder for the files (default: <workspace>/.querybench/langfuse-server).")
        Path dir;

        @Option(names = "--port", defaultValue = "3000", description = "Port of Langfuse on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--storage-port", defaultValue = "9090",
                description = "Port of MinIO's S3 API on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
        int storagePort;

        @Option(names = "--email", defaultValue = "admin@querybench.local",
                description = "E-mail address of the first Langfuse user (default: ${DEFAULT-VALUE}).")
        String email;

        @Option(names = "--no-start", description = "Only write the files and link the workspace.")
        boolean noStart;

        @Option(names = "--wait", defaultValue = "300", description = "Seconds to wait for Langfuse to be healthy (default: ${DEFAULT-VALUE}).")
        int waitSeconds;

        SetupCommand(CliEnvironment environment, LangfuseSetup.CommandRunner runner) {
            this.environment = environment;
            this.runner = runner;
        }

        @Override
        public Integer call() {
            Workspace ws = load(environment);
            Path folder = dir != null ? dir.toAbsolutePath() : ws.stateFolder().resolve(LangfuseSetup.FOLDER);
            SelfHostedLangfuse.Written written;
            try {
                written = new SelfHostedLangfuse(new SecureRandom())
                        .write(new SelfHostedLangfuse.Options(folder, port, storagePort, email));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new ConfigException(e.getMessage(), "see querybench langfuse setup --help", e);
            }
            LangfuseSetup.linkWorkspace(ws, written.host(), written.envFile());
            var out = environment.out();
            out.println("Wrote " + written.composeFile() + " and " + written.envFile() + " (fresh secrets; keep it private).");
            out.println("querybench.yaml now points at " + written.host() + "; the keys are "
                    + SelfHostedLangfuse.PUBLIC_KEY_VARIABLE + " and " + SelfHostedLangfuse.SECRET_KEY_VARIABLE
                    + " in that env file.");
            String command = String.join(" ", written.upCommand());
            LangfuseSetup setup = new LangfuseSetup(runner);
            if (noStart || !setup.dockerAvailable()) {
                out.println((noStart ? "Start it with:" : "Docker is not available here. Start Langfuse where Docker runs with:"));
                out.println("  " + command);
                out.println("then check it with: querybench langfuse validate --workspace " + workspace);
                return ExitCodes.OK;
            }
            out.println("Starting: " + command);
            if (!setup.start(written)) {
                environment.err().println("error: docker compose up failed; run it yourself to see why:\n  " + command);
                return ExitCodes.ENVIRONMENT;
            }
            out.println("Waiting up to " + waitSeconds + " s for Langfuse to be healthy …");
            if (!LangfuseSetup.awaitHealthy(written.host(), Duration.ofSeconds(waitSeconds), Duration.ofSeconds(2))) {
                environment.err().println("error: Langfuse did not become healthy within " + waitSeconds + " s; check"
                        + " docker compose -p " + SelfHostedLangfuse.PROJECT + " logs langfuse-web");
                return ExitCodes.ENVIRONMENT;
            }
            out.println("Langfuse is up at " + written.host() + ". Sign in as " + written.userEmail()
                    + " with the password LANGFUSE_INIT_USER_PASSWORD from " + written.envFile() + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check the Langfuse connection step by step: health, keys, project, trace round trip.")
    static final class ValidateCommand extends WorkspaceOption implements Callable<Integer> {

        private final CliEnvironment environment;

        @Option(names = "--poll-seconds", defaultValue = "30",
                description = "How long to wait for the test trace to be readable (default: ${DEFAULT-VALUE}).")
        int pollSeconds;

        ValidateCommand(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            Workspace ws = load(environment);
            List<CheckResult> results = new LangfuseValidator(Duration.ofSeconds(pollSeconds), Duration.ofMillis(250),
                    environment.clock()).validateWorkspace(ws, environment.secrets(), TIMEOUT);
            print(environment, results);
            boolean ok = results.stream().allMatch(r -> r.status() == CheckResult.Status.OK);
            environment.out().println(ok ? "Langfuse is ready: runs of this workspace will be traced."
                    : "Langfuse is not usable yet; fix the first failing step and run this again.");
            return ok ? ExitCodes.OK : ExitCodes.PROBLEMS;
        }
    }

    @Command(name = "health", mixinStandardHelpOptions = true,
            description = "Show Langfuse's health endpoint; with --watch, keep checking until stopped.")
    static final class HealthCommand extends WorkspaceOption implements Callable<Integer> {

        private final CliEnvironment environment;

        @Option(names = "--watch", description = "Check again every --interval seconds until stopped (Ctrl+C).")
        boolean watch;

        @Option(names = "--interval", defaultValue = "5", description = "Seconds between checks (default: ${DEFAULT-VALUE}).")
        int interval;

        @Option(names = "--count", description = "With --watch, stop after this many checks.")
        Integer count;

        HealthCommand(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() throws InterruptedException {
            Workspace ws = load(environment);
            String host = ws.config().langfuse() == null ? null : ws.config().langfuse().hostOrDefault();
            if (host == null) {
                throw new ConfigException("querybench.yaml has no langfuse: section", "run querybench langfuse setup", null);
            }
            LangfuseClient client = new LangfuseClient(LangfuseEndpoint.of(host, null, null), TIMEOUT);
            boolean healthy = false;
            int checks = 0;
            do {
                if (checks > 0) {
                    Thread.sleep(Duration.ofSeconds(Math.max(1, interval)));
                }
                String time = DateTimeFormatter.ISO_LOCAL_TIME.format(environment.clock().instant()
                        .atZone(java.time.ZoneId.systemDefault())).substring(0, 8);
                try {
                    LangfuseHealth health = client.health();
                    healthy = health.ok();
                    environment.out().println(time + "  " + host + "  " + (healthy ? "OK" : "status " + health.status())
                            + "  Langfuse " + health.version() + "  " + health.latency().toMillis() + " ms");
                } catch (LangfuseException e) {
                    healthy = false;
                    environment.out().println(time + "  " + host + "  DOWN  " + e.getMessage());
                }
                environment.out().flush();
                checks++;
            } while (watch && (count == null || checks < count));
            return healthy ? ExitCodes.OK : ExitCodes.ENVIRONMENT;
        }
    }

    @Command(name = "pull-prompt", mixinStandardHelpOptions = true,
            description = "Write a Langfuse prompt version (by label or version) as a local .prompt variant.")
    static final class PullPromptCommand extends WorkspaceOption implements Callable<Integer> {

        private final CliEnvironment environment;

        @Parameters(index = "0", paramLabel = "NAME", description = "The prompt's name in Langfuse.")
        String name;

        @Option(names = "--label", description = "Label to fetch (Langfuse's default: production).")
        String label;

        @Option(names = "--version", description = "Version to fetch (instead of a label).")
        Integer version;

        @Option(names = "--as", description = "Local variant name (default: the prompt's name).")
        String variant;

        @Option(names = "--force", description = "Replace an existing variant file.")
        boolean force;

        PullPromptCommand(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            if (label != null && version != null) {
                throw new ConfigException("give --label or --version, not both", "pick one", null);
            }
            Workspace ws = load(environment);
            LangfusePrompts prompts = new LangfusePrompts(client(environment, ws));
            LangfusePrompts.Pulled pulled = prompts.pull(name, label, version, ws.resolve(ws.config().prompts()),
                    variant, force);
            environment.out().println("Pulled " + name + " version " + pulled.prompt().version() + " "
                    + pulled.prompt().labels() + " into " + pulled.file());
            pulled.problems().forEach(p -> environment.err().println("warning: " + p));
            return pulled.problems().isEmpty() ? ExitCodes.OK : ExitCodes.CONFIG;
        }
    }

    @Command(name = "push-prompt", mixinStandardHelpOptions = true,
            description = "Create a new Langfuse prompt version from a local variant.")
    static final class PushPromptCommand extends WorkspaceOption implements Callable<Integer> {

        private final CliEnvironment environment;

        @Parameters(index = "0", paramLabel = "VARIANT", description = "The local variant's name.")
        String variant;

        @Option(names = "--name", description = "Prompt name in Langfuse (default: the variant's name).")
        String name;

        @Option(names = "--label", split = ",", description = "Labels for the new version, such as production.")
        List<String> labels = List.of();

        @Option(names = {"-m", "--message"}, description = "Commit message for the new version.")
        String message;

        PushPromptCommand(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            Workspace ws = load(environment);
            var template = ws.prompts().template(variant).orElseThrow(() -> new ConfigException(
                    "no prompt variant named '" + variant + "'", "use one of "
                    + ws.prompts().templates().stream().map(t -> t.name()).toList(), null));
            Path file = ws.resolve(ws.config().prompts()).resolve(template.source());
            LangfusePrompt created = new LangfusePrompts(client(environment, ws)).push(file, name, labels, message);
            environment.out().println("Pushed " + variant + " as Langfuse prompt " + created.name() + " version "
                    + created.version() + " " + created.labels() + "; " + file.getFileName() + " records it.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "push-dataset", mixinStandardHelpOptions = true,
            description = "Create or update the workspace's dataset in Langfuse, one item per question.")
    static final class PushDatasetCommand extends WorkspaceOption implements Callable<Integer> {

        private final CliEnvironment environment;

        PushDatasetCommand(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            Workspace ws = load(environment);
            int items = new LangfuseDatasets(client(environment, ws), new DatasetRunItemsLinker()).push(ws.dataset());
            environment.out().println("Pushed dataset " + ws.dataset().name() + " with " + items + " items.");
            return ExitCodes.OK;
        }
    }
}
