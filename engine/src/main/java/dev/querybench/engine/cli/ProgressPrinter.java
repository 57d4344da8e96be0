package dev.querybench.engine.cli;

import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunProgress;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * The live progress line: redrawn in place on a terminal, a line per tenth of the run otherwise.
 * Thread-safe.
 */
final class ProgressPrinter implements RunListener {

    private static final int BAR = 24;

    private final PrintWriter err;
    private final boolean interactive;
    private int lastDecile = -1;

    ProgressPrinter(PrintWriter err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public synchronized void started(RunRecord run, int restored) {
        err.println("Run " + run.id() + ": " + run.plannedItems() + " items (" + run.questionIds().size()
                + " questions × " + run.variants().size() + " variants × " + run.models().size() + " models)"
                + (restored > 0 ? ", " + restored + " already done" : ""));
        err.flush();
    }

    @Override
    public synchronized void itemFinished(ItemResult item, RunProgress p) {
        int decile = (int) (p.fraction() * 10);
        if (!interactive && decile == lastDecile && p.done() != p.total()) {
            return;
        }
        lastDecile = decile;
        int filled = (int) Math.round(p.fraction() * BAR);
        String line = String.format("[%s%s] %d/%d %3.0f%%  pass %d  fail %d  error %d  ETA %s",
                "#".repeat(filled), ".".repeat(BAR - filled), p.done(), p.total(), p.fraction() * 100, p.passed(),
                p.failed(), p.errors(), eta(p.eta()));
        if (interactive) {
            err.print("\r" + line);
        } else {
            err.println(line);
        }
        err.flush();
    }

    @Override
    public synchronized void finished(RunResults results) {
        if (interactive) {
            err.println();
        }
        err.flush();
    }

    private static String eta(Duration eta) {
        if (eta == null) {
            return "--";
        }
        long s = eta.toSeconds();
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }
}
