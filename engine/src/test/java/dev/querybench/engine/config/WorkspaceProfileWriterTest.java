package dev.querybench.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.errors.QueryBenchException;
import dev.querybench.engine.sample.SampleWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceProfileWriterTest {

    @TempDir
    Path folder;

    private static final ModelConfig STUB = new ModelConfig("local-stub", "openai:gpt-4o-mini",
            "http://127.0.0.1:9/v1", SecretRef.keyring("STUB_KEY"), null, null, null);

    @Test
    void savesProfilesByReferenceAndKeepsTheRestOfTheFile() throws Exception {
        Path root = new SampleWorkspace().materialize(folder);
        String before = Files.readString(root.resolve(Workspace.CONFIG_FILE));
        DatabaseConfig pg = new DatabaseConfig("warehouse", "postgresql", null, List.of(), null, "db.local", 5432,
                "shop", null, "reader", SecretRef.env("SHOP_DB_PASSWORD"), null, null, null);
        LangfuseConfig langfuse = new LangfuseConfig("http://localhost:3000", SecretRef.env("LANGFUSE_PUBLIC_KEY"),
                SecretRef.env("LANGFUSE_SECRET_KEY"), null, null, null);

        Workspace saved = new WorkspaceProfileWriter().save(root,
                new WorkspaceProfileWriter.Profile(pg, List.of(STUB), langfuse));

        assertThat(saved.config().models()).extracting(ModelConfig::name)
                .containsExactly("gpt-4o-mini", "ollama-qwen-coder", "local-stub");
        assertThat(saved.config().databases()).extracting(DatabaseConfig::name).containsExactly("warehouse");
        assertThat(saved.config().langfuse().publicKey().env()).isEqualTo("LANGFUSE_PUBLIC_KEY");
        assertThat(saved.config().database().name()).isEqualTo("ridgeline");
        assertThat(saved.config().run().models()).as("the default model stays").containsExactly("gpt-4o-mini");
        String after = Files.readString(root.resolve(Workspace.CONFIG_FILE));
        // every line that was there is still there, in the same order: only lines were added
        assertThat(after.lines().filter(before.lines().toList()::contains).toList())
                .isEqualTo(before.lines().toList());
        assertThat(after).contains("""
                    baseUrl: http://localhost:11434
                  - {name: local-stub, spec: "openai:gpt-4o-mini", baseUrl: "http://127.0.0.1:9/v1", \
                apiKey: {keyring: STUB_KEY}}
                run:""");

        ModelConfig replaced = new ModelConfig("local-stub", "openai:stub-model", "http://127.0.0.1:9/v1", null, null,
                null, null);
        Workspace again = new WorkspaceProfileWriter().save(root, new WorkspaceProfileWriter.Profile(null,
                List.of(replaced), null));
        assertThat(again.config().models()).filteredOn(m -> m.name().equals("local-stub")).singleElement()
                .extracting(ModelConfig::spec).isEqualTo("openai:stub-model");
        assertThat(again.config().databases()).hasSize(1);
    }

    @Test
    void theWizardsOrderBecomesTheDefaultModelAndItsFallbacksAndDroppedProfilesGo() throws Exception {
        Path root = new SampleWorkspace().materialize(folder);
        Workspace sample = new WorkspaceLoader().load(root);
        ModelConfig ollama = sample.config().models().get(1);
        String before = Files.readString(root.resolve(Workspace.CONFIG_FILE));

        Workspace saved = new WorkspaceProfileWriter().save(root, new WorkspaceProfileWriter.Profile(
                sample.config().database(), List.of(ollama, STUB), null, true, "local-stub"));

        assertThat(saved.config().models()).extracting(ModelConfig::name)
                .containsExactly("ollama-qwen-coder", "local-stub");
        assertThat(saved.config().run().models()).containsExactly("ollama-qwen-coder");
        assertThat(saved.config().run().fallback()).containsExactly("local-stub");
        assertThat(saved.config().judge().model()).isEqualTo("local-stub");
        String after = Files.readString(root.resolve(Workspace.CONFIG_FILE));
        assertThat(after).isEqualTo(before
                .replace("""
                          - name: gpt-4o-mini
                            spec: openai:gpt-4o-mini
                            apiKey: {env: OPENAI_API_KEY}
                        """, "")
                .replace("    baseUrl: http://localhost:11434\n", """
                            baseUrl: http://localhost:11434
                          - {name: local-stub, spec: "openai:gpt-4o-mini", baseUrl: "http://127.0.0.1:9/v1", \
                        apiKey: {keyring: STUB_KEY}}
                        """)
                .replace("  models: [gpt-4o-mini]", "  models: [ollama-qwen-coder]")
                .replace("  matchMode: strict\n", "  matchMode: strict\n  fallback: [local-stub]\njudge: {model: local-stub}\n"));
    }

    @Test
    void flowStyleSectionsAreEditedInsideTheirBraces() throws Exception {
        Path root = new SampleWorkspace().materialize(folder);
        Path file = root.resolve(Workspace.CONFIG_FILE);
        String flow = """
                # mine
                name: Flow  # inline comment
                database: {name: ridgeline, type: sqlite, path: .querybench/ridgeline.db, init: [db/schema.sql, db/data.sql]}
                dataset: dataset.yaml
                prompts: prompts
                models: [{name: a, spec: "ollama:qwen2.5-coder:7b"}, {name: b, spec: "ollama:llama3"}]
                run: {models: [a], concurrency: 2}   # keep me
                """;
        Files.writeString(file, flow);
        Workspace workspace = new WorkspaceLoader().load(root);

        new WorkspaceProfileWriter().save(root, new WorkspaceProfileWriter.Profile(null,
                List.of(workspace.config().models().get(1), workspace.config().models().get(0)), null, true, null));

        assertThat(Files.readString(file)).isEqualTo(flow.replace("run: {models: [a], concurrency: 2}",
                "run: {models: [b], concurrency: 2, fallback: [a]}"));
    }

    @Test
    void aProfileThatWouldBreakTheWorkspaceIsNeverWritten() throws Exception {
        Path root = new SampleWorkspace().materialize(folder);
        String before = Files.readString(root.resolve(Workspace.CONFIG_FILE));
        assertThatThrownBy(() -> new WorkspaceProfileWriter().save(root, new WorkspaceProfileWriter.Profile(null,
                List.of(STUB), null, false, "no-such-profile"))).isInstanceOf(QueryBenchException.class);
        assertThat(Files.readString(root.resolve(Workspace.CONFIG_FILE))).isEqualTo(before);
    }
}
