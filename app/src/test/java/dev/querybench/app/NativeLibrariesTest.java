package dev.querybench.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeLibrariesTest {

    @Test
    void javaFxsGtkFailureIsRecognisedAndAnsweredWithThePackagesToInstall() {
        // what com.sun.glass.ui.gtk.GtkApplication throws when libgtk-3 cannot be loaded
        RuntimeException launch = new RuntimeException("Exception in Application start method",
                new UnsupportedOperationException("Unable to load glass GTK library."));
        assertThat(NativeLibraries.missing(launch)).isTrue();
        assertThat(NativeLibraries.missing(new UnsupportedOperationException("Unable to open DISPLAY"))).isFalse();
        assertThat(NativeLibraries.MESSAGE).contains("sudo apt-get install libgtk-3-0 libgl1 libxtst6 libxxf86vm1",
                "libgtk-3-0t64");
    }
}
