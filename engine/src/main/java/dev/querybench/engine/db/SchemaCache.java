package dev.querybench.engine.db;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The schema of one backend, read on first use and kept until {@link #refresh()}. Thread-safe:
 * concurrent first readers may both introspect, and one result wins.
 */
public final class SchemaCache {

    private final DatabaseBackend backend;
    private final AtomicReference<SchemaSnapshot> current = new AtomicReference<>();

    public SchemaCache(DatabaseBackend backend) {
        this.backend = backend;
    }

    public SchemaSnapshot get() {
        SchemaSnapshot snapshot = current.get();
        if (snapshot == null) {
            snapshot = backend.introspect();
            if (!current.compareAndSet(null, snapshot)) {
                snapshot = current.get();
            }
        }
        return snapshot;
    }

    /** Reads the schema again, for after the database changed. */
    public SchemaSnapshot refresh() {
        SchemaSnapshot snapshot = backend.introspect();
        current.set(snapshot);
        return snapshot;
    }
}
