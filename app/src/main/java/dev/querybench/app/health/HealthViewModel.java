package dev.querybench.app.health;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.engine.health.HealthCheck;
import dev.querybench.engine.health.HealthMonitor;
import dev.querybench.engine.health.HealthState;
import dev.querybench.engine.health.HealthStatus;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Health panel: every endpoint the workspace depends on (database, model profiles, Langfuse)
 * with its status, a latency sparkline, the breaker's state and the last error, checked through
 * the engine's {@link HealthMonitor}; a notification when one goes down or comes back. Checks run
 * on the {@link TaskRunner}: one round with {@link #checkNow}, or repeatedly with {@link #startMonitoring}.
 */
public final class HealthViewModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final HealthMonitor monitor;
    private final List<HealthCheck> checks;
    private final TaskRunner tasks;
    private final ObservableList<EndpointHealth> endpoints = FXCollections.observableArrayList();
    private final ObservableList<EndpointHealth> endpointsView = FXCollections.unmodifiableObservableList(endpoints);
    private final ObservableList<String> notifications = FXCollections.observableArrayList();
    private final ObservableList<String> notificationsView = FXCollections.unmodifiableObservableList(notifications);
    private final ReadOnlyStringWrapper latestNotification = new ReadOnlyStringWrapper(this, "latestNotification", "");
    private final ReadOnlyObjectWrapper<EndpointHealth.State> overall =
            new ReadOnlyObjectWrapper<>(this, "overall", EndpointHealth.State.UNKNOWN);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Not checked yet.");
    private final ReadOnlyObjectWrapper<HealthCounts> counts = new ReadOnlyObjectWrapper<>(this, "counts",
            HealthCounts.NONE);
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private final Map<String, HealthState> lastStates = new LinkedHashMap<>();
    private TaskRunner.Job monitoring;

    public HealthViewModel(HealthMonitor monitor, List<HealthCheck> checks, TaskRunner tasks) {
        this.monitor = monitor;
        this.checks = List.copyOf(checks);
        this.tasks = tasks;
        for (HealthCheck check : checks) {
            endpoints.add(new EndpointHealth(check.name(), EndpointHealth.State.UNKNOWN, "", "", "Not checked yet.", "",
                    "", List.of()));
        }
    }

    // ---- intents

    /** Checks every endpoint once in the background. */
    public void checkNow() {
        if (checking.get()) {
            return;
        }
        checking.set(true);
        tasks.submit(monitor::checkNow, statuses -> {
            checking.set(false);
            show(statuses);
        }, failure -> {
            checking.set(false);
            summary.set("The checks could not run: " + failure.getMessage());
        });
    }

    /** Checks every endpoint now and then every {@code interval} until {@link #stopMonitoring}. */
    public void startMonitoring(Duration interval) {
        if (monitoring != null) {
            return;
        }
        monitoring = tasks.<Void, List<HealthStatus>>submit(context -> {
            Thread worker = Thread.currentThread();
            context.onCancel(worker::interrupt);
            while (!context.isCancelled()) {
                context.publish(monitor.checkNow());
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return null;
                }
            }
            return null;
        }, batches -> show(batches.getLast()), done -> { }, failure -> summary.set("Monitoring stopped: "
                + failure.getMessage()));
    }

    public void stopMonitoring() {
        if (monitoring != null) {
            monitoring.cancel();
            monitoring = null;
        }
    }

    public void dismissNotification() {
        latestNotification.set("");
    }

    // ---- work

    private void show(List<HealthStatus> statuses) {
        int down = 0;
        int degraded = 0;
        for (HealthStatus status : statuses) {
            EndpointHealth row = row(status);
            for (int i = 0; i < endpoints.size(); i++) {
                if (endpoints.get(i).name().equals(status.endpoint())) {
                    endpoints.set(i, row);
                }
            }
            HealthState before = lastStates.put(status.endpoint(), status.state());
            if (before != null && before != status.state()) {
                notify(status, before);
            }
            down += status.state() == HealthState.DOWN ? 1 : 0;
            degraded += status.state() == HealthState.DEGRADED ? 1 : 0;
        }
        // counted over every endpoint shown, so the summary, the status bar and the navigator agree with the rows
        down = count(EndpointHealth.State.DOWN);
        degraded = count(EndpointHealth.State.DEGRADED);
        int unknown = count(EndpointHealth.State.UNKNOWN);
        HealthCounts now = new HealthCounts(endpoints.size() - down - degraded - unknown, degraded, down, unknown);
        counts.set(now);
        overall.set(down > 0 ? EndpointHealth.State.DOWN : degraded > 0 ? EndpointHealth.State.DEGRADED
                : EndpointHealth.State.UP);
        summary.set(now.text() + " · checked at " + (statuses.isEmpty() ? "—"
                : TIME.format(statuses.getLast().checkedAt().atZone(ZoneId.systemDefault()))));
    }

    private int count(EndpointHealth.State state) {
        return (int) endpoints.stream().filter(e -> e.state() == state).count();
    }

    private void notify(HealthStatus status, HealthState before) {
        String text = switch (status.state()) {
            case DOWN -> status.endpoint() + " is down: " + status.lastError();
            case DEGRADED -> status.endpoint() + " is degraded: " + status.detail();
            case UP -> status.endpoint() + " is back up" + (before == HealthState.DOWN ? " after being down" : "") + ".";
        };
        notifications.addFirst(TIME.format(status.checkedAt().atZone(ZoneId.systemDefault())) + " · " + text);
        latestNotification.set(text);
    }

    private EndpointHealth row(HealthStatus status) {
        List<Double> spark = new ArrayList<>();
        for (HealthStatus past : monitor.history(status.endpoint())) {
            spark.add(past.state() == HealthState.DOWN ? -1.0 : (double) past.latency().toMillis());
        }
        EndpointHealth.State state = EndpointHealth.State.valueOf(status.state().name());
        String latency = state == EndpointHealth.State.DOWN && status.latencyP50().isZero() ? "no answer"
                : "p50 " + status.latencyP50().toMillis() + " ms · p95 " + status.latencyP95().toMillis() + " ms · last "
                        + status.latency().toMillis() + " ms";
        return new EndpointHealth(status.endpoint(), state, latency,
                status.breaker().name().toLowerCase(Locale.ROOT).replace('_', ' '), status.detail(), status.lastError(),
                TIME.format(status.checkedAt().atZone(ZoneId.systemDefault())), spark);
    }

    // ---- properties

    public ObservableList<EndpointHealth> endpoints() {
        return endpointsView;
    }

    /** Every change of state after the first check, newest first. */
    public ObservableList<String> notifications() {
        return notificationsView;
    }

    /** The newest change of state, until dismissed; empty when there is none. */
    public ReadOnlyStringProperty latestNotificationProperty() {
        return latestNotification.getReadOnlyProperty();
    }

    /** The worst state over all endpoints. */
    public ReadOnlyObjectProperty<EndpointHealth.State> overallProperty() {
        return overall.getReadOnlyProperty();
    }

    /** The endpoints in each state, after the latest round of checks. */
    public ReadOnlyObjectProperty<HealthCounts> countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    public int endpointCount() {
        return checks.size();
    }
}
