package dev.querybench.app;

import java.util.List;
import javafx.application.Application;

/**
 * The entry point behind the launchers. It is not an {@link Application} itself, so the JavaFX
 * runtime can be loaded from the class path rather than as modules. {@link StartupGate} answers
 * {@code --help}, {@code --version} and a missing display before JavaFX starts.
 */
public final class QueryBenchLauncher {

    private QueryBenchLauncher() {}

    public static void main(String[] args) {
        dev.querybench.app.core.StartupTrace.mark("main");
        int answered = StartupGate.answerBeforeLaunch(List.of(args), System.getenv(), System::getProperty,
                System.out, System.err);
        if (answered >= 0) {
            System.exit(answered);
        }
        // The workspace starts opening now, while JavaFX starts its toolkit (EarlyStart). A wrong
        // command line starts nothing here: init() reads it again and shows what is wrong.
        try {
            QueryBenchApplication.handOver(EarlyStart.begin(List.of(args), System.getenv(),
                    java.nio.file.Path.of(System.getProperty("user.home"))));
        } catch (RuntimeException wrongCommandLine) {
            QueryBenchApplication.handOver(null);
        }
        try {
            Application.launch(QueryBenchApplication.class, args);
        } catch (UnsupportedOperationException | UnsatisfiedLinkError e) {
            if (NativeLibraries.missing(e)) {
                // JavaFX found no GTK 3 to draw with: name the packages instead of a stack trace
                System.err.println(NativeLibraries.MESSAGE);
                System.exit(NativeLibraries.MISSING);
            }
            if (!StartupGate.isDisplayFailure(e)) {
                throw e;
            }
            System.err.println(StartupGate.unreachableDisplay(System.getenv()));
            System.exit(StartupGate.NO_DISPLAY);
        }
    }
}
