package dev.querybench.app.workspace;

/** The workspace navigator's entries, in the order shown and reached with Ctrl+1 … Ctrl+6. */
public enum Section {
    CONNECTIONS("Connections"),
    DATASETS("Datasets"),
    PROMPTS("Prompts"),
    RUNS("Runs"),
    SQL_CONSOLE("SQL Console"),
    HEALTH("Health");

    private final String label;

    Section(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** "Ctrl+4" for the fourth entry. */
    public String shortcut() {
        return "Ctrl+" + (ordinal() + 1);
    }
}
