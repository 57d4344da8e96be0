package dev.querybench.app.grid;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.engine.console.QueryCancel;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Decides which page of one grid is read, so scrolling never queues up reads: at most one page
 * request is in flight; a newer request waits in a single slot and replaces whatever waited
 * there (newest wins); and when the newer page is not next to the one being read, the read in
 * flight is cancelled on the database. A dropped or cancelled request is answered with
 * {@code null}, so the grid asks for that page again if it still shows it.
 *
 * <p>Reads run on the application's {@link TaskRunner}. Call from the UI thread only.
 */
public final class GridPager implements PagedRows.PageLoader {

    private final TaskRunner tasks;
    private final PageReader reader;
    private final int pageSize;
    private final Consumer<Throwable> onFailure;
    private Request inFlight;
    private Request waiting;
    private boolean closed;
    private long cancelled;

    /**
     * @param onFailure told (on the UI thread) why a page could not be read; never for a cancelled read
     */
    public GridPager(TaskRunner tasks, PageReader reader, int pageSize, Consumer<Throwable> onFailure) {
        this.tasks = tasks;
        this.reader = reader;
        this.pageSize = pageSize;
        this.onFailure = onFailure;
    }

    private static final class Request {
        final long page;
        final Consumer<List<List<String>>> deliver;
        final QueryCancel cancel = new QueryCancel();

        Request(long page, Consumer<List<List<String>>> deliver) {
            this.page = page;
            this.deliver = deliver;
        }
    }

    @Override
    public void accept(Long page, Consumer<List<List<String>>> deliver) {
        Request request = new Request(page, deliver);
        if (closed) {
            deliver.accept(null);
            return;
        }
        if (inFlight == null) {
            start(request);
            return;
        }
        Request dropped = waiting;
        waiting = request;
        if (dropped != null) {
            dropped.deliver.accept(null);
        }
        if (Math.abs(inFlight.page - page) > 1 && !inFlight.cancel.isCancelled()) {
            inFlight.cancel.cancel();
            cancelled++;
        }
    }

    /** Stops reading for this grid: the read in flight is cancelled and nothing waiting starts. */
    public void close() {
        closed = true;
        if (inFlight != null) {
            inFlight.cancel.cancel();
        }
        Request dropped = waiting;
        waiting = null;
        if (dropped != null) {
            dropped.deliver.accept(null);
        }
    }

    /** True while a page is being read. */
    public boolean busy() {
        return inFlight != null;
    }

    /** Reads cancelled on the database because a newer page was asked for. */
    public long cancelledReads() {
        return cancelled;
    }

    private void start(Request request) {
        inFlight = request;
        tasks.submit(() -> reader.read(request.page * pageSize, pageSize, request.cancel),
                rows -> finish(request, rows, null), failure -> finish(request, null, failure));
    }

    private void finish(Request request, List<List<String>> rows, Throwable failure) {
        if (inFlight == request) {
            inFlight = null;
        }
        boolean stopped = request.cancel.isCancelled() || failure instanceof CancellationException;
        request.deliver.accept(stopped || failure != null ? null : rows);
        if (failure != null && !stopped) {
            onFailure.accept(failure);
        }
        Request next = waiting;
        waiting = null;
        if (next != null && !closed) {
            start(next);
        }
    }
}
