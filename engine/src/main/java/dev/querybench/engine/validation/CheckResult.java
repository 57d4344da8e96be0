package dev.querybench.engine.validation;

/**
 * One line of a checklist.
 *
 * @param name what was checked
 * @param status OK, WARN or FAIL
 * @param detail what was found
 * @param remedy what to do when it is not OK (empty when OK)
 */
public record CheckResult(String name, Status status, String detail, String remedy) {

    /** How a check came out. */
    public enum Status { OK, WARN, FAIL }

    public static CheckResult ok(String name, String detail) {
        return new CheckResult(name, Status.OK, detail, "");
    }

    public static CheckResult warn(String name, String detail, String remedy) {
        return new CheckResult(name, Status.WARN, detail, remedy);
    }

    public static CheckResult fail(String name, String detail, String remedy) {
        return new CheckResult(name, Status.FAIL, detail, remedy);
    }
}
