package dev.querybench.engine.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ExplanationTest {

    private static final String NL = System.lineSeparator();

    @Test
    void aFailureWrappedByAnExecutorIsExplainedByItsQueryBenchException() {
        QueryBenchException cause = new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION,
                "run.models names 'gpt5', which is not a model profile", "use names from the models list"));
        Explanation why = Explanation.of(new CompletionException(new RuntimeException("wrapped", cause)));

        assertThat(why.what()).isEqualTo("run.models names 'gpt5', which is not a model profile");
        assertThat(why.where()).isEmpty();
        assertThat(why.oneLine()).isEqualTo(
                "run.models names 'gpt5', which is not a model profile — use names from the models list");
        assertThat(why.lines()).isEqualTo(
                "run.models names 'gpt5', which is not a model profile" + NL + "  → use names from the models list");
        assertThat(cause.error().describe()).isEqualTo(why.lines());
    }

    @Test
    void anUnexpectedFailureKeepsItsMessageOrNamesItsKindAndHasNoFix() {
        assertThat(Explanation.of(new IllegalStateException("disk full")).oneLine()).isEqualTo("disk full");
        Explanation nameless = Explanation.of(new UncheckedIOException(null, new java.io.IOException()));
        assertThat(nameless.oneLine()).isEqualTo("UncheckedIOException");
        assertThat(nameless.fixOr("try again")).isEqualTo("try again");
        assertThat(nameless.lines()).doesNotContain("→");
    }

    @Test
    void aProblemInAFileLeadsWithItsPlaceAndField() {
        FileProblem problem = new FileProblem("querybench.yaml", 23, 3, "run.matchMode", "unknown match mode 'fuzzy'",
                "use one of strict, set");
        Explanation why = problem.explanation();

        assertThat(why.where()).isEqualTo("querybench.yaml:23:3");
        assertThat(why.headline()).isEqualTo("querybench.yaml:23:3: run.matchMode: unknown match mode 'fuzzy'")
                .isEqualTo(problem.message());
        assertThat(why.oneLine()).endsWith(" — use one of strict, set");
        assertThat(why.fixOr("ignored")).isEqualTo("use one of strict, set");
    }
}
