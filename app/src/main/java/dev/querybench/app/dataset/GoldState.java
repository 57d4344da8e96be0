package dev.querybench.app.dataset;

import java.util.Locale;

/** Where a question's gold check stands. */
public enum GoldState {
    NOT_CHECKED("not checked"),
    OK("runs"),
    EMPTY("no rows"),
    FAILED("fails");

    private final String label;

    GoldState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String styleClass() {
        return "gold-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
