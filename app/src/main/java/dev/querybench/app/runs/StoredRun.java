package dev.querybench.app.runs;

/**
 * A run in the workspace's store, as the history list shows it.
 *
 * @param id run id
 * @param started "2026-11-24 00:54"
 * @param variants variant names, comma separated
 * @param models model names, comma separated
 * @param questions how many questions it planned
 * @param status running, finished or cancelled
 */
public record StoredRun(String id, String started, String variants, String models, int questions, String status) {}
