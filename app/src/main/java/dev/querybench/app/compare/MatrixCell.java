package dev.querybench.app.compare;

import dev.querybench.app.text.VerdictKind;
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

    /** The cell of a finished item (or of one that did not finish: empty). */
    static MatrixCell of(java.util.Optional<dev.querybench.engine.run.ItemResult> item) {
        if (item.isEmpty()) {
            return new MatrixCell(null, "", List.of());
        }
        var result = item.get();
        VerdictKind kind = VerdictKind.valueOf(result.outcome().name());
        String category = kind == VerdictKind.ERROR ? "Error"
                : result.verdict().failureCategory() == null ? "" : words(result.verdict().failureCategory().id());
        var judge = result.judge();
        return new MatrixCell(kind, category, List.copyOf(result.verdict().flags()),
                judge == null ? "" : CellDetailViewModel.judgeWords(judge.decision()),
                judge != null && judge.agreesWith(result.outcome()).map(agrees -> !agrees).orElse(false));
    }

    private static String words(String id) {
        String w = id.replace('_', ' ');
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
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
