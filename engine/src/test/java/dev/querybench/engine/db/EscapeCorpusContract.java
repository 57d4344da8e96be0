package dev.querybench.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.testing.db.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known ways out of a read-only session, tried with an account that MAY write, so only
 * QueryBench's own layers stand between the query and the data. Every attempt is followed by
 * reading the data back (row counts and tables) as the writable account. Attempts go through the
 * {@link SafeExecutor} (all layers) and, where the database layer is meant to stop them on its
 * own, through {@link DatabaseBackend#executeReadOnly} alone. The backend has a single pooled
 * connection, so a session change that leaked would reach the very next query.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EscapeCorpusContract {

    protected static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(10), 100);

    protected TestDatabase db;
    protected DatabaseBackend backend;
    protected SafeExecutor safe;

    protected abstract TestDatabase createDatabase();

    /** Attempts the safe executor must refuse. */
    protected abstract List<String> escapes();

    /** Attempts the database layer alone must leave harmless. */
    protected abstract List<String> escapesTheDatabaseLayerStops();

    /** A query that never ends on this engine. */
    protected abstract String neverEndingQuery();

    @BeforeAll
    void openWritableBackend() {
        db = createDatabase();
        new DatasetDatabaseLoader(Clock.systemUTC()).load(db.writable(),
                DatabaseDefinition.fromScripts("escapes", DatabaseBackendContract.SCHEMA, DatabaseBackendContract.DATA));
        // the writable account is privileged on purpose: only QueryBench's other layers stand in the way
        backend = DatabaseBackends.open(db.writable().withPool(new PoolSettings(1, Duration.ofSeconds(10)))
                .withPrivilegedAccountAllowed(true));
        safe = new SafeExecutor(backend);
    }

    @AfterAll
    void close() {
        if (backend != null) {
            backend.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void theSafeExecutorRefusesItAndTheDataStaysIntact(String attack) {
        assertThatThrownBy(() -> safe.execute(attack, LIMITS))
                .isInstanceOfSatisfying(QueryExecutionException.class,
                        e -> assertThat(e.failure()).isIn(QueryFailure.REFUSED, QueryFailure.SYNTAX));
        assertDataIntact();
        assertSessionStillSafe();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapesTheDatabaseLayerStops")
    void theDatabaseLayerAloneLeavesTheDataIntact(String attack) {
        try {
            backend.executeReadOnly(attack, LIMITS);
        } catch (QueryExecutionException expected) {
            // refused or failed on the server: either is fine, the data decides
        }
        assertDataIntact();
        assertSessionStillSafe();
    }

    @Test
    void aNeverEndingQueryStopsWithinTheTimeoutPlusOneSecondThroughEitherLayer() {
        Duration timeout = Duration.ofSeconds(2);
        for (boolean throughSafeExecutor : List.of(true, false)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> {
                if (throughSafeExecutor) {
                    safe.execute(neverEndingQuery(), new QueryLimits(timeout, 10));
                } else {
                    backend.executeReadOnly(neverEndingQuery(), new QueryLimits(timeout, 10));
                }
            }).isInstanceOfSatisfying(QueryExecutionException.class,
                    e -> assertThat(e.failure()).isEqualTo(QueryFailure.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("safe executor: " + throughSafeExecutor)
                    .isLessThan(timeout.plusSeconds(1));
        }
        assertDataIntact();
    }

    /** Reads the data back as the writable account: every table and every row is still there. */
    protected void assertDataIntact() {
        assertThat(db.count("t")).isEqualTo(3);
        assertThat(db.count("parent")).isEqualTo(2);
        assertThat(db.count("numbers")).isEqualTo(1_000);
        assertThat(backend.tableNames()).map(n -> n.toLowerCase(Locale.ROOT)).containsExactly("numbers", "parent", "t");
    }

    /** The next query on the (single) pooled connection is still read-only. */
    protected void assertSessionStillSafe() {
        assertThatThrownBy(() -> backend.executeReadOnly("DELETE FROM t", LIMITS))
                .isInstanceOf(QueryExecutionException.class);
        assertThat(db.count("t")).isEqualTo(3);
    }
}
