package dev.querybench.app.workspace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How the main window looked when it was last closed: bounds, maximised, split-pane dividers
 * by pane id, the section in front and the theme. Immutable.
 *
 * @param x left edge in screen coordinates, or NaN to let the platform centre the window
 * @param y top edge, or NaN
 * @param width the window's width when not maximised
 * @param height the window's height when not maximised
 * @param dividers divider positions (0..1) of each split pane, by the pane's id
 */
public record WindowLayout(double x, double y, double width, double height, boolean maximized,
        Map<String, List<Double>> dividers, Section section, Theme theme) {

    /** A first start: centred, 1360 × 860, the Runs section, light. */
    public static final WindowLayout DEFAULT = new WindowLayout(Double.NaN, Double.NaN, 1360, 860, false, Map.of(),
            Section.RUNS, Theme.LIGHT);

    public WindowLayout {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        dividers.forEach((id, positions) -> copy.put(id, List.copyOf(positions)));
        dividers = java.util.Collections.unmodifiableMap(copy);
        section = section == null ? Section.RUNS : section;
        theme = theme == null ? Theme.LIGHT : theme;
    }

    public boolean hasPosition() {
        return !Double.isNaN(x) && !Double.isNaN(y);
    }

    public WindowLayout withSection(Section newSection) {
        return new WindowLayout(x, y, width, height, maximized, dividers, newSection, theme);
    }

    public WindowLayout withTheme(Theme newTheme) {
        return new WindowLayout(x, y, width, height, maximized, dividers, section, newTheme);
    }

    /** As properties: {@code window.x}, {@code divider.<id>=0.25,0.6}, {@code section=PROMPTS} … */
    public Properties toProperties() {
        Properties p = new Properties();
        if (hasPosition()) {
            p.setProperty("window.x", Double.toString(x));
            p.setProperty("window.y", Double.toString(y));
        }
        p.setProperty("window.width", Double.toString(width));
        p.setProperty("window.height", Double.toString(height));
        p.setProperty("window.maximized", Boolean.toString(maximized));
        p.setProperty("section", section.name());
        p.setProperty("theme", theme.name());
        dividers.forEach((id, positions) -> p.setProperty("divider." + id,
                String.join(",", positions.stream().map(d -> Double.toString(d)).toList())));
        return p;
    }

    /** Reads what {@link #toProperties} wrote; anything missing or unreadable falls back to {@link #DEFAULT}. */
    public static WindowLayout fromProperties(Properties p) {
        Map<String, List<Double>> dividers = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("divider.")) {
                List<Double> positions = positions(p.getProperty(name));
                if (!positions.isEmpty()) {
                    dividers.put(name.substring("divider.".length()), positions);
                }
            }
        }
        double width = number(p, "window.width", DEFAULT.width());
        double height = number(p, "window.height", DEFAULT.height());
        return new WindowLayout(number(p, "window.x", Double.NaN), number(p, "window.y", Double.NaN),
                width > 0 ? width : DEFAULT.width(), height > 0 ? height : DEFAULT.height(),
                Boolean.parseBoolean(p.getProperty("window.maximized", "false")), dividers,
                constant(Section.class, p.getProperty("section"), DEFAULT.section()),
                constant(Theme.class, p.getProperty("theme"), DEFAULT.theme()));
    }

    private static double number(Properties p, String key, double fallback) {
        try {
            String value = p.getProperty(key);
            double d = value == null ? fallback : Double.parseDouble(value);
            return Double.isInfinite(d) ? fallback : d;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static List<Double> positions(String value) {
        List<Double> positions = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                double d = Double.parseDouble(part.strip());
                if (d < 0 || d > 1 || Double.isNaN(d)) {
                    return List.of();
                }
                positions.add(d);
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return positions;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name, E fallback) {
        if (name == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, name.strip());
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
