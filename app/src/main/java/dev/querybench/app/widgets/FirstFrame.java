package dev.querybench.app.widgets;

import javafx.animation.AnimationTimer;

/** Work that waits until the window's first frame is on screen, so it does not delay it. */
public final class FirstFrame {

    private FirstFrame() {}

    /**
     * Runs {@code action} on the FX thread once the first frame after now has been drawn: a pulse
     * waits for the renderer to finish the previous frame, so the second animation frame after
     * the window is shown starts only after the first one is on screen. Call on the FX thread.
     */
    public static void then(Runnable action) {
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames == 2) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }
}
