package dev.querybench.engine.db;

/**
 * A moment's view of a backend's connection pool.
 *
 * @param active connections running a query
 * @param idle open connections waiting for work
 * @param total open connections
 * @param waiting threads waiting for a connection
 * @param maximumSize the pool's limit
 */
public record PoolStats(int active, int idle, int total, int waiting, int maximumSize) {}
