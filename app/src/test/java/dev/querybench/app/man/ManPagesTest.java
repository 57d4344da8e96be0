package dev.querybench.app.man;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.cli.CliEnvironment;
import dev.querybench.engine.cli.QueryBenchCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ManPagesTest {

    @Test
    void everyCommandAndSubcommandGetsAPageWithItsOptions(@TempDir Path dir) throws IOException {
        assertThat(ManPages.write(dir)).isZero();

        List<String> expected = new ArrayList<>(List.of("querybench-app.adoc"));
        collect(QueryBenchCli.commandLine(CliEnvironment.system()), "querybench", expected);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(expected).contains("querybench.adoc", "querybench-run.adoc", "querybench-validate-db.adoc");
        assertThat(Files.readString(dir.resolve("querybench-run.adoc")))
                .contains(":doctype: manpage", "= querybench-run(1)", "*--workspace*", "*--resume*");
        assertThat(Files.readString(dir.resolve("querybench-app.adoc")))
                .contains("= querybench-app(1)", "*--workspace*", "QUERYBENCH_HOME");
    }

    private static void collect(CommandLine command, String name, List<String> pages) {
        pages.add(name + ".adoc");
        command.getSubcommands().forEach((sub, child) -> {
            if (!child.getCommandSpec().usageMessage().hidden()) {
                collect(child, name + "-" + sub, pages);
            }
        });
    }
}
