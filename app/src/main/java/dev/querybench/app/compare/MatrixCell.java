package dev.querybench.app.compare;

import dev.querybench.app.runs.VerdictKind;
import java.util.List;

/**
 * One question in one (variant, model) column.
 *
 * @param verdict how it came out, or null when the item did not finish
 * @param category the failure category in words ("Wrong values"), "Error", or blank
 * @param flags the verdict's marks ({@code vacuous}, {@code ambiguous-gold}, …)
 */
public record MatrixCell(VerdictKind verdict, String category, List<String> flags) {

    public MatrixCell {
        flags = List.copyOf(flags);
    }

    /** What the cell says: "PASS", "FAIL", "ERROR" or "—". */
    public String text() {
        return verdict == null ? "—" : verdict.name();
    }

    /** Small marks for the flags: ∅ vacuous, ? ambiguous gold, • anything else. */
    public String marks() {
        StringBuilder out = new StringBuilder();
        for (String flag : flags) {
            out.append(switch (flag) {
                case "vacuous" -> "∅";
                case "ambiguous-gold", "ambiguous" -> "?";
                default -> "•";
            });
        }
        return out.toString();
    }

    public boolean passed() {
        return verdict == VerdictKind.PASS;
    }

    /** Judged as right or wrong (not an error, not missing). */
    public boolean judged() {
        return verdict == VerdictKind.PASS || verdict == VerdictKind.FAIL;
    }
}
