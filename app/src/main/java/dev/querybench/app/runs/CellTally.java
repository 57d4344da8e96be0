package dev.querybench.app.runs;

import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.stats.Accuracy;

/** Running counts of one cell while its items arrive. */
final class CellTally {
    private final String variant;
    private final String model;
    final int planned;
    private int passed;
    private int failed;
    private int errors;

    CellTally(String variant, String model, int planned) {
        this.variant = variant;
        this.model = model;
        this.planned = planned;
    }

    void add(ItemResult item) {
        switch (item.outcome()) {
            case PASS -> passed++;
            case FAIL -> failed++;
            case ERROR -> errors++;
        }
    }

    CellCard card() {
        Accuracy accuracy = Accuracy.of(passed, passed + failed);
        return new CellCard(variant, model, passed, failed, errors, planned, accuracy.value(), accuracy.low(),
                accuracy.high(), -1, -1);
    }
}
