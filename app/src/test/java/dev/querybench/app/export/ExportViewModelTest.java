package dev.querybench.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.session.RunRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exporting a real stored run through the engine's report writers. */
class ExportViewModelTest {

    @TempDir
    Path home;

    private SampleFixture sample;
    private String runId;

    @BeforeEach
    void run() {
        sample = new SampleFixture(home.resolve("sample-workspace"), true);
        RunResults results = sample.session.run(sample.session.plan(new RunRequest(List.of("ddl-basic",
                "ddl-samples-hints"), List.of("openai:gpt-4o-mini"), sample.stub.baseUrl(), 4, List.of())),
                new RunListener() { }, new Cancellation());
        runId = results.run().id();
    }

    @AfterEach
    void close() {
        sample.close();
    }

    @Test
    void writesTheChosenFormatsAndOffersTheHtmlReportToOpen() throws Exception {
        Path folder = home.resolve("export");
        ExportViewModel vm = new ExportViewModel(runId, sample.session.runStore(), sample.workspace.dataset(), folder,
                new ImmediateTaskRunner());
        assertThat(vm.formats()).extracting(FormatOption::id).contains("json", "csv", "md", "html");
        assertThat(vm.canExportProperty().get()).isTrue();
        vm.formats().forEach(f -> f.selectedProperty().set(false));
        assertThat(vm.canExportProperty().get()).isFalse();
        vm.formats().stream().filter(f -> f.id().equals("html") || f.id().equals("md"))
                .forEach(f -> f.selectedProperty().set(true));

        vm.export();

        assertThat(vm.errorTextProperty().get()).isEmpty();
        assertThat(vm.written()).hasSize(2);
        Path html = vm.toOpenProperty().get();
        assertThat(html.toString()).endsWith(".html");
        assertThat(html).startsWith(folder);
        String page = Files.readString(html);
        assertThat(page).contains("ddl-samples-hints").contains("25.9%").contains("18.5%");
        assertThat(vm.statusTextProperty().get()).startsWith("Wrote 2 files to ");
    }
}
