package dev.querybench.engine.cli;

import dev.querybench.engine.validation.CheckResult;
import java.io.PrintWriter;

/** Prints checklist lines the way {@code querybench doctor} does. */
final class CheckPrinter {

    private final PrintWriter out;
    private boolean failed;

    CheckPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(CheckResult r) {
        String mark = switch (r.status()) {
            case OK -> "[ ok ]";
            case WARN -> "[warn]";
            case FAIL -> "[FAIL]";
        };
        out.println(mark + " " + r.name() + ": " + r.detail());
        if (!r.remedy().isBlank()) {
            r.remedy().lines().forEach(line -> out.println("       " + (line.startsWith(" ") ? line : "→ " + line)));
        }
        failed |= r.status() == CheckResult.Status.FAIL;
    }

    boolean failed() {
        return failed;
    }
}
