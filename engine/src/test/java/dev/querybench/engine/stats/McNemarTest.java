package dev.querybench.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.model.Usage;
import dev.querybench.engine.run.ItemKey;
import dev.querybench.engine.run.ItemResult;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class McNemarTest {

    @Test
    void exactPValuesMatchTheBinomialTail() {
        // b = 1, c = 9: 2 · (C(10,0) + C(10,1)) / 2^10 = 22 / 1024.
        assertThat(McNemar.exactPValue(1, 9)).isCloseTo(22.0 / 1024, within(1e-12));
        assertThat(McNemar.exactPValue(9, 1)).isCloseTo(22.0 / 1024, within(1e-12));
        assertThat(McNemar.exactPValue(5, 5)).isEqualTo(1.0);
        assertThat(McNemar.exactPValue(0, 0)).isEqualTo(1.0);
        // b = 0, c = 6: 2 / 64.
        assertThat(McNemar.exactPValue(0, 6)).isCloseTo(0.03125, within(1e-12));
        assertThat(McNemar.exactPValue(400, 600)).isLessThan(1e-9).isPositive();
    }

    @Test
    void pairsByQuestionListsFlipsAndSkipsErrors() {
        List<ItemResult> a = List.of(item("q1", "A", "pass"), item("q2", "A", "pass"), item("q3", "A", "fail"),
                item("q4", "A", "error"), item("q5", "A", "fail"));
        List<ItemResult> b = List.of(item("q1", "B", "pass"), item("q2", "B", "fail"), item("q3", "B", "pass"),
                item("q4", "B", "pass"), item("q5", "B", "pass"));
        McNemar.Result r = new McNemar().compare(a, b);
        assertThat(r.pairs()).isEqualTo(4);
        assertThat(r.aRightBWrong()).containsExactly("q2");
        assertThat(r.aWrongBRight()).containsExactly("q3", "q5");
        assertThat(r.differencePoints()).isEqualTo(25.0);
        assertThat(r.pValue()).isEqualTo(1.0);
    }

    static ItemResult item(String question, String variant, String outcome) {
        Verdict v = switch (outcome) {
            case "pass" -> Verdict.pass("strict", Set.of(), "");
            case "fail" -> Verdict.fail("strict", Set.of(), FailureCategory.WRONG_VALUES, "", List.of(), List.of());
            default -> Verdict.error("strict", "gold failed");
        };
        return new ItemResult(new ItemKey(question, variant, "m", 0), "p", "a", "SELECT 1", v, 10, Usage.NONE, "m", null,
                Instant.EPOCH);
    }
}
