package dev.querybench.app.connection;

/** The connection wizard's pages, in order. */
public enum WizardPage {
    DATABASE("Database", "Where the questions run"),
    MODELS("Model providers", "Who answers, in primary-first order"),
    LANGFUSE("Langfuse", "Optional tracing of every call"),
    SAVE("Save", "Write the profile into querybench.yaml");

    private final String title;
    private final String subtitle;

    WizardPage(String title, String subtitle) {
        this.title = title;
        this.subtitle = subtitle;
    }

    public String title() {
        return title;
    }

    public String subtitle() {
        return subtitle;
    }
}
