package dev.querybench.engine.health;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.resilience.BreakerState;
import dev.querybench.engine.validation.CheckResult;
import dev.querybench.engine.validation.ValidationResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Checks model endpoints periodically and keeps each one's status history: up, degraded or
 * down, latency p50/p95 over the recent checks, the last error and the breaker's state.
 * Listeners hear of every state change (including each endpoint's first status), for alerts.
 *
 * <p>An endpoint is DOWN when its probe fails (other than by a rate limit) or its breaker is
 * open; DEGRADED when the probe is rate limited or slower than {@link Settings#degradedLatency},
 * or the breaker is half-open; UP otherwise.
 *
 * <p>The scheduler and clock are passed in; {@link #close} stops the monitor's own task but
 * leaves the scheduler to its owner. Thread-safe.
 */
public final class HealthMonitor implements AutoCloseable {

    /**
     * How the monitor runs.
     *
     * @param interval time between the end of one round of checks and the start of the next
     * @param degradedLatency a probe slower than this makes the endpoint DEGRADED
     * @param historySize statuses kept per endpoint; percentiles are over the successful ones among them
     */
    public record Settings(Duration interval, Duration degradedLatency, int historySize) {

        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(30), Duration.ofSeconds(3), 50);

        public Settings {
            if (interval.isNegative() || interval.isZero() || historySize < 1) {
                throw new IllegalArgumentException("the interval must be positive and the history at least 1");
            }
        }
    }

    private final List<HealthCheck> checks;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Settings settings;
    private final Map<String, Deque<HealthStatus>> history = new LinkedHashMap<>();
    private final List<HealthListener> listeners = new CopyOnWriteArrayList<>();
    private ScheduledFuture<?> task;

    public HealthMonitor(List<HealthCheck> checks, ScheduledExecutorService scheduler, Clock clock, Settings settings) {
        this.checks = List.copyOf(checks);
        this.scheduler = scheduler;
        this.clock = clock;
        this.settings = settings;
        for (HealthCheck check : this.checks) {
            history.put(check.name(), new ArrayDeque<>());
        }
    }

    public void addListener(HealthListener listener) {
        listeners.add(listener);
    }

    public void removeListener(HealthListener listener) {
        listeners.remove(listener);
    }

    /** Starts checking every endpoint now and then every {@link Settings#interval}. */
    public synchronized void start() {
        if (task == null) {
            task = scheduler.scheduleWithFixedDelay(this::checkQuietly, 0, settings.interval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Checks every endpoint once, on the caller's thread, and returns their statuses. */
    public List<HealthStatus> checkNow() {
        List<HealthStatus> round = new ArrayList<>();
        for (HealthCheck check : checks) {
            round.add(check(check));
        }
        return round;
    }

    /** The latest status of each endpoint checked so far. */
    public List<HealthStatus> current() {
        List<HealthStatus> latest = new ArrayList<>();
        synchronized (history) {
            history.values().forEach(h -> {
                if (!h.isEmpty()) {
                    latest.add(h.getLast());
                }
            });
        }
        return latest;
    }

    /** The latest status of {@code endpoint}, if it was checked. */
    public Optional<HealthStatus> current(String endpoint) {
        synchronized (history) {
            Deque<HealthStatus> h = history.get(endpoint);
            return h == null || h.isEmpty() ? Optional.empty() : Optional.of(h.getLast());
        }
    }

    /** The recent statuses of {@code endpoint}, oldest first. */
    public List<HealthStatus> history(String endpoint) {
        synchronized (history) {
            Deque<HealthStatus> h = history.get(endpoint);
            return h == null ? List.of() : List.copyOf(h);
        }
    }

    private void checkQuietly() {
        for (HealthCheck check : checks) {
            try {
                check(check);
            } catch (RuntimeException e) {
                // a failing probe must not end the schedule: the next round tries again
            }
        }
    }

    private HealthStatus check(HealthCheck check) {
        ValidationResult probe;
        try {
            probe = check.probe().get();
        } catch (RuntimeException e) {
            probe = ValidationResult.failed(check.name(), Duration.ZERO, ErrorResponse.of(
                    ErrorCategory.INTERNAL, "the check itself failed: " + e.getMessage(), ""));
        }
        BreakerState breaker = check.breaker().get();
        Instant now = clock.instant();
        HealthStatus previous;
        HealthStatus status;
        synchronized (history) {
            Deque<HealthStatus> h = history.get(check.name());
            previous = h.isEmpty() ? null : h.getLast();
            HealthState state = state(probe, breaker);
            String lastError = !probe.ok() ? probe.detail() : previous == null ? "" : previous.lastError();
            List<Duration> latencies = new ArrayList<>();
            h.stream().filter(s -> s.state() != HealthState.DOWN).map(HealthStatus::latency).forEach(latencies::add);
            if (probe.ok()) {
                latencies.add(probe.latency());
            }
            latencies.sort(null);
            status = new HealthStatus(check.name(), state, now, probe.latency(), percentile(latencies, 0.50),
                    percentile(latencies, 0.95), breaker, lastError, probe.detail());
            h.addLast(status);
            while (h.size() > settings.historySize()) {
                h.removeFirst();
            }
        }
        if (previous == null || previous.state() != status.state()) {
            HealthEvent event = new HealthEvent(previous, status);
            for (HealthListener listener : listeners) {
                try {
                    listener.stateChanged(event);
                } catch (RuntimeException e) {
                    // one listener's failure must not silence the others
                }
            }
        }
        return status;
    }

    private HealthState state(ValidationResult probe, BreakerState breaker) {
        if (breaker == BreakerState.OPEN) {
            return HealthState.DOWN;
        }
        if (!probe.ok()) {
            return probe.error() != null && probe.error().category() == ErrorCategory.RATE_LIMIT
                    ? HealthState.DEGRADED : HealthState.DOWN;
        }
        if (breaker == BreakerState.HALF_OPEN || probe.status() == CheckResult.Status.WARN
                || probe.latency().compareTo(settings.degradedLatency()) > 0) {
            return HealthState.DEGRADED;
        }
        return HealthState.UP;
    }

    /** Nearest-rank percentile of sorted values; zero for none. */
    static Duration percentile(List<Duration> sorted, double q) {
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** Stops the periodic checks; the scheduler is left running for its owner. */
    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }
}
