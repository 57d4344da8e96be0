package dev.querybench.app;

/**
 * The native libraries JavaFX draws with on Linux, and the one message a first start prints when
 * they are missing, instead of JavaFX's "Unable to load glass GTK library" stack trace.
 */
final class NativeLibraries {

    /** Debian 12 package names; Debian 13 and Ubuntu 24.04 call the first libgtk-3-0t64. */
    static final String DEBIAN_PACKAGES = "libgtk-3-0 libgl1 libxtst6 libxxf86vm1 libfreetype6 libfontconfig1";

    static final String MESSAGE = "querybench-app: JavaFX cannot load the GTK 3 libraries it draws the window with."
            + " Install them and start again: on Debian and Ubuntu 'sudo apt-get install " + DEBIAN_PACKAGES
            + "' (libgtk-3-0t64 on Debian 13 and Ubuntu 24.04), on Fedora 'sudo dnf install gtk3 mesa-libGL"
            + " libXtst libXxf86vm'. The command line 'querybench' needs none of them.";

    /** Exit code: the machine lacks what QueryBench needs. */
    static final int MISSING = 4;

    private NativeLibraries() {}

    /** True when JavaFX failed to start because its GTK library could not be loaded. */
    static boolean missing(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnsupportedOperationException && String.valueOf(t.getMessage()).contains("GTK")
                    || t instanceof UnsatisfiedLinkError && String.valueOf(t.getMessage()).contains("glass")) {
                return true;
            }
        }
        return false;
    }
}
