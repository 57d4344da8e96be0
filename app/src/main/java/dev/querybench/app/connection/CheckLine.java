package dev.querybench.app.connection;

import java.util.Locale;

/**
 * One line of a wizard checklist.
 *
 * @param name what was checked
 * @param state ok, warn or fail
 * @param detail what was found
 * @param remedy what to do when it is not ok, or blank
 */
public record CheckLine(String name, State state, String detail, String remedy) {

    /** How a check came out. */
    public enum State {
        OK, WARN, FAIL;

        public String styleClass() {
            return "check-" + name().toLowerCase(Locale.ROOT);
        }
    }
}
