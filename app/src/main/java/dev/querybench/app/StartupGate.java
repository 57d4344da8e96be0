package dev.querybench.app;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine;

/**
 * What the workbench settles before (and around) starting JavaFX: {@code --help} and
 * {@code --version} print and end the process; without a graphical display it says so in one line
 * instead of JavaFX's stack trace. Exit codes are the command line's: 0 done, 2 usage, 4 the
 * environment (no display).
 */
final class StartupGate {

    static final int OK = 0;
    static final int NO_DISPLAY = 4;

    static final String NO_DISPLAY_MESSAGE = "querybench-app: no graphical display to open the window on "
            + "(%s): start it from a desktop session, or with 'ssh -X' from one; the command line "
            + "'querybench' works without a display.";

    private StartupGate() {}

    /**
     * Answers the command line without a window when it asks for help or the version, or when
     * there is no display: returns the exit code then, or -1 when the window should start.
     */
    static int answerBeforeLaunch(List<String> args, Map<String, String> environment, UnaryOperator<String> properties,
                                  PrintStream out, PrintStream err) {
        if (args.stream().anyMatch(a -> a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version"))) {
            CommandLine commandLine = new CommandLine(new AppCommandLine());
            commandLine.setOut(new java.io.PrintWriter(out, true));
            commandLine.setErr(new java.io.PrintWriter(err, true));
            return commandLine.execute(args.toArray(String[]::new));
        }
        String missing = missingDisplay(environment, properties);
        if (missing != null) {
            err.println(NO_DISPLAY_MESSAGE.formatted(missing));
            return NO_DISPLAY;
        }
        return -1;
    }

    /**
     * Why there is no display on Linux and the other X11/Wayland systems, or null when there may
     * be one (always on Windows and macOS, and when another Glass platform, such as the headless
     * one of the tests, is chosen).
     */
    static String missingDisplay(Map<String, String> environment, UnaryOperator<String> properties) {
        String os = String.valueOf(properties.apply("os.name")).toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac") || properties.apply("glass.platform") != null) {
            return null;
        }
        if (blank(environment.get("DISPLAY")) && blank(environment.get("WAYLAND_DISPLAY"))) {
            return "neither DISPLAY nor WAYLAND_DISPLAY is set";
        }
        return null;
    }

    /** True when JavaFX failed to start because the display could not be opened. */
    static boolean isDisplayFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnsupportedOperationException && String.valueOf(t.getMessage()).contains("DISPLAY")) {
                return true;
            }
        }
        return false;
    }

    /** The one line for a display that is named but cannot be opened. */
    static String unreachableDisplay(Map<String, String> environment) {
        String display = environment.get("DISPLAY");
        return NO_DISPLAY_MESSAGE.formatted("the display " + (blank(display) ? "" : "'" + display + "' ")
                + "cannot be opened");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
