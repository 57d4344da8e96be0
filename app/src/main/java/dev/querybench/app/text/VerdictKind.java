package dev.querybench.app.text;

import java.util.Locale;

/** How an item came out, as the results table shows it. */
public enum VerdictKind {
    PASS,
    FAIL,
    ERROR;

    /** The CSS class that colours it. */
    public String styleClass() {
        return "verdict-" + name().toLowerCase(Locale.ROOT);
    }
}
