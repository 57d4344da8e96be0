package dev.querybench.app.testing;

import dev.querybench.app.core.DialogService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A dialog service that remembers what it was asked to show. */
public final class RecordingDialogs implements DialogService {

    /** One shown error. */
    public record Shown(String title, String message, String remedy, String details) {}

    private final List<Shown> shown = new CopyOnWriteArrayList<>();

    @Override
    public void showError(String title, String message, String remedy, String details) {
        shown.add(new Shown(title, message, remedy, details));
    }

    public List<Shown> shown() {
        return List.copyOf(shown);
    }
}
