package dev.querybench.engine.cli;

import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.sample.SampleWorkspace;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The workspace of {@code querybench run}, read on a second thread while picocli builds its model
 * of the command and parses the arguments (about 0.07 s of the start, and reading the workspace
 * about 0.15 s: its YAML, Jackson's first bind, the dataset). The folder is taken from the raw
 * arguments; the command uses what was read only when picocli's parse names the same folder, and
 * reads it itself otherwise, so a guess that turns out wrong costs only the read. What the read
 * threw is thrown where the command asks for the workspace, as if read there: the same messages
 * in the same order (a bad option is still reported first, and the read's problem not at all).
 *
 * <p>Only an unambiguous {@code --workspace DIR}, {@code --workspace=DIR}, {@code -w DIR} or
 * {@code -w=DIR} is read ahead; the built-in sample is not (it is written into the home first,
 * which is not done before the command line has parsed), nor is anything when the arguments
 * hold an argument file ({@code @file}) or a clustered {@code -w}. Reading only, so a read never
 * used changes nothing. Thread-safe.
 */
final class WorkspacePrefetch {

    private static final WorkspacePrefetch NONE = new WorkspacePrefetch(null, null);

    private final Path folder;
    private final CompletableFuture<Workspace> read;

    private WorkspacePrefetch(Path folder, CompletableFuture<Workspace> read) {
        this.folder = folder;
        this.read = read;
    }

    /** Nothing read ahead: {@link #load} reads the workspace itself. */
    static WorkspacePrefetch none() {
        return NONE;
    }

    /** Starts reading the workspace a {@code run} command line names (its first argument is the subcommand). */
    static WorkspacePrefetch start(String... args) {
        String value = workspaceArgument(args);
        if (value == null || SampleWorkspace.NAME.equals(value)) {
            return NONE;
        }
        Path folder;
        try {
            folder = Path.of(value);
        } catch (InvalidPathException e) {
            return NONE; // the command reports it when it reads the folder
        }
        CompletableFuture<Workspace> read = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("querybench-workspace-read").start(() -> {
            try {
                read.complete(new WorkspaceLoader().load(folder));
            } catch (RuntimeException | Error e) {
                read.completeExceptionally(e);
            }
        });
        return new WorkspacePrefetch(folder, read);
    }

    /**
     * The workspace in {@code folder}: the one read ahead when it is that folder, else read now.
     *
     * @throws RuntimeException what {@link WorkspaceLoader#load} threw
     */
    Workspace load(Path folder) {
        if (read == null || !folder.equals(this.folder)) {
            return new WorkspaceLoader().load(folder);
        }
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** The value of the one {@code --workspace}/{@code -w} option among the arguments after the first, or null. */
    static String workspaceArgument(String... args) {
        String value = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String found;
            if (arg.equals("--")) {
                break;
            } else if (arg.startsWith("@")) {
                return null;
            } else if (arg.equals("--workspace") || arg.equals("-w")) {
                if (i + 1 >= args.length) {
                    return null;
                }
                found = args[++i];
            } else if (arg.startsWith("--workspace=") || arg.startsWith("-w=")) {
                found = arg.substring(arg.indexOf('=') + 1);
            } else if (arg.startsWith("-w") || arg.startsWith("--workspace")) {
                return null; // clustered short options or an abbreviation: left to picocli
            } else {
                continue;
            }
            if (value != null) {
                return null; // given twice: picocli refuses it
            }
            value = found;
        }
        return value;
    }
}
