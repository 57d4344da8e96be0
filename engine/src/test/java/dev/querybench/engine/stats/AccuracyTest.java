package dev.querybench.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AccuracyTest {

    @Test
    void wilsonIntervalMatchesKnownValues() {
        // 8 of 10: Wilson 95% interval is [0.4902, 0.9433].
        Accuracy a = Accuracy.of(8, 10);
        assertThat(a.value()).isEqualTo(0.8);
        assertThat(a.low()).isCloseTo(0.4902, within(1e-4));
        assertThat(a.high()).isCloseTo(0.9433, within(1e-4));
    }

    @Test
    void extremesStayInsideZeroAndOne() {
        assertThat(Accuracy.of(0, 20).low()).isZero();
        assertThat(Accuracy.of(0, 20).high()).isCloseTo(0.1611, within(1e-4));
        assertThat(Accuracy.of(20, 20).high()).isEqualTo(1.0);
        assertThat(Accuracy.of(0, 0).value()).isNaN();
        assertThatThrownBy(() -> Accuracy.of(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentilesUseNearestRank() {
        assertThat(RunSummary.percentile(java.util.List.of(10L, 20L, 30L, 40L), 0.5)).isEqualTo(20);
        assertThat(RunSummary.percentile(java.util.List.of(10L, 20L, 30L, 40L), 0.95)).isEqualTo(40);
        assertThat(RunSummary.percentile(java.util.List.of(), 0.5)).isZero();
    }
}
