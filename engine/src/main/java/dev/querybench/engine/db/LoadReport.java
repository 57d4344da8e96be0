package dev.querybench.engine.db;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What loading a dataset's database did and what the integrity check found.
 *
 * @param action whether the schema was created, rebuilt for a new version, or already current
 * @param version the definition's version now in the database
 * @param rowCounts rows per table after loading
 * @param problems row-count mismatches and orphaned foreign keys; empty when the data is intact
 * @param elapsed time taken
 */
public record LoadReport(Action action, String version, Map<String, Long> rowCounts, List<String> problems,
        Duration elapsed) {

    /** What the loader did to the schema. */
    public enum Action { CREATED, UPGRADED, UNCHANGED }

    public LoadReport {
        rowCounts = Map.copyOf(rowCounts);
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
