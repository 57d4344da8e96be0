package dev.querybench.app.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.testing.RecordingDialogs;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.app.text.Highlight;
import dev.querybench.engine.prompt.PromptFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prompt editor over the sample workspace's prompt files and database. */
class PromptEditorViewModelTest {

    @TempDir
    Path home;

    private SampleFixture sample;
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private PromptEditorViewModel vm;
    private Path folder;

    @BeforeEach
    void open() {
        sample = new SampleFixture(home.resolve("sample-workspace"));
        folder = sample.workspace.resolve(sample.workspace.config().prompts());
        vm = new PromptEditorViewModel(new PromptFiles(folder), sample.workspace.dataset().questions(),
                sample.session.generator(), new ImmediateTaskRunner(), dialogs);
        vm.activate();
    }

    @AfterEach
    void close() {
        sample.close();
    }

    @Test
    void opensTheFirstVariantAndPreviewsItForAQuestion() {
        assertThat(vm.variants()).contains("ddl-basic.prompt", "ddl-samples-hints.prompt", "judge-equivalence.prompt");
        assertThat(vm.selectedFileProperty().get()).isEqualTo("ddl-basic.prompt");
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(vm.highlightsProperty().get()).extracting(Highlight::styleClass)
                .contains("sql-variable", "prompt-front-matter");
        assertThat(vm.preview().previewTextProperty().get()).contains("Question: " + sample.workspace.dataset().questions()
                .getFirst().text()).contains("CREATE TABLE").doesNotContain("{{");
        assertThat(vm.preview().tokenTextProperty().get()).matches("≈ [\\d,]+ tokens · [\\d,]+ characters");

        vm.preview().previewQuestionProperty().set(vm.preview().questions().get(5));
        assertThat(vm.preview().previewTextProperty().get()).contains(vm.preview().questions().get(5).text());
    }

    @Test
    void problemsShowWhileTypingAndSaveWritesTheFile() throws Exception {
        String original = vm.textProperty().get();
        vm.textProperty().set(original.replace("{{question}}", "{{questoin}}"));
        assertThat(vm.dirtyProperty().get()).isTrue();
        assertThat(vm.problems()).hasSize(2);
        assertThat(vm.problems().getFirst()).contains("unknown variable {{questoin}}");
        assertThat(vm.problems().getLast()).contains("never uses {{question}}");
        assertThat(vm.highlightsProperty().get()).extracting(Highlight::styleClass).contains("sql-variable-unknown");
        assertThat(vm.preview().previewTextProperty().get()).startsWith("Fix the problems");

        vm.textProperty().set(original + "\nThink step by step.\n");
        assertThat(vm.problems()).isEmpty();
        vm.save();
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(Files.readString(folder.resolve("ddl-basic.prompt"))).endsWith("Think step by step.\n");
        assertThat(vm.statusTextProperty().get()).isEqualTo("Saved ddl-basic.prompt.");
    }

    @Test
    void unsavedChangesAreGuardedWhenSwitchingVariants() {
        vm.textProperty().set(vm.textProperty().get() + "\nchanged");
        dialogs.answer(false);
        assertThat(vm.open("ddl-samples-hints.prompt")).isFalse();
        assertThat(vm.selectedFileProperty().get()).isEqualTo("ddl-basic.prompt");
        assertThat(dialogs.questions()).singleElement().asString().contains("ddl-basic.prompt has changes");
        dialogs.answer(true);
        assertThat(vm.open("ddl-samples-hints.prompt")).isTrue();
        assertThat(vm.textProperty().get()).contains("name: ddl-samples-hints");
        assertThat(vm.dirtyProperty().get()).isFalse();
    }

    @Test
    void newDuplicateRenameDeleteAndDiff() {
        vm.duplicate("ddl-terse");
        assertThat(vm.selectedFileProperty().get()).isEqualTo("ddl-terse.prompt");
        assertThat(vm.textProperty().get()).contains("name: ddl-terse");
        assertThat(Files.exists(folder.resolve("ddl-terse.prompt"))).isTrue();

        vm.textProperty().set(vm.textProperty().get().replace("You write {{dialect}} SQL queries.",
                "Write {{dialect}} SQL. Be brief."));
        vm.diff().diffAgainstProperty().set("ddl-basic.prompt");
        assertThat(vm.diff().diffTextProperty().get()).contains("- You write {{dialect}} SQL queries.")
                .contains("+ Write {{dialect}} SQL. Be brief.");
        assertThat(vm.diff().diffSummaryProperty().get()).contains("lines added");
        vm.save();

        vm.rename("ddl-short");
        assertThat(vm.variants()).contains("ddl-short.prompt").doesNotContain("ddl-terse.prompt");
        assertThat(Files.exists(folder.resolve("ddl-terse.prompt"))).isFalse();

        vm.newVariant("fresh");
        assertThat(vm.selectedFileProperty().get()).isEqualTo("fresh.prompt");
        assertThat(vm.problems()).isEmpty();
        vm.delete();
        assertThat(vm.variants()).doesNotContain("fresh.prompt");
        assertThat(Files.exists(folder.resolve("fresh.prompt"))).isFalse();

        vm.newVariant("bad name/../x");
        assertThat(vm.statusTextProperty().get()).contains("not a usable variant name");
    }
}
