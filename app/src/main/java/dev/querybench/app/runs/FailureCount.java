package dev.querybench.app.runs;

/**
 * How many items of the run failed for one reason, for the "why items failed" card.
 *
 * @param label the failure category in words ("Wrong values"), or "Errors" for ERROR items
 * @param count items
 */
public record FailureCount(String label, int count) {}
