package dev.querybench.app.core;

import java.lang.management.ManagementFactory;

/**
 * A debug aid for start-up work: with {@code -Dquerybench.startup.trace=true} each {@link #mark}
 * prints the milliseconds since the JVM started and what was reached, on standard error. Without
 * the property it does nothing (and loads nothing).
 */
public final class StartupTrace {

    /** System property that turns the trace on. */
    public static final String PROPERTY = "querybench.startup.trace";

    private StartupTrace() {}

    /** True when the trace is on. */
    public static boolean on() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Prints {@code what} with the JVM's uptime when the trace is on. */
    public static void mark(String what) {
        if (Boolean.getBoolean(PROPERTY)) {
            System.err.printf("querybench startup %6d ms  [%s] %s%n",
                    ManagementFactory.getRuntimeMXBean().getUptime(), Thread.currentThread().getName(), what);
        }
    }
}
