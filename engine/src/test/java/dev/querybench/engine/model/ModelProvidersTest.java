package dev.querybench.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What every registered provider promises its callers, whoever the vendor. */
class ModelProvidersTest {

    @Test
    void everyProviderListsUnderItsOwnBaseUrlWithoutATrailingSlash() {
        assertThat(ModelProviders.ids()).contains("openai", "gemini", "ollama", "anthropic");
        for (ModelProvider provider : ModelProviders.all()) {
            ModelCatalog own = provider.catalog(null, "k");
            assertThat(own.baseUrl()).as(provider.id()).startsWith("http").doesNotEndWith("/");
            assertThat(own.firstPage()).as(provider.id()).startsWith(own.baseUrl() + "/");
            assertThat(own.baseUrlHint()).as(provider.id()).isNotBlank();
            ModelCatalog other = provider.catalog("http://127.0.0.1:9/v1/", null);
            assertThat(other.baseUrl()).as(provider.id()).isEqualTo("http://127.0.0.1:9/v1");
            assertThat(other.headers().values()).as(provider.id()).noneMatch(v -> v.contains("null"));
        }
    }

    @Test
    void keyVariablesAreTheProvidersConventionsAndNoneForALocalServer() {
        assertThat(ModelProviders.find("openai").orElseThrow().keyVariable(null)).contains("OPENAI_API_KEY");
        assertThat(ModelProviders.find("openai").orElseThrow().keyVariable("http://localhost:8000/v1")).isEmpty();
        assertThat(ModelProviders.find("gemini").orElseThrow().keyVariable(null)).contains("GEMINI_API_KEY");
        assertThat(ModelProviders.find("anthropic").orElseThrow().keyVariable(null)).contains("ANTHROPIC_API_KEY");
        assertThat(ModelProviders.find("ollama").orElseThrow().keyVariable(null)).isEmpty();
    }

    @Test
    void aliasesResolveOnlyWhereTheProviderDefinesThem() {
        List<String> ids = List.of("claude-sonnet-4-5-20250929", "llama3.2:latest");
        assertThat(ModelProviders.find("anthropic").orElseThrow().catalog(null, "k").match("claude-sonnet-4-5", ids))
                .isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(ModelProviders.find("ollama").orElseThrow().catalog(null, null).match("llama3.2", ids))
                .isEqualTo("llama3.2:latest");
        assertThat(ModelProviders.find("openai").orElseThrow().catalog(null, "k").match("llama3.2", ids)).isNull();
    }
}
