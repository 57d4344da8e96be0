package dev.querybench.engine.prompt;

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
 */
public record PromptTemplate(String name, PromptTask task, String description, String body, String source,
        PromptOptions options) {

    public PromptTemplate {
        options = options == null ? PromptOptions.NONE : options;
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

    /** Problems a user must fix before the template can be used; empty when it is fine. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Matcher m = VARIABLE.matcher(body);
        while (m.find()) {
            String variable = m.group(1);
            if (!task.variables().contains(variable)) {
                problems.add(source + " line " + lineOf(m.start()) + ": unknown variable {{" + variable
                        + "}}; a " + task.id() + " template can use " + sorted(task.variables()));
            }
        }
        int open = body.indexOf("{{");
        while (open >= 0) {
            if (!VARIABLE.matcher(body).region(open, body.length()).lookingAt()) {
                problems.add(source + " line " + lineOf(open) + ": '{{' does not start a valid {{variable}}");
            }
            open = body.indexOf("{{", open + 2);
        }
        return problems;
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

    private int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (body.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String sorted(Set<String> names) {
        return new TreeSet<>(names).toString();
    }
}
