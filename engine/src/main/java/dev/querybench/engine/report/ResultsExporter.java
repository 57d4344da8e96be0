package dev.querybench.engine.report;

import dev.querybench.engine.evaluation.RunResults;
import java.nio.file.Path;

/** Writes a run's results to a file in one format. Implementations are stateless. */
public interface ResultsExporter {

    /** File extension without the dot, such as {@code json}. */
    String format();

    /** Writes the results into {@code folder} and returns the file written. */
    Path export(RunResults results, Path folder);
}
