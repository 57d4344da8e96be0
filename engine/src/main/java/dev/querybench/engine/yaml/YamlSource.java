package dev.querybench.engine.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.querybench.engine.errors.FileProblem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML file the user wrote, read so that every problem can name its line, column and field:
 * the text is decoded as strict UTF-8, composed into SnakeYAML nodes (which keep their marks),
 * checked for duplicate keys, and bound to Java records through Jackson, whose errors are mapped
 * back to the node they concern and put in plain words. Problems come out as {@link FileProblem}s
 * through the caller's exception factory, so each package keeps its own exception type. Immutable.
 */
public final class YamlSource {

    /** Builds the caller's exception from a problem. */
    @FunctionalInterface
    public interface Failure {
        RuntimeException of(FileProblem problem);
    }

    /** Largest file read, in code points: far above any real workspace file. */
    private static final int CODE_POINT_LIMIT = 64 * 1024 * 1024;

    private final String name;
    private final String text;
    private final Node root;
    private final int lineOffset;
    private final Failure failure;

    private YamlSource(String name, String text, Node root, int lineOffset, Failure failure) {
        this.name = name;
        this.text = text;
        this.root = root;
        this.lineOffset = lineOffset;
        this.failure = failure;
    }

    /**
     * Reads a file's text as UTF-8, refusing anything else.
     *
     * @throws IOException as {@link Files#readAllBytes} does (a missing file is the caller's to explain)
     */
    public static String readText(Path file, String name, Failure failure) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            int bad = firstInvalidByte(bytes);
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw failure.of(new FileProblem(name, line, bad - lineStart + 1, "",
                    "the file is not UTF-8 text (byte " + (bad + 1) + " cannot be read as a character)",
                    "save the file as UTF-8 text; if it is not meant to be text, point the setting at the right file"));
        }
    }

    private static int firstInvalidByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : bytes.length;
    }

    /**
     * Parses YAML text whose first line is line {@code lineOffset + 1} of the file (front matter
     * starts after its {@code ---} line).
     *
     * @throws RuntimeException from {@code failure} when the text is not YAML, is not a mapping, or repeats a key
     */
    public static YamlSource parse(String name, String text, int lineOffset, Failure failure) {
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(false);
        options.setCodePointLimit(CODE_POINT_LIMIT);
        options.setMaxAliasesForCollections(100);
        options.setNestingDepthLimit(100);
        Node root;
        try {
            root = new Yaml(options).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw failure.of(new FileProblem(name, mark == null ? 1 : mark.getLine() + 1 + lineOffset,
                    mark == null ? 0 : mark.getColumn() + 1, "", "this is not valid YAML: " + plain(e.getProblem()),
                    "check the indentation and that each setting is written 'key: value' with a space after the colon"));
        } catch (YAMLException e) {
            throw failure.of(new FileProblem(name, 1 + lineOffset, 0, "", "the file cannot be read as YAML",
                    "check that it is a text file of key: value lines"));
        }
        YamlSource source = new YamlSource(name, text, root, lineOffset, failure);
        if (root != null && !(root instanceof MappingNode)) {
            throw failure.of(source.problemAt(root, "", "the file holds " + describe(root)
                    + " where 'key: value' settings are expected", "write one setting per line as key: value"));
        }
        if (root != null) {
            source.checkDuplicates(root, new ArrayList<>());
        }
        return source;
    }

    public String name() {
        return name;
    }

    public boolean empty() {
        return root == null || root instanceof MappingNode m && m.getValue().isEmpty();
    }

    /**
     * Binds the text to {@code type}.
     *
     * @throws RuntimeException from the failure factory naming the field, its place and the fix
     */
    public <T> T bind(ObjectMapper mapper, Class<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonMappingException e) {
            throw failure.of(explain(e));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            throw failure.of(new FileProblem(name, line + lineOffset, 0, "", "this YAML cannot be read",
                    "check the indentation and the quoting around this line"));
        }
    }

    // ---- positions

    /** The node at {@code path} (field names and list indexes), or empty. */
    public Optional<Node> node(Object... path) {
        return Optional.ofNullable(walk(List.of(path), false));
    }

    /** A problem placed at {@code path}, or at the deepest part of it that exists. */
    public FileProblem problem(List<?> path, String what, String fix) {
        Node node = walk(path, true);
        return problemAt(node, fieldPath(path), what, fix);
    }

    /** As {@link #problem(List, String, String)}, thrown through the failure factory. */
    public RuntimeException fail(List<?> path, String what, String fix) {
        return failure.of(problem(path, what, fix));
    }

    /** The key's place for a field of a mapping, the item's place for a list index. */
    private Node walk(List<?> path, boolean deepest) {
        Node node = root;
        Node found = root;
        for (Object step : path) {
            Node next = null;
            Node mark = null;
            if (step instanceof Integer index && node instanceof SequenceNode seq && index >= 0
                    && index < seq.getValue().size()) {
                next = seq.getValue().get(index);
                mark = next;
            } else if (step instanceof String key && node instanceof MappingNode map) {
                for (NodeTuple t : map.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                        next = t.getValueNode();
                        mark = t.getKeyNode();
                    }
                }
            }
            if (next == null) {
                return deepest ? found : null;
            }
            node = next;
            found = mark;
        }
        return deepest ? found : node;
    }

    private FileProblem problemAt(Node node, String field, String what, String fix) {
        Mark mark = node == null ? null : node.getStartMark();
        int line = mark == null ? (lineOffset > 0 ? lineOffset + 1 : 1) : mark.getLine() + 1 + lineOffset;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        return new FileProblem(name, line, column, field, what, fix);
    }

    /** {@code run.matchMode}, {@code models[1].spec}. */
    public static String fieldPath(List<?> path) {
        StringBuilder out = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer i) {
                out.append('[').append(i).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(step);
            }
        }
        return out.toString();
    }

    private void checkDuplicates(Node node, List<Object> path) {
        if (node instanceof MappingNode map) {
            Map<String, Node> seen = new HashMap<>();
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode key) {
                    Node first = seen.putIfAbsent(key.getValue(), key);
                    if (first != null) {
                        List<Object> keyPath = new ArrayList<>(path);
                        keyPath.add(key.getValue());
                        throw failure.of(problemAt(key, fieldPath(keyPath), "'" + key.getValue()
                                + "' is set twice (first on line " + (first.getStartMark().getLine() + 1 + lineOffset)
                                + "); only one of them could count", "keep one '" + key.getValue() + ":' and remove the other"));
                    }
                    List<Object> child = new ArrayList<>(path);
                    child.add(key.getValue());
                    checkDuplicates(t.getValueNode(), child);
                }
            }
        } else if (node instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                List<Object> child = new ArrayList<>(path);
                child.add(i);
                checkDuplicates(seq.getValue().get(i), child);
            }
        }
    }

    // ---- Jackson's errors in plain words

    private FileProblem explain(JsonMappingException e) {
        List<Object> path = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.add(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.add(ref.getIndex());
            }
        }
        String field = fieldPath(path);
        if (e instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds() == null ? List.of() : u.getKnownPropertyIds();
            TreeSet<String> names = new TreeSet<>();
            known.forEach(k -> names.add(String.valueOf(k)));
            String parent = fieldPath(path.subList(0, Math.max(0, path.size() - 1)));
            return problem(path, "unknown setting '" + u.getPropertyName() + "'" + (parent.isEmpty() ? "" : " in " + parent),
                    "check the spelling; the settings allowed here are " + String.join(", ", names));
        }
        Node node = walk(path, false);
        String found = node == null ? "" : ", not " + describe(node);
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            Class<?> target = m.getTargetType();
            String expected = expected(target);
            String value = e instanceof InvalidFormatException f && f.getValue() != null
                    ? ", not '" + f.getValue() + "'" : found;
            return problem(path, (field.isEmpty() ? "the file" : "this") + " should be " + expected + value,
                    "write " + (field.isEmpty() ? "key: value lines" : lastName(path) + ": " + example(target)));
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause
                && cause.getMessage() != null) {
            // the record's own check, already in the user's words (and never repeating the value)
            String[] parts = cause.getMessage().split("; ", 2);
            return problem(path, parts[0], parts.length > 1 ? parts[1] : "check the value of '" + field + "'");
        }
        return problem(path, "this value cannot be used here", "check the value against the documentation of '"
                + (field.isEmpty() ? name : field) + "'");
    }

    private static String lastName(List<Object> path) {
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i) instanceof String s) {
                return s;
            }
        }
        return "the value";
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "a section of key: value settings";
    }

    private static String example(Class<?> type) {
        return switch (expected(type)) {
            case "a whole number" -> "3";
            case "a number" -> "0.5";
            case "true or false" -> "true";
            case "text" -> "some text (quote it if it starts with a special character)";
            case "a list" -> "[first, second] (or one '- item' per line below it)";
            default -> "followed by indented key: value lines";
        };
    }

    /** What a node is, for "should be …, not …". */
    public static String describe(Node node) {
        if (node instanceof ScalarNode s) {
            String v = s.getValue();
            return v.isEmpty() ? "nothing" : "'" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "a section of key: value settings";
    }

    /** SnakeYAML's problem texts, lower-cased and without its internal tokens. */
    private static String plain(String problem) {
        if (problem == null) {
            return "unexpected text";
        }
        String p = problem.strip();
        if (p.contains("mapping values are not allowed")) {
            return "a ':' where no setting can start (is a value missing quotes, or is the indentation off?)";
        }
        if (p.contains("expected <block end>") || p.contains("could not find expected")) {
            return "the indentation or nesting is off here";
        }
        if (p.contains("expected '<document start>'")) {
            return "text where the file should have ended, or a line indented less than the settings it belongs to";
        }
        if (p.contains("expected ',' or '}'")) {
            return "a { … } section is not closed, or its items are not separated by commas";
        }
        if (p.contains("expected ',' or ']'")) {
            return "a [ … ] list is not closed, or its items are not separated by commas";
        }
        if (p.contains("unexpected end of stream")) {
            return "the file ends in the middle of a value (is a quote or bracket not closed?)";
        }
        if (p.contains("chomping or indentation indicators")) {
            return "a '|' or '>' must end its line, with the text on the lines below";
        }
        if (p.contains("while scanning a quoted scalar") || p.contains("found unknown escape character")) {
            return "a quoted value is not closed, or holds an escape that YAML does not know";
        }
        if (p.contains("found character '\\t'") || p.contains("found character '\t'")) {
            return "a tab is used for indentation; YAML needs spaces";
        }
        if (p.contains("found undefined alias") || p.contains("found undefined tag")) {
            return "an alias or tag that is not defined";
        }
        if (p.contains("special characters are not allowed")) {
            return "the file contains control characters";
        }
        return p.replaceAll("'?<[^>]*>'?", "something").replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
