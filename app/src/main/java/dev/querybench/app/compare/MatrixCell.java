package dev.querybench.app.compare;

import dev.querybench.app.runs.VerdictKind;
import java.util.List;

/**
 * One question in one (variant, model) column.
 *
 * @param verdict how it came out, or null when the item did not finish
 * @param category the failure category in words ("Wrong values"), "Error", or blank
 * @param flags the verdict's marks ({@code vacuous}, {@code ambiguous-gold}, …)
 * @param judge what the LLM judge said in words ("equivalent", "not equivalent", "unsure", "ERROR"),
 *     or blank when the item was not judged
 * @param judgeDisagrees true when the judge gave a definite answer that contradicts the execution verdict
 */
public record MatrixCell(VerdictKind verdict, String category, List<String> flags, String judge,
        boolean judgeDisagrees) {

    /** The mark a cell carries when the judge contradicts the execution verdict. */
    public static final String JUDGE_DISAGREES_MARK = "⚖";

    public MatrixCell {
        flags = List.copyOf(flags);
        judge = judge == null ? "" : judge;
    }

    /** A cell of a run without a judge. */
    public MatrixCell(VerdictKind verdict, String category, List<String> flags) {
        this(verdict, category, flags, "", false);
    }

    /** What the cell says: "PASS", "FAIL", "ERROR" or "—". */
    public String text() {
        return verdict == null ? "—" : verdict.name();
    }

    /** Small marks for the flags: ∅ vacuous, ? ambiguous gold, • anything else; ⚖ when the judge disagrees. */
    public String marks() {
        StringBuilder out = new StringBuilder();
        for (String flag : flags) {
            out.append(switch (flag) {
                case "vacuous" -> "∅";
                case "ambiguous-gold", "ambiguous" -> "?";
                default -> "•";
            });
        }
        if (judgeDisagrees) {
            out.append(JUDGE_DISAGREES_MARK);
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
