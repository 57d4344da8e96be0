package dev.querybench.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout file in the QueryBench home: round trip, and never a failed start from a bad file. */
class WindowLayoutStoreTest {

    @TempDir
    Path home;

    @Test
    void aSavedLayoutLoadsBackTheSame() {
        WindowLayoutStore store = WindowLayoutStore.inHome(home.resolve("nested"));
        WindowLayout layout = new WindowLayout(40, 60, 1200, 780, true,
                Map.of("promptSplit", List.of(0.2, 0.65), "datasetSplit", List.of(0.4)), Section.PROMPTS, Theme.DARK);

        store.save(layout);

        assertThat(store.file()).isEqualTo(home.resolve("nested").resolve("window.properties")).isRegularFile();
        assertThat(WindowLayoutStore.inHome(home.resolve("nested")).load()).isEqualTo(layout);
    }

    @Test
    void noFileMeansTheDefaultLayout() {
        assertThat(WindowLayoutStore.inHome(home).load()).isEqualTo(WindowLayout.DEFAULT);
        assertThat(WindowLayout.DEFAULT.hasPosition()).isFalse();
    }

    @Test
    void unreadableValuesFallBackOneByOne() throws Exception {
        Files.writeString(home.resolve(WindowLayoutStore.FILE), """
                window.x=left
                window.y=12
                window.width=-5
                window.height=700
                section=NOWHERE
                theme=DARK
                divider.promptSplit=0.3,2.5
                divider.datasetSplit=0.45
                """);

        WindowLayout loaded = WindowLayoutStore.inHome(home).load();

        assertThat(loaded.hasPosition()).isFalse();
        assertThat(loaded.width()).isEqualTo(WindowLayout.DEFAULT.width());
        assertThat(loaded.height()).isEqualTo(700);
        assertThat(loaded.section()).isEqualTo(Section.RUNS);
        assertThat(loaded.theme()).isEqualTo(Theme.DARK);
        assertThat(loaded.dividers()).containsOnlyKeys("datasetSplit");
    }
}
