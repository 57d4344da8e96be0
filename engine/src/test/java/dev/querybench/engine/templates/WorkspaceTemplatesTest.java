package dev.querybench.engine.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.templates.WorkspaceTemplates.Template;
import dev.querybench.engine.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTemplatesTest {

    @TempDir
    Path folder;

    private final WorkspaceTemplates templates = new WorkspaceTemplates();

    @Test
    void anEmptyWorkspaceOpensAndItsStarterQuestionRuns() {
        Workspace workspace = templates.create(folder.resolve("my bench"), Template.EMPTY, null);

        assertThat(workspace.name()).isEqualTo("my bench");
        assertThat(workspace.dataset().questions()).hasSize(1);
        assertThat(workspace.prompts().templates()).isNotEmpty();
        try (WorkspaceSession session = WorkspaceSession.open(workspace, SecretResolver.none(), Clock.systemUTC())) {
            var result = session.executor().execute(workspace.dataset().questions().getFirst().primaryGold(),
                    new QueryLimits(Duration.ofSeconds(5), 10));
            assertThat(result.rows()).hasSize(1);
        }
    }

    @Test
    void theSampleTemplateIsTheSample() {
        Workspace workspace = templates.create(folder.resolve("s"), Template.SAMPLE, null);
        assertThat(workspace.dataset().size()).isEqualTo(54);
    }

    @Test
    void aSpiderDevJsonIsReadWhereItLiesWithTheDatabaseItNames() throws Exception {
        Path spider = Files.createDirectories(folder.resolve("spider"));
        TestDatabases.sqlite(Files.createDirectories(spider.resolve("database/shop")).resolve("shop.sqlite"),
                "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO items VALUES (1, 'a'), (2, 'b');");
        Files.writeString(spider.resolve("dev.json"), """
                [{"db_id": "shop", "question": "How many items?", "query": "SELECT count(*) FROM items"},
                 {"db_id": "shop", "question": "Item names?", "query": "SELECT name FROM items"}]""");

        Workspace workspace = templates.create(folder.resolve("imported"), Template.IMPORT, spider.resolve("dev.json"));

        assertThat(workspace.dataset().size()).isEqualTo(2);
        assertThat(workspace.config().database().name()).isEqualTo("shop");
        assertThat(Files.readString(workspace.root().resolve(Workspace.CONFIG_FILE))).contains("# Imported from dev.json");
    }

    @Test
    void aFolderThatHoldsAWorkspaceIsNotOverwritten() {
        templates.create(folder.resolve("w"), Template.EMPTY, null);
        assertThatThrownBy(() -> templates.create(folder.resolve("w"), Template.SAMPLE, null))
                .isInstanceOf(QueryBenchException.class).hasMessageContaining("already holds a workspace");
        assertThatThrownBy(() -> templates.create(folder.resolve("x"), Template.IMPORT, folder.resolve("none.json")))
                .isInstanceOf(QueryBenchException.class).hasMessageContaining("no dataset file");
    }
}
