package dev.querybench.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.testing.SampleFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldCheckerTest {

    @TempDir
    Path folder;

    @Test
    void everySampleGoldRunsAndBrokenGoldIsReported() {
        try (WorkspaceSession session = SampleFixture.session(folder)) {
            GoldChecker checker = new GoldChecker(session.executor(), session.queryLimits());
            List<GoldChecker.Result> seen = new ArrayList<>();
            List<GoldChecker.Result> results = checker.check(session.workspace().dataset().questions(), seen::add,
                    () -> false);
            assertThat(results).hasSize(54).isEqualTo(seen);
            assertThat(results).noneMatch(r -> r.status() == GoldChecker.Status.FAILED);

            List<Question> broken = List.of(new Question("x1", "broken", List.of("SELECT nope FROM customers"), "", List.of(), ""),
                    new Question("x2", "empty", List.of("SELECT * FROM customers WHERE 1 = 0"), "", List.of(), ""));
            List<GoldChecker.Result> bad = checker.check(broken, r -> { }, () -> false);
            assertThat(bad).extracting(GoldChecker.Result::status)
                    .containsExactly(GoldChecker.Status.FAILED, GoldChecker.Status.EMPTY);
            assertThat(bad.getFirst().error()).containsIgnoringCase("nope");
            assertThat(checker.check(broken, r -> { }, () -> true)).isEmpty();
        }
    }
}
