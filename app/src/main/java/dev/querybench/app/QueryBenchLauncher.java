package dev.querybench.app;

import javafx.application.Application;

/**
 * The jar's entry point. It is not an {@link Application} itself, so the JavaFX runtime can be
 * loaded from the class path rather than as modules.
 */
public final class QueryBenchLauncher {

    private QueryBenchLauncher() {}

    public static void main(String[] args) {
        Application.launch(QueryBenchApplication.class, args);
    }
}
