package dev.querybench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.errors.QueryBenchException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    private final Path userHome = Path.of("/home/ana");

    @Test
    void withoutArgumentsTheSampleOpensUnderTheUsersHome() {
        AppContext.Settings settings = LaunchOptions.parse(List.of(), Map.of(), userHome);

        assertThat(settings.sample()).isTrue();
        assertThat(settings.workspaceFolder()).isEqualTo(Path.of("/home/ana/.querybench/sample-workspace"));
        assertThat(settings.adHocModel()).isNull();
    }

    @Test
    void querybenchHomeMovesTheSample() {
        AppContext.Settings settings = LaunchOptions.parse(List.of("--workspace", "sample"),
                Map.of("QUERYBENCH_HOME", "/data/qb"), userHome);

        assertThat(settings.sample()).isTrue();
        assertThat(settings.workspaceFolder()).isEqualTo(Path.of("/data/qb/sample-workspace"));
    }

    @Test
    void aWorkspaceFolderAndAnAdHocModelAreTaken() {
        AppContext.Settings settings = LaunchOptions.parse(
                List.of("--workspace=/work/shop", "--model", "openai:gpt-4o-mini", "--base-url", "http://127.0.0.1:9/v1"),
                Map.of("OPENAI_API_KEY", "sk-test"), userHome);

        assertThat(settings.sample()).isFalse();
        assertThat(settings.workspaceFolder()).isEqualTo(Path.of("/work/shop"));
        assertThat(settings.adHocModel()).isEqualTo("openai:gpt-4o-mini");
        assertThat(settings.baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(settings.environment()).containsEntry("OPENAI_API_KEY", "sk-test");
    }

    @Test
    void anUnknownOptionExplainsTheCommandLine() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--wrokspace", "x"), Map.of(), userHome))
                .isInstanceOfSatisfying(QueryBenchException.class, e -> {
                    assertThat(e.error().message()).contains("unknown option --wrokspace");
                    assertThat(e.error().remedy()).contains("--workspace DIR");
                });
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--model"), Map.of(), userHome))
                .isInstanceOf(QueryBenchException.class).hasMessageContaining("needs a value");
    }
}
