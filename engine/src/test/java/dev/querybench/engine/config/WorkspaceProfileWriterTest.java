package dev.querybench.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.sample.SampleWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceProfileWriterTest {

    @TempDir
    Path folder;

    @Test
    void savesProfilesByReferenceAndKeepsTheRestOfTheFile() throws Exception {
        Path root = new SampleWorkspace().materialize(folder);
        String before = Files.readString(root.resolve(Workspace.CONFIG_FILE));
        ModelConfig stub = new ModelConfig("local-stub", "openai:gpt-4o-mini", "http://127.0.0.1:9/v1",
                SecretRef.env("STUB_KEY"), null, null, null);
        DatabaseConfig pg = new DatabaseConfig("warehouse", "postgresql", null, List.of(), null, "db.local", 5432,
                "shop", null, "reader", SecretRef.env("SHOP_DB_PASSWORD"), null, null, null);
        LangfuseConfig langfuse = new LangfuseConfig("http://localhost:3000", SecretRef.env("LANGFUSE_PUBLIC_KEY"),
                SecretRef.env("LANGFUSE_SECRET_KEY"), null, null, null);

        Workspace saved = new WorkspaceProfileWriter().save(root,
                new WorkspaceProfileWriter.Profile(pg, List.of(stub), langfuse));

        assertThat(saved.config().models()).extracting(ModelConfig::name)
                .containsExactly("local-stub", "gpt-4o-mini", "ollama-qwen-coder");
        assertThat(saved.config().databases()).extracting(DatabaseConfig::name).containsExactly("warehouse");
        assertThat(saved.config().langfuse().publicKey().env()).isEqualTo("LANGFUSE_PUBLIC_KEY");
        assertThat(saved.config().database().name()).isEqualTo("ridgeline");
        String after = Files.readString(root.resolve(Workspace.CONFIG_FILE));
        assertThat(after).startsWith(before.lines().findFirst().orElseThrow())
                .contains("# The built-in sample workspace").contains("env: STUB_KEY").contains("env: SHOP_DB_PASSWORD");

        ModelConfig replaced = new ModelConfig("local-stub", "openai:stub-model", "http://127.0.0.1:9/v1", null, null,
                null, null);
        Workspace again = new WorkspaceProfileWriter().save(root, new WorkspaceProfileWriter.Profile(null,
                List.of(replaced), null));
        assertThat(again.config().models()).filteredOn(m -> m.name().equals("local-stub")).singleElement()
                .extracting(ModelConfig::spec).isEqualTo("openai:stub-model");
        assertThat(again.config().databases()).hasSize(1);
    }
}
