package dev.querybench.app.text;

import dev.querybench.engine.compare.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns the engine's SQL tokens and differences into highlights for code views. Stateless. */
public final class SqlHighlighter {

    /** The CSS class of text one query has and the other lacks. */
    public static final String CHANGED = "diff-changed";

    private final SqlText sqlText = new SqlText();

    /** Keywords, strings, numbers, comments and {@code {{variables}}}. */
    public List<Highlight> syntax(String text) {
        List<Highlight> out = new ArrayList<>();
        for (SqlText.Token token : sqlText.tokens(text == null ? "" : text)) {
            switch (token.kind()) {
                case WHITESPACE, IDENTIFIER, OPERATOR -> { }
                default -> out.add(new Highlight(token.start(), token.end(),
                        "sql-" + token.kind().name().toLowerCase(Locale.ROOT)));
            }
        }
        return out;
    }

    /** {@link #syntax} plus the ranges that differ from {@code other}, for one side of a comparison. */
    public List<Highlight> against(String text, String other, boolean left) {
        List<Highlight> out = new ArrayList<>(syntax(text));
        SqlText.Difference diff = left ? sqlText.diff(text, other) : sqlText.diff(other, text);
        for (SqlText.Range range : left ? diff.onlyLeft() : diff.onlyRight()) {
            out.add(new Highlight(range.start(), range.end(), CHANGED));
        }
        return out;
    }

    public String format(String sql) {
        return sqlText.format(sql);
    }
}
