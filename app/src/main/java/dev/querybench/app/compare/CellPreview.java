package dev.querybench.app.compare;

import dev.querybench.engine.compare.CellKey;
import dev.querybench.engine.compare.RunComparison;
import dev.querybench.engine.evaluation.base.JudgeVerdict;
import dev.querybench.engine.run.ItemResult;
import java.util.Locale;
import java.util.Optional;

/**
 * What a cell of the comparison matrix shows when selected or hovered.
 *
 * @param title "q012 · ddl-basic · gpt-4o-mini · FAIL (wrong values)"
 * @param sql the predicted SQL on one line, or "(no SQL)"
 * @param reason how the verdict was reached
 */
public record CellPreview(String title, String sql, String reason) {

    public static final CellPreview NONE = new CellPreview("", "", "");

    /** The preview of {@code row}'s cell in {@code cell}'s column: its verdict, predicted SQL and the reason. */
    static CellPreview of(RunComparison comparison, CellKey cell, MatrixRow row, MatrixCell m) {
        String title = row.questionId() + " · " + cell.label() + " · " + m.text()
                + (m.passed() || m.category().isBlank() ? "" : " (" + m.category().toLowerCase(Locale.ROOT) + ")");
        Optional<ItemResult> item = comparison.item(row.questionId(), cell);
        if (item.isEmpty()) {
            return new CellPreview(title, "(not finished)", "This item has no result in the run.");
        }
        String sql = item.get().sql() == null || item.get().sql().isBlank() ? "(the model gave no SQL)"
                : CellDetailViewModel.oneLine(item.get().sql());
        JudgeVerdict judge = item.get().judge();
        String verdict = CellDetailViewModel.reasonOf(item.get());
        String reason = verdict + (judge == null ? "" : (verdict.endsWith(".") ? " " : ". ") + "LLM judge: "
                + CellDetailViewModel.judgeWords(judge.decision()) + ".");
        return new CellPreview(title, sql, reason);
    }
}
