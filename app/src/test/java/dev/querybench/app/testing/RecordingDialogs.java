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

    private volatile boolean confirmAnswer = true;
    private final List<String> questions = new CopyOnWriteArrayList<>();

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        questions.add(message);
        return confirmAnswer;
    }

    private final List<Shown> paths = new CopyOnWriteArrayList<>();

    @Override
    public void showPath(String title, String message, String remedy, String path) {
        paths.add(new Shown(title, message, remedy, path));
    }

    /** The failures shown with a path to copy ({@code details} holds the path). */
    public List<Shown> paths() {
        return List.copyOf(paths);
    }

    /** What {@link #confirm} answers from now on. */
    public void answer(boolean goAhead) {
        confirmAnswer = goAhead;
    }

    /** The questions asked with {@link #confirm}. */
    public List<String> questions() {
        return List.copyOf(questions);
    }

    public List<Shown> shown() {
        return List.copyOf(shown);
    }
}
