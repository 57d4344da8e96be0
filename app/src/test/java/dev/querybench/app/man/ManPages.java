package dev.querybench.app.man;

import dev.querybench.app.AppCommandLine;
import dev.querybench.engine.cli.CliEnvironment;
import dev.querybench.engine.cli.QueryBenchCli;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the AsciiDoc sources of the man pages from the picocli models: {@code querybench(1)},
 * one page per subcommand ({@code querybench-run(1)}, {@code querybench-validate-db(1)}, ...) and
 * {@code querybench-app(1)}. The app's Maven package runs it (exec-maven-plugin, test class path),
 * then AsciidoctorJ renders them with its manpage backend into {@code app/target/man/man1}.
 *
 * <p>Usage: {@code ManPages OUTPUT_DIR}
 */
public final class ManPages {

    private ManPages() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ManPages OUTPUT_DIR");
        }
        int status = write(Path.of(args[0]));
        if (status != 0) {
            throw new IllegalStateException("picocli's man page generator failed with status " + status);
        }
    }

    /** Writes every page's AsciiDoc into {@code folder}; returns the generator's status (0 is success). */
    public static int write(Path folder) throws IOException {
        File out = folder.toFile();
        if (!out.isDirectory() && !out.mkdirs()) {
            throw new IOException("cannot create " + folder);
        }
        CommandLine cli = QueryBenchCli.commandLine(CliEnvironment.system());
        CommandLine app = new CommandLine(new AppCommandLine());
        return ManPageGenerator.generateManPage(out, null, new boolean[0], true,
                cli.getCommandSpec(), app.getCommandSpec());
    }
}
