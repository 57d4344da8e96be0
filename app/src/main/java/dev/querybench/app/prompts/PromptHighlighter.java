package dev.querybench.app.prompts;

import dev.querybench.app.text.Highlight;
import dev.querybench.app.text.SqlHighlighter;
import dev.querybench.engine.prompt.PromptTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Colours a prompt file: its front matter, SQL written as SQL, and variables no task knows. */
final class PromptHighlighter {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private final SqlHighlighter sql = new SqlHighlighter();

    List<Highlight> highlight(String current) {
        List<Highlight> out = new ArrayList<>();
        int frontEnd = current.startsWith("---\n") ? current.indexOf("\n---\n", 3) : -1;
        if (frontEnd > 0) {
            out.add(new Highlight(0, frontEnd + 4, "prompt-front-matter"));
        }
        for (Highlight h : sql.syntax(current)) {
            String word = current.substring(h.start(), h.end());
            // Prose says "with" and "and"; only keywords written as SQL (upper case) are coloured.
            if (!h.styleClass().equals("sql-keyword") || word.equals(word.toUpperCase(Locale.ROOT))) {
                if (h.start() > frontEnd || !h.styleClass().startsWith("sql-")) {
                    out.add(h);
                }
            }
        }
        Matcher m = VARIABLE.matcher(current);
        while (m.find()) {
            if (!PromptTask.SQL_GENERATION.variables().contains(m.group(1))
                    && !PromptTask.SQL_JUDGE.variables().contains(m.group(1))) {
                out.add(new Highlight(m.start(), m.end(), "sql-variable-unknown"));
            }
        }
        return out;
    }
}
