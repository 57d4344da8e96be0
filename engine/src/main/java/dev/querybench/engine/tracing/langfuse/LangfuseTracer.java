package dev.querybench.engine.tracing.langfuse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.querybench.engine.tracing.TracedItem;
import dev.querybench.engine.tracing.TracedRun;
import dev.querybench.engine.tracing.Tracer;
import dev.querybench.engine.tracing.TracerStats;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each finished item to Langfuse as a trace with its generation, SQL-execution span and
 * scores ({@link LangfuseEvents}), plus dataset run links when a {@link DatasetRunLinker} is given.
 *
 * <p>The run's threads only build the events and put them in a bounded in-memory queue; one
 * background thread sends them in batches to {@code POST /api/public/ingestion}. When the queue is
 * full, events go to an overflow list that a second background thread writes to disk, so the run's
 * threads never wait for a disk or a network; past a hard cap on that list they are dropped and
 * counted. When Langfuse
 * cannot be reached (no connection, timeout, 5xx, 429, refused keys) the events go to a folder on
 * disk and are sent, oldest first, when it answers again, with exponential backoff in between. A
 * 207 answer is read event by event: refused events are logged and counted, those refused with a
 * retryable status are sent again a few times. Nothing here blocks or fails a run: a full queue
 * spills to disk, and closing waits only a short grace period before keeping the rest on disk for
 * the next tracer on the same folder.
 *
 * <p>Thread-safe.
 */
public final class LangfuseTracer implements Tracer {

    private static final Logger LOG = LoggerFactory.getLogger(LangfuseTracer.class);

    private final LangfuseDelivery delivery;
    private final LangfuseTracerSettings settings;
    private final SpillFolder spill;
    private final LangfuseEvents events;
    private final DatasetRunLinker datasets;
    private final BlockingQueue<Outgoing> queue;
    private final Thread sender;
    private final Thread spiller;
    private final ConcurrentLinkedQueue<Outgoing> overflow = new ConcurrentLinkedQueue<>();
    private final AtomicLong overflowSize = new AtomicLong();
    private final Semaphore overflowSignal = new Semaphore(0);
    private final Object signal = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<String> pushedDatasets = ConcurrentHashMap.newKeySet();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closing;
    private volatile boolean reachable = true;
    // Only the sender thread touches these two.
    private long backoffMillis;
    private long nextAttemptNanos;

    /**
     * Starts the background sender.
     *
     * @param client the Langfuse API
     * @param spillFolder where events wait while Langfuse cannot be reached (created when needed)
     * @param settings batching, retry and limits
     * @param datasets dataset run linking, or null for none
     * @param clock time source for event timestamps
     */
    public LangfuseTracer(LangfuseClient client, Path spillFolder, LangfuseTracerSettings settings,
            DatasetRunLinker datasets, Clock clock) {
        this.delivery = new LangfuseDelivery(client, settings);
        this.settings = settings;
        this.spill = new SpillFolder(spillFolder, settings.maxSpillBytes());
        this.events = new LangfuseEvents(clock);
        this.datasets = datasets;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.sender = Thread.ofPlatform().name("querybench-langfuse-sender").daemon().unstarted(this::loop);
        this.spiller = Thread.ofPlatform().name("querybench-langfuse-spiller").daemon().unstarted(this::spillLoop);
        sender.start();
        spiller.start();
    }

    @Override
    public void runStarted(TracedRun run) {
        if (datasets != null && pushedDatasets.add(run.dataset())) {
            datasets.upsertDataset(run.dataset(), "Questions of QueryBench workspace " + run.workspace(),
                    run.questions()).forEach(this::enqueue);
        }
    }

    @Override
    public void itemFinished(TracedItem item) {
        List<ObjectNode> built = events.forItem(item);
        built.forEach(e -> enqueue(Outgoing.event(e)));
        if (datasets != null) {
            String traceId = LangfuseEvents.traceId(item.runId(), item.result());
            String generationId = LangfuseEvents.observationId("generation", item.runId(), item.result());
            datasets.link(item, traceId, generationId).forEach(this::enqueue);
        }
    }

    @Override
    public TracerStats stats() {
        return new TracerStats(queued.get(), delivery.sent(), delivery.rejected(), delivery.retried(),
                queue.size() + overflowSize.get() + spill.count(), dropped.get(), reachable);
    }

    /** The folder where events wait while Langfuse cannot be reached. */
    public Path spillFolder() {
        return spill.folder();
    }

    private void enqueue(Outgoing outgoing) {
        queued.incrementAndGet();
        if (!closed.get() && queue.offer(outgoing)) {
            return;
        }
        if (overflowSize.incrementAndGet() > 10L * settings.queueCapacity()) {
            overflowSize.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        overflow.add(outgoing);
        overflowSignal.release();
        if (closed.get() && !spiller.isAlive()) {
            writeOverflow();
        }
    }

    /** Writes the overflow list to disk whenever it gets entries, until the tracer is closed. */
    private void spillLoop() {
        while (!closed.get() || overflowSize.get() > 0) {
            try {
                if (overflowSignal.tryAcquire(settings.flushInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    overflowSignal.drainPermits();
                }
            } catch (InterruptedException e) {
                writeOverflow();
                return;
            }
            writeOverflow();
        }
    }

    private void writeOverflow() {
        List<Outgoing> batch = new ArrayList<>();
        Outgoing next;
        while ((next = overflow.poll()) != null) {
            overflowSize.decrementAndGet();
            batch.add(next);
        }
        if (!batch.isEmpty()) {
            keepOnDisk(batch);
        }
    }

    private void keepOnDisk(List<Outgoing> entries) {
        try {
            long lost = spill.write(entries);
            if (lost > 0) {
                dropped.addAndGet(lost);
                LOG.warn("Langfuse: the waiting-events folder {} reached its limit ({} MB, langfuse.outboxMegabytes);"
                        + " the {} oldest events were dropped ({} in all so far)", spill.folder(),
                        settings.maxSpillBytes() / (1024 * 1024), lost, dropped.get());
            }
        } catch (RuntimeException e) {
            dropped.addAndGet(entries.size());
            LOG.warn("Langfuse: cannot keep {} events on disk: {}", entries.size(), e.getMessage());
        }
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (!spill.isEmpty()) {
                    moveQueueToDisk();
                    long wait = nextAttemptNanos - System.nanoTime();
                    if (wait > 0) {
                        if (closing) {
                            break;
                        }
                        pause(Math.min(TimeUnit.NANOSECONDS.toMillis(wait) + 1,
                                Math.max(1, settings.flushInterval().toMillis())));
                        continue;
                    }
                    Optional<Path> segment = spill.oldest();
                    if (segment.isEmpty()) {
                        continue;
                    }
                    LangfuseDelivery.Result delivery = this.delivery.deliver(spill.read(segment.get()));
                    spill.replace(segment.get(), delivery.remaining());
                    settle(delivery);
                    continue;
                }
                if (closing && queue.isEmpty()) {
                    break;
                }
                List<Outgoing> batch = take();
                if (batch.isEmpty()) {
                    continue;
                }
                LangfuseDelivery.Result delivery = this.delivery.deliver(batch);
                if (!delivery.remaining().isEmpty()) {
                    keepOnDisk(delivery.remaining());
                }
                settle(delivery);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("Langfuse sender: {}", e.toString());
                try {
                    pause(settings.minBackoff().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private List<Outgoing> take() throws InterruptedException {
        List<Outgoing> batch = new ArrayList<>();
        Outgoing first = closing ? queue.poll() : queue.poll(settings.flushInterval().toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return batch;
        }
        batch.add(first);
        queue.drainTo(batch, settings.maxBatchEvents() * 4 - 1);
        return batch;
    }

    private void moveQueueToDisk() {
        List<Outgoing> waiting = new ArrayList<>();
        queue.drainTo(waiting);
        if (!waiting.isEmpty()) {
            keepOnDisk(waiting);
        }
    }

    private void pause(long millis) throws InterruptedException {
        synchronized (signal) {
            if (!closing) {
                signal.wait(Math.max(1, millis));
            }
        }
    }

    private void settle(LangfuseDelivery.Result delivery) {
        if (delivery.outage()) {
            if (reachable) {
                LOG.warn("Langfuse cannot be used right now ({}); events wait in {} and are sent when it is back",
                        delivery.problem(), spill.folder());
            }
            reachable = false;
            backoffMillis = backoffMillis == 0 ? settings.minBackoff().toMillis()
                    : Math.min(backoffMillis * 2, settings.maxBackoff().toMillis());
            long jittered = (long) (backoffMillis * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
            nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(jittered);
            return;
        }
        if (!reachable) {
            LOG.info("Langfuse is reachable again; sending the waiting events");
        }
        reachable = true;
        backoffMillis = 0;
        nextAttemptNanos = delivery.remaining().isEmpty() ? 0
                : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.minBackoff().toMillis());
    }

    /**
     * Stops the sender: sends what it can within the grace period (at once when Langfuse is
     * unreachable) and keeps the rest on disk. Never throws.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing = true;
        synchronized (signal) {
            signal.notifyAll();
        }
        try {
            sender.join(settings.closeGrace());
            if (sender.isAlive()) {
                sender.interrupt();
                sender.join(Duration.ofMillis(50));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        moveQueueToDisk();
        try {
            spiller.join(Duration.ofMillis(50));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeOverflow();
        TracerStats stats = stats();
        String summary = "Langfuse: " + stats.sent() + " events accepted, " + stats.rejected() + " refused, "
                + stats.waiting() + " waiting" + (stats.dropped() > 0 ? ", " + stats.dropped() + " dropped" : "")
                + (delivery.sentRequests() > 0 ? "; " + delivery.sentRequests() + " dataset requests accepted" : "");
        if (stats.waiting() > 0 || stats.dropped() > 0) {
            LOG.warn("{} (the waiting ones are in {} and are sent by the next run)", summary, spill.folder());
        } else {
            LOG.info(summary);
        }
    }
}
