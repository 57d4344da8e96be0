package dev.querybench.engine.prompt;

import dev.querybench.engine.errors.FileProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt variant: front matter (task, name, description) and a body with
 * {@code {{variables}}}. Immutable and thread-safe.
 *
 * @param name variant name, unique within a library
 * @param task what the prompt is for
 * @param description one line for people choosing a variant
 * @param body the template text after the front matter
 * @param source where it was loaded from, for messages
 * @param options few-shot and repair settings from the front matter
 * @param bodyLine the file's line on which the body starts, so messages count lines as an editor does
 */
public record PromptTemplate(String name, PromptTask task, String description, String body, String source,
        PromptOptions options, int bodyLine) {

    public PromptTemplate {
        options = options == null ? PromptOptions.NONE : options;
        bodyLine = Math.max(1, bodyLine);
    }

    /** A template whose body is the whole file (no front matter lines to count). */
    public PromptTemplate(String name, PromptTask task, String description, String body, String source,
            PromptOptions options) {
        this(name, task, description, body, source, options, 1);
    }

    /** A template without generation options. */
    public PromptTemplate(String name, PromptTask task, String description, String body, String source) {
        this(name, task, description, body, source, PromptOptions.NONE);
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    /** Variable names in order of first use. */
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(body);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Problems a user must fix before the template can be used, each as file:line:column: what; empty when fine. */
    public List<String> problems() {
        return findings().stream().map(FileProblem::message).toList();
    }

    /** As {@link #problems()}, each with its place and fix. */
    public List<FileProblem> findings() {
        List<FileProblem> problems = new ArrayList<>();
        Matcher m = VARIABLE.matcher(body);
        while (m.find()) {
            String variable = m.group(1);
            if (!task.variables().contains(variable)) {
                problems.add(at(m.start(), "unknown variable {{" + variable + "}}; a " + task.id()
                        + " template can use " + sorted(task.variables()),
                        "correct the spelling, or use one of " + sorted(task.variables())));
            }
        }
        int open = body.indexOf("{{");
        while (open >= 0) {
            if (!VARIABLE.matcher(body).region(open, body.length()).lookingAt()) {
                problems.add(at(open, "'{{' does not start a valid {{variable}}",
                        "write variables as {{name}}, such as {{question}}"));
            }
            open = body.indexOf("{{", open + 2);
        }
        if (task == PromptTask.SQL_GENERATION && !variables().contains("question")) {
            problems.add(new FileProblem(source, bodyLine, 1, "", "the template never uses {{question}}, so the"
                    + " model would not see the question it must answer", "add {{question}} where the question"
                    + " belongs, such as a line 'Question: {{question}}'"));
        }
        return problems;
    }

    private FileProblem at(int offset, String what, String fix) {
        int line = bodyLine;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (body.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new FileProblem(source, line, offset - lineStart + 1, "", what, fix);
    }

    /**
     * Fills every variable.
     *
     * @throws TemplateException naming each variable the values do not provide
     */
    public String render(Map<String, String> values) {
        List<String> missing = variables().stream().filter(v -> !values.containsKey(v)).toList();
        if (!missing.isEmpty()) {
            throw new TemplateException("prompt variant '" + name + "' needs " + missing + " but no value was given",
                    "remove the variable from the template or provide it");
        }
        Matcher m = VARIABLE.matcher(body);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String sorted(Set<String> names) {
        return new TreeSet<>(names).toString();
    }
}
