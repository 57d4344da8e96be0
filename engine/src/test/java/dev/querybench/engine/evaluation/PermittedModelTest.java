package dev.querybench.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.model.Completion;
import dev.querybench.engine.model.ModelAdapter;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/** The provider's permit around one model call: taken before it, given back once, as early as the model says. */
class PermittedModelTest {

    private final Semaphore provider = new Semaphore(1);
    private final List<Integer> permitsSeen = new ArrayList<>();

    @Test
    void thePermitIsBackAsSoonAsTheAnswerIsInHandAndOnlyOnce() {
        ModelAdapter storesAfterAnswering = new Fake() {
            @Override
            public Completion complete(String prompt, int repeat, Runnable answered) {
                permitsSeen.add(provider.availablePermits()); // during the call
                answered.run();
                permitsSeen.add(provider.availablePermits()); // while the answer is being stored
                answered.run(); // a second signal gives nothing back twice
                return answer();
            }
        };

        Completion c = new PermittedModel(storesAfterAnswering, provider).complete("q", 1);

        assertThat(c.text()).isEqualTo("SELECT 1");
        assertThat(permitsSeen).containsExactly(0, 1);
        assertThat(provider.availablePermits()).isEqualTo(1);
    }

    @Test
    void aModelThatDoesNotSayIsHeldForTheWholeCall() {
        ModelAdapter plain = new Fake() {
            @Override
            public Completion complete(String prompt) {
                permitsSeen.add(provider.availablePermits());
                return answer();
            }
        };

        new PermittedModel(plain, provider).complete("q");

        assertThat(permitsSeen).containsExactly(0);
        assertThat(provider.availablePermits()).isEqualTo(1);
    }

    @Test
    void aFailedCallGivesThePermitBack() {
        ModelAdapter failing = new Fake() {
            @Override
            public Completion complete(String prompt) {
                throw new IllegalStateException("down");
            }
        };

        assertThatThrownBy(() -> new PermittedModel(failing, provider).complete("q", 0))
                .hasMessage("down");
        assertThat(provider.availablePermits()).isEqualTo(1);
    }

    private abstract static class Fake implements ModelAdapter {
        @Override
        public ModelSpec spec() {
            return ModelSpec.parse("openai:gpt-4o-mini");
        }

        @Override
        public Completion complete(String prompt) {
            return answer();
        }

        static Completion answer() {
            return new Completion("SELECT 1", new Usage(1, 1), Duration.ofMillis(1), "stop", "gpt-4o-mini");
        }
    }
}
