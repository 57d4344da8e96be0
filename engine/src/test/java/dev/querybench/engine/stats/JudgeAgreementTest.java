package dev.querybench.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.evaluation.base.FailureCategory;
import dev.querybench.engine.evaluation.base.JudgeVerdict;
import dev.querybench.engine.evaluation.base.JudgeVerdict.Decision;
import dev.querybench.engine.evaluation.base.Verdict;
import dev.querybench.engine.model.Provenance;
import dev.querybench.engine.model.Usage;
import dev.querybench.engine.run.ItemKey;
import dev.querybench.engine.run.ItemResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JudgeAgreementTest {

    private static ItemResult item(String question, int repeat, boolean passed, Decision decision, BigDecimal cost) {
        return item(question, repeat, passed, decision, cost, 30);
    }

    private static ItemResult item(String question, int repeat, boolean passed, Decision decision, BigDecimal cost,
            long judgeMillis) {
        Verdict verdict = passed ? Verdict.pass("strict", Set.of(), "same rows")
                : Verdict.fail("strict", Set.of(), FailureCategory.WRONG_VALUES, "values differ", List.of(), List.of());
        JudgeVerdict judge = decision == null ? null : new JudgeVerdict("llm-judge:j", "judge", decision, 0.5, "r",
                null, new Usage(100, 10), judgeMillis, cost, Provenance.UNKNOWN);
        return new ItemResult(new ItemKey(question, "v", "m", repeat), "p", "a", "SELECT 1", verdict, 10,
                new Usage(1, 1), "m", Provenance.UNKNOWN, BigDecimal.ZERO, null, Instant.EPOCH, List.of(), judge);
    }

    @Test
    void unsureAndErrorAreLeftOutOfTheAgreementAndFailuresCalledEquivalentAreListedPerRepeat() {
        BigDecimal cent = new BigDecimal("0.01");
        List<ItemResult> items = List.of(
                item("q1", 0, true, Decision.EQUIVALENT, cent),
                item("q1", 1, false, Decision.EQUIVALENT, cent),
                item("q2", 0, false, Decision.NOT_EQUIVALENT, cent),
                item("q3", 0, true, Decision.NOT_EQUIVALENT, cent),
                item("q4", 0, false, Decision.UNSURE, cent),
                item("q5", 0, true, Decision.ERROR, BigDecimal.ZERO),
                item("q6", 0, false, null, null));

        JudgeAgreement.CellAgreement cell = new JudgeAgreement().cells(items).getFirst();

        assertThat(cell.judged()).isEqualTo(6);
        assertThat(cell.describe()).isEqualTo("judge agrees with execution on 2/4");
        assertThat(cell.rate()).isEqualTo(0.5);
        assertThat(cell.failJudgedEquivalent()).containsExactly("q1#1");
        assertThat(cell.passJudgedNotEquivalent()).containsExactly("q3");
        assertThat(List.of(cell.equivalent(), cell.notEquivalent(), cell.unsure(), cell.errors()))
                .containsExactly(2, 2, 1, 1);
        assertThat(cell.inputTokens()).isEqualTo(600);
        assertThat(cell.cost()).isEqualByComparingTo("0.05");
        assertThat(new JudgeAgreement().failJudgedEquivalent(items)).isEqualTo(1);
    }

    @Test
    void aJudgeWithoutAPriceMakesTheCellsJudgeCostUnknownAndUnjudgedRunsHaveNoCells() {
        List<ItemResult> items = List.of(item("q1", 0, true, Decision.EQUIVALENT, null),
                item("q2", 0, true, Decision.EQUIVALENT, new BigDecimal("0.01")));
        assertThat(new JudgeAgreement().cells(items).getFirst().cost()).isNull();
        assertThat(new JudgeAgreement().cells(List.of(item("q1", 0, true, null, null)))).isEmpty();
    }

    @Test
    void judgeLatencyPercentilesArePerCellOverJudgedItemsOnly() {
        List<ItemResult> items = new ArrayList<>();
        // twenty judged items taking 10, 20, ... 200 ms, in shuffled order, and one unjudged item
        for (int i = 20; i >= 1; i--) {
            items.add(item("q" + i, 0, i % 2 == 0, Decision.EQUIVALENT, BigDecimal.ZERO, (i * 7 % 20 + 1) * 10L));
        }
        items.add(item("slow-unjudged", 0, true, null, null, 0));

        JudgeAgreement.CellAgreement cell = new JudgeAgreement().cells(items).getFirst();

        assertThat(cell.latencyP50Ms()).isEqualTo(100);
        assertThat(cell.latencyP95Ms()).isEqualTo(190);
        assertThat(cell.describeLatency()).isEqualTo("judge latency p50 100 ms, p95 190 ms");
    }
}
