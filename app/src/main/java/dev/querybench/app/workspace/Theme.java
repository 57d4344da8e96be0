package dev.querybench.app.workspace;

import java.net.URL;
import java.util.List;

/** The window's colour themes. Dark is the light theme's rules with its own colours laid over them. */
public enum Theme {
    LIGHT("Light", List.of("light.css")),
    DARK("Dark", List.of("light.css", "dark.css"));

    private static final String FOLDER = "/dev/querybench/app/theme/";

    private final String label;
    private final List<String> files;

    Theme(String label, List<String> files) {
        this.label = label;
        this.files = files;
    }

    public String label() {
        return label;
    }

    /** The other theme. */
    public Theme toggled() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** The stylesheets a scene in this theme carries, in order, as URLs. */
    public List<String> stylesheets() {
        return files.stream().map(Theme::resource).map(URL::toExternalForm).toList();
    }

    private static URL resource(String file) {
        URL url = Theme.class.getResource(FOLDER + file);
        if (url == null) {
            throw new IllegalStateException(FOLDER + file + " is missing from the class path (querybench-ui-resources)");
        }
        return url;
    }
}
