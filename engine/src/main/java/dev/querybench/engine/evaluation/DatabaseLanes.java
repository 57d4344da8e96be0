package dev.querybench.engine.evaluation;

import dev.querybench.engine.dataset.Question;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a score's workers take its items: the items of each database form a lane,
 * in dataset order; a worker keeps to its lane while it has items, then takes a lane no worker has
 * started, and only when every lane has been started does it join the lane with the most items
 * left per worker. So each database is asked by one worker at a time for most of the score: its
 * pool keeps the one connection it opened (a server database costs one log-in and one session
 * set-up instead of one per worker), and each gold query is run by the worker that first needs it
 * rather than awaited by several. Thread-safe.
 */
final class DatabaseLanes {

    private static final class Lane {
        final ArrayDeque<Integer> items = new ArrayDeque<>();
        int workers;
        boolean started;
    }

    private final List<Lane> lanes = new ArrayList<>();

    /** Lanes by each question's database, in the order the databases first appear. */
    DatabaseLanes(List<Question> questions) {
        Map<String, Lane> byDatabase = new LinkedHashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            byDatabase.computeIfAbsent(questions.get(i).database(), d -> new Lane()).items.add(i);
        }
        lanes.addAll(byDatabase.values());
    }

    /** One worker's view: the indexes of the items it should judge, one by one. Not shared between threads. */
    Cursor cursor() {
        return new Cursor();
    }

    final class Cursor {

        private Lane lane;

        private Cursor() {}

        /** The index of the next item to judge, or -1 when every item has been handed out. */
        int next() {
            synchronized (DatabaseLanes.this) {
                if (lane != null && !lane.items.isEmpty()) {
                    return lane.items.poll();
                }
                if (lane != null) {
                    lane.workers--;
                }
                lane = unstarted();
                if (lane == null) {
                    lane = busiest();
                }
                if (lane == null) {
                    return -1;
                }
                lane.started = true;
                lane.workers++;
                return lane.items.poll();
            }
        }
    }

    private Lane unstarted() {
        for (Lane l : lanes) {
            if (!l.started && !l.items.isEmpty()) {
                return l;
            }
        }
        return null;
    }

    /** The lane with the most items left for each of its workers and one more. */
    private Lane busiest() {
        Lane best = null;
        for (Lane l : lanes) {
            if (!l.items.isEmpty() && (best == null
                    || (long) l.items.size() * (best.workers + 1) > (long) best.items.size() * (l.workers + 1))) {
                best = l;
            }
        }
        return best;
    }
}
