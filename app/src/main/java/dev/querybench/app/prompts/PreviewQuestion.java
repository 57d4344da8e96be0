package dev.querybench.app.prompts;

/**
 * A question the preview can render the prompt for.
 *
 * @param id question id
 * @param text the question
 */
public record PreviewQuestion(String id, String text) {

    @Override
    public String toString() {
        return id + " · " + text;
    }
}
