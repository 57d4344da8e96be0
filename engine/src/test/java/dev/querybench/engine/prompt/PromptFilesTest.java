package dev.querybench.engine.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.prompt.PromptFiles.DiffLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptFilesTest {

    @TempDir
    Path folder;

    @Test
    void createsDuplicatesRenamesAndDeletesVariantFiles() throws Exception {
        PromptFiles files = new PromptFiles(folder);
        PromptFiles.PromptFile created = files.create("terse", PromptFiles.newVariantText("terse"));
        assertThat(created.fileName()).isEqualTo("terse.prompt");
        assertThat(files.check(created.fileName(), created.text())).isEmpty();
        assertThat(files.parse(created.fileName(), created.text()).name()).isEqualTo("terse");

        PromptFiles.PromptFile copy = files.create("terse-copy", created.text());
        assertThat(copy.text()).contains("name: terse-copy").doesNotContain("name: terse\n");
        PromptFiles.PromptFile renamed = files.rename(copy.fileName(), "verbose", copy.text());
        assertThat(files.list()).extracting(PromptFiles.PromptFile::fileName).containsExactly("terse.prompt", "verbose.prompt");
        assertThat(Files.readString(folder.resolve("verbose.prompt"))).contains("name: verbose");

        files.delete(renamed.fileName());
        assertThat(files.list()).hasSize(1);
        assertThatThrownBy(() -> files.create("terse", "x")).isInstanceOf(QueryBenchException.class)
                .hasMessageContaining("exists already");
        assertThatThrownBy(() -> files.create("../escape", "x")).isInstanceOf(QueryBenchException.class);
    }

    @Test
    void checkReportsProblemsWithoutThrowing() {
        PromptFiles files = new PromptFiles(folder);
        assertThat(files.check("a.prompt", "no front matter")).singleElement().asString()
                .contains("a.prompt:1:1: the file does not start with front matter");
        String unknown = PromptFiles.newVariantText("x").replace("{{question}}", "{{questoin}}");
        // Question is on line 11 of the file (line 6 of the body after five front matter lines).
        assertThat(files.check("a.prompt", unknown)).first().asString()
                .startsWith("a.prompt:11:11: unknown variable {{questoin}}");
        assertThat(files.check("a.prompt", unknown)).last().asString()
                .startsWith("a.prompt:6:1: the template never uses {{question}}");
    }

    @Test
    void diffAlignsLinesAndTokensAreEstimated() {
        List<DiffLine> diff = PromptFiles.diff("a\nb\nc", "a\nB\nc\nd");
        assertThat(diff).extracting(DiffLine::kind).containsExactly(DiffLine.Kind.SAME, DiffLine.Kind.ADDED,
                DiffLine.Kind.REMOVED, DiffLine.Kind.SAME, DiffLine.Kind.ADDED);
        assertThat(PromptFiles.estimateTokens("12345678")).isEqualTo(2);
        assertThat(PromptFiles.estimateTokens("123456789")).isEqualTo(3);
        assertThat(PromptFiles.estimateTokens("")).isZero();
    }
}
