package dev.querybench.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.evaluation.sql.OrderDetector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderDetectorTest {

    private final OrderDetector detector = new OrderDetector();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SELECT a FROM t ORDER BY a                                              | true",
        "SELECT a FROM t                                                         | false",
        "SELECT a FROM (SELECT a FROM t ORDER BY a LIMIT 3) s                    | false",
        "SELECT a FROM t WHERE a IN (SELECT b FROM u ORDER BY b LIMIT 1)         | false",
        "SELECT a FROM t UNION SELECT b FROM u ORDER BY 1                        | true",
        "WITH x AS (SELECT a FROM t ORDER BY a) SELECT a FROM x                  | false",
        "SELECT 'order by' AS s FROM t                                           | false",
        "SELECT a FROM t ORDER BY a LIMIT 5                                      | true",
    })
    void onlyTheOutermostOrderByCounts(String sql, boolean ordered) {
        assertThat(detector.isOrdered(sql)).isEqualTo(ordered);
    }
}
