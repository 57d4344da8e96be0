package dev.querybench.engine.db;

import java.time.Duration;

/**
 * What streaming a query through a {@link RowSink} read.
 *
 * @param rows rows handed to the sink
 * @param truncated true when the result had more rows than the stream's limit (or the sink
 *     stopped reading), so the sink saw only part of it
 * @param elapsed time from execution start to the last row read
 */
public record StreamedRows(long rows, boolean truncated, Duration elapsed) {}
