package dev.querybench.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.testing.SampleFixture;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.validation.ConnectionChecklist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard over the sample workspace, the local OpenAI stub and a key in a fake environment. */
class ConnectionWizardViewModelTest {

    private static final String KEY = "sk-wizard-secret-9876";

    @TempDir
    Path home;

    private SampleFixture sample;
    private ConnectionWizardViewModel vm;

    @BeforeEach
    void open() {
        sample = new SampleFixture(home.resolve("sample-workspace"));
        sample.stub.requireKey(KEY);
        vm = new ConnectionWizardViewModel(sample.workspace, new ConnectionChecklist(
                new SecretResolver(Map.of("STUB_KEY", KEY)), Duration.ofSeconds(3), Clock.systemUTC()),
                new ImmediateTaskRunner());
    }

    @AfterEach
    void close() {
        sample.close();
    }

    @Test
    void everyPageChecksAsAChecklistAndSavingWritesReferencesOnly() throws Exception {
        assertThat(vm.pageProperty().get()).isEqualTo(WizardPage.DATABASE);
        assertThat(vm.database().typeProperty().get()).isEqualTo("sqlite");
        assertThat(vm.database().sqliteProperty().get()).isTrue();
        vm.checkDatabase();
        assertThat(vm.dbChecks()).extracting(CheckLine::name).contains("Profile", "Connection");
        assertThat(vm.dbChecks()).noneMatch(l -> l.state() == CheckLine.State.FAIL);
        // Lines read as sentences, but a literal such as the JDBC URL keeps its case.
        assertThat(vm.dbChecks()).filteredOn(l -> l.name().equals("Connection string")).singleElement()
                .satisfies(l -> assertThat(l.detail()).startsWith("jdbc:sqlite:"));
        assertThat(vm.dbChecks()).filteredOn(l -> l.name().equals("Connection")).singleElement()
                .satisfies(l -> assertThat(l.detail()).startsWith("SQLite "));

        vm.next();
        assertThat(vm.pageProperty().get()).isEqualTo(WizardPage.MODELS);
        assertThat(vm.models()).extracting(ModelProfile::name).containsExactly("gpt-4o-mini", "ollama-qwen-coder");
        vm.modelIdProperty().set("gpt-4o-mini");
        vm.modelNameProperty().set("stub");
        vm.baseUrlProperty().set(sample.stub.baseUrl());
        vm.keyEnvProperty().set("NOT_SET_KEY");
        vm.checkModel();
        assertThat(vm.modelChecks()).first().satisfies(l -> {
            assertThat(l.state()).isEqualTo(CheckLine.State.FAIL);
            assertThat(l.remedy()).startsWith("Export NOT_SET_KEY=");
        });
        vm.keyEnvProperty().set("STUB_KEY");
        vm.checkModel();
        assertThat(vm.modelChecks()).extracting(CheckLine::state).containsOnly(CheckLine.State.OK);
        assertThat(vm.modelChecks().toString()).doesNotContain(KEY);
        vm.addModel();
        vm.selectedModelProperty().set(vm.models().getLast());
        vm.moveUp();
        vm.moveUp();
        assertThat(vm.models()).extracting(ModelProfile::name).containsExactly("stub", "gpt-4o-mini", "ollama-qwen-coder");

        vm.next();
        vm.checkLangfuse();
        assertThat(vm.langfuseChecks()).singleElement().extracting(CheckLine::state).isEqualTo(CheckLine.State.WARN);
        vm.langfuse().enabledProperty().set(true);
        vm.checkLangfuse();
        assertThat(vm.langfuseChecks()).anyMatch(l -> l.state() == CheckLine.State.FAIL
                && l.remedy().contains("LANGFUSE_PUBLIC_KEY"));
        vm.langfuse().enabledProperty().set(false);

        vm.next();
        assertThat(vm.summaryProperty().get()).contains("stub (openai:gpt-4o-mini, key from $STUB_KEY)");
        vm.save();
        assertThat(vm.problemProperty().get()).isEmpty();
        Workspace saved = vm.savedProperty().get();
        // the file keeps its order; the wizard's order is the default model and its fallbacks
        assertThat(saved.config().models()).extracting(m -> m.name())
                .containsExactly("gpt-4o-mini", "ollama-qwen-coder", "stub");
        assertThat(saved.config().run().models()).containsExactly("stub");
        assertThat(saved.config().run().fallback()).containsExactly("gpt-4o-mini", "ollama-qwen-coder");
        assertThat(saved.config().database().name()).isEqualTo("ridgeline");
        assertThat(saved.config().database().init()).containsExactly("db/schema.sql", "db/data.sql");
        assertThat(saved.config().databases()).isEmpty();
        String yaml = Files.readString(saved.root().resolve(Workspace.CONFIG_FILE));
        assertThat(yaml).contains("env: STUB_KEY").doesNotContain(KEY).contains("# The built-in sample workspace");
        assertThat(vm.savedTextProperty().get()).startsWith("Saved to ");
    }
}
