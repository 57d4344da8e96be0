package dev.querybench.app.text;

/**
 * A styled range of a text shown in a code view.
 *
 * @param start first character
 * @param end after the last character
 * @param styleClass the CSS class that styles it ({@code sql-keyword}, {@code diff-changed}, …)
 */
public record Highlight(int start, int end, String styleClass) {}
