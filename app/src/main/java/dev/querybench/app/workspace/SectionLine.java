package dev.querybench.app.workspace;

/**
 * One line of a section page: a table, a question, a check.
 *
 * @param title what it is
 * @param detail what was found about it
 * @param status its dot
 * @param remedy what to do when it needs attention, or blank
 */
public record SectionLine(String title, String detail, Status status, String remedy) {

    static SectionLine of(String title, String detail) {
        return new SectionLine(title, detail, Status.NONE, "");
    }
}
