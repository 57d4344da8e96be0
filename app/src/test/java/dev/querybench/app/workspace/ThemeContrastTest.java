package dev.querybench.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * WCAG 2.x contrast ratios computed from the themes' own colours: text at least 4.5:1 (AA, normal
 * text) on every background it is drawn on, the scroll bar's thumb at least 3:1 against its track
 * and the surfaces beside it (1.4.11, non-text). The dark theme renames light.css's colours, so
 * its palette is light.css's with dark.css's on top, as the scene applies them.
 */
class ThemeContrastTest {

    private static final List<String> TEXT = List.of("-qb-text", "-qb-muted", "-qb-faint", "-qb-accent",
            "-qb-accent-dark", "-qb-pass", "-qb-fail", "-qb-error", "-qb-sql-text", "-qb-keyword", "-qb-string",
            "-qb-number", "-qb-variable", "-qb-notice-text", "-qb-banner-text", "-qb-banner-title");
    private static final List<String> BACKGROUNDS = List.of("-qb-bg", "-qb-surface", "-qb-sidebar", "-qb-code-bg",
            "-qb-field", "-qb-header", "-qb-row-alt", "-qb-hover");
    private static final Pattern VARIABLE = Pattern.compile("(-qb-[\\w-]+):\\s*(#[0-9a-fA-F]{6})\\b");

    @Test
    void darkThemeTextMeetsAaOnEveryBackground() throws IOException {
        Map<String, String> dark = palette("dark.css");
        for (String text : TEXT) {
            for (String background : BACKGROUNDS) {
                assertThat(ratio(dark.get(text), dark.get(background)))
                        .as("dark %s %s on %s %s", text, dark.get(text), background, dark.get(background))
                        .isGreaterThanOrEqualTo(4.5);
            }
        }
    }

    @Test
    void lightThemeBodyTextMeetsAa() throws IOException {
        Map<String, String> light = palette(null);
        for (String text : List.of("-qb-text", "-qb-muted", "-qb-accent-dark", "-qb-sql-text", "-qb-banner-text")) {
            for (String background : List.of("-qb-bg", "-qb-surface", "-qb-sidebar", "-qb-header", "-qb-field")) {
                assertThat(ratio(light.get(text), light.get(background)))
                        .as("light %s on %s", text, background).isGreaterThanOrEqualTo(4.5);
            }
        }
    }

    @Test
    void scrollBarThumbsStandOutInBothThemes() throws IOException {
        for (String theme : new String[] {null, "dark.css"}) {
            Map<String, String> colours = palette(theme);
            String thumb = colours.get("-qb-scroll-thumb");
            for (String beside : List.of("-qb-scroll-track", "-qb-surface", "-qb-bg", "-qb-sidebar", "-qb-code-bg")) {
                assertThat(ratio(thumb, colours.get(beside)))
                        .as("%s thumb %s against %s %s", theme == null ? "light" : "dark", thumb, beside,
                                colours.get(beside))
                        .isGreaterThanOrEqualTo(3.0);
            }
        }
        assertThat(css("light.css")).contains(".scroll-bar > .thumb { -fx-background-color: -qb-scroll-thumb;");
    }

    @Test
    void theRatioIsWcags() {
        assertThat(ratio("#000000", "#ffffff")).isCloseTo(21.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(ratio("#777777", "#ffffff")).isCloseTo(4.48, org.assertj.core.data.Offset.offset(0.01));
    }

    /** light.css's .root colours, with {@code overlay}'s on top when given. */
    private static Map<String, String> palette(String overlay) throws IOException {
        Map<String, String> colours = new LinkedHashMap<>(rootColours(css("light.css")));
        if (overlay != null) {
            colours.putAll(rootColours(css(overlay)));
        }
        return colours;
    }

    private static Map<String, String> rootColours(String css) {
        String root = css.substring(css.indexOf(".root"));
        root = root.substring(0, root.indexOf('}'));
        Map<String, String> colours = new LinkedHashMap<>();
        Matcher m = VARIABLE.matcher(root);
        while (m.find()) {
            colours.put(m.group(1), m.group(2));
        }
        return colours;
    }

    private static String css(String name) throws IOException {
        try (InputStream in = ThemeContrastTest.class.getResourceAsStream("/dev/querybench/app/theme/" + name)) {
            assertThat(in).as(name + " on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** WCAG's contrast ratio of two sRGB colours. */
    static double ratio(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
