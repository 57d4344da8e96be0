package dev.querybench.app.widgets;

import javafx.animation.AnimationTimer;

/** Work that waits until the window's first frame is on screen, so it does not delay it. */
public final class FirstFrame {

    private FirstFrame() {}

    /**
     * Runs {@code action} on the FX thread once the first frame after now has been drawn and
     * presented. A pulse runs the animation timers first and only then waits for the renderer to
     * finish the previous frame before it hands over the next one; so the timer's second call
     * can come while frame 1 is still being drawn (screenshots of the X server taken right after
     * it showed the window before), and its third call comes after pulse 2 has waited for frame 1.
     * Call on the FX thread.
     */
    public static void then(Runnable action) {
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames == 3) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }
}
