package dev.querybench.engine.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptLibraryTest {

    @TempDir
    Path dir;

    @Test
    void loadsTheShippedVariants() {
        PromptLibrary library = PromptLibrary.load(Path.of("../prompts"));
        assertThat(library.problems()).isEmpty();
        assertThat(library.templates(PromptTask.SQL_GENERATION)).extracting(PromptTemplate::name)
                .contains("ddl-basic", "ddl-samples-hints");
        PromptTemplate basic = library.template("ddl-basic").orElseThrow();
        assertThat(basic.description()).isNotBlank();
        assertThat(basic.variables()).containsExactly("dialect", "schema", "question");
    }

    @Test
    void rendersEveryVariable() {
        PromptTemplate t = PromptLibrary.parse("x.prompt", "---\ntask: sql-generation\nname: x\n---\nQ: {{ question }} in {{dialect}}");
        assertThat(t.render(Map.of("question", "How many $1?", "dialect", "SQLite"))).isEqualTo("Q: How many $1? in SQLite");
    }

    @Test
    void anUnknownVariableIsReportedWithItsLine() throws Exception {
        Files.writeString(dir.resolve("bad.prompt"), "---\ntask: sql-generation\nname: bad\n---\nline one {{question}}\n{{schemaa}}\n");
        PromptLibrary library = PromptLibrary.load(dir);
        assertThat(library.problems()).singleElement().asString()
                .contains("bad.prompt:6:1: unknown variable {{schemaa}}", "schema");
        assertThatThrownBy(() -> library.requireUsable(List.of("bad"), PromptTask.SQL_GENERATION))
                .isInstanceOf(TemplateException.class).hasMessageContaining("schemaa");
    }

    @Test
    void aMissingValueIsReportedBeforeRendering() {
        PromptTemplate t = PromptLibrary.parse("x.prompt", "---\ntask: sql-generation\nname: x\n---\n{{question}} {{schema}}");
        assertThatThrownBy(() -> t.render(Map.of("question", "q"))).hasMessageContaining("[schema]");
    }

    @Test
    void brokenFrontMatterIsExplained() {
        assertThatThrownBy(() -> PromptLibrary.parse("a.prompt", "no front matter")).hasMessageContaining("a.prompt:1:1: the file does not start with front matter");
        assertThatThrownBy(() -> PromptLibrary.parse("a.prompt", "---\nname: x\n")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> PromptLibrary.parse("a.prompt", "---\ntask: sql-generation\n---\nbody"))
                .hasMessageContaining("no 'name'");
        assertThatThrownBy(() -> PromptLibrary.parse("a.prompt", "---\ntask: poetry\nname: x\n---\nbody"))
                .hasMessageContaining("unknown task 'poetry'");
    }

    @Test
    void unknownAndMisusedVariantsAreRefused() throws Exception {
        Files.writeString(dir.resolve("judge.prompt"), "---\ntask: sql-judge\nname: judge\n---\n{{gold_sql}}");
        Files.writeString(dir.resolve("judge2.prompt"), "---\ntask: sql-judge\nname: judge\n---\n{{gold_sql}}");
        PromptLibrary library = PromptLibrary.load(dir);
        assertThat(library.problems()).anyMatch(p -> p.contains("also used by"));
        assertThatThrownBy(() -> library.requireUsable(List.of("judge", "nope"), PromptTask.SQL_GENERATION))
                .hasMessageContaining("not sql-generation").hasMessageContaining("no prompt variant named 'nope'");
        assertThat(PromptLibrary.load(dir.resolve("absent")).problems()).singleElement().asString().contains("does not exist");
    }
}
