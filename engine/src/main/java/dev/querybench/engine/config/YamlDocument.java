package dev.querybench.engine.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML file edited in place: each change replaces only the characters of the value it changes,
 * found through SnakeYAML's node marks, so comments, blank lines, key order and the style of
 * everything else stay as the user wrote them. New values are written in flow style
 * ({@code {name: x, spec: "openai:gpt-4o"}}), appended after their siblings at their indentation.
 * The text is parsed again after every change. Not thread-safe.
 */
final class YamlDocument {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_./][A-Za-z0-9_./ -]*");
    private static final Pattern SPECIAL = Pattern.compile(
            "(?i)(true|false|yes|no|on|off|null|~|y|n|[-+]?[0-9].*|\\.inf|\\.nan)");

    private String text;

    YamlDocument(String text) {
        this.text = text.endsWith("\n") || text.isEmpty() ? text : text + "\n";
    }

    String text() {
        return text;
    }

    /**
     * Sets the value at {@code path} (keys of nested mappings), creating the mappings on the way
     * when missing. An existing value is replaced where it stands; a new key goes after its last
     * sibling.
     */
    void set(List<String> path, Object value) {
        MappingNode mapping = root();
        for (int depth = 0; depth < path.size(); depth++) {
            String key = path.get(depth);
            Optional<NodeTuple> entry = entry(mapping, key);
            boolean last = depth == path.size() - 1;
            if (entry.isEmpty()) {
                Object nested = value;
                for (int i = path.size() - 1; i > depth; i--) {
                    Map<String, Object> wrapper = new LinkedHashMap<>();
                    wrapper.put(path.get(i), nested);
                    nested = wrapper;
                }
                addKey(mapping, key, nested);
                return;
            }
            Node child = entry.get().getValueNode();
            if (last || !(child instanceof MappingNode childMapping)) {
                // a non-mapping on the way (say "run:" with nothing) is replaced by the rest of the path
                Object nested = value;
                for (int i = path.size() - 1; i > depth; i--) {
                    Map<String, Object> wrapper = new LinkedHashMap<>();
                    wrapper.put(path.get(i), nested);
                    nested = wrapper;
                }
                replaceValue(entry.get(), nested);
                return;
            }
            mapping = childMapping;
        }
    }

    /** The value at {@code path} as plain Java values, or empty. */
    Optional<Node> node(List<String> path) {
        Node node = root();
        for (String key : path) {
            if (!(node instanceof MappingNode mapping)) {
                return Optional.empty();
            }
            Optional<NodeTuple> entry = entry(mapping, key);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            node = entry.get().getValueNode();
        }
        return Optional.of(node);
    }

    /**
     * Puts a mapping into the sequence at {@code path}: it replaces the item whose {@code name} is
     * {@code name}, or is appended after the last item (the sequence is created when missing).
     */
    void putNamed(List<String> path, String name, Map<String, Object> item) {
        Optional<Node> found = node(path);
        if (found.isEmpty() || !(found.get() instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            set(path, List.of(item));
            return;
        }
        for (Node existing : sequence.getValue()) {
            if (existing instanceof MappingNode mapping && entry(mapping, "name")
                    .map(t -> t.getValueNode() instanceof ScalarNode s && s.getValue().equals(name)).orElse(false)) {
                replace(start(existing), end(existing), flow(item));
                return;
            }
        }
        if (sequence.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            int close = end(sequence) - 1;
            replace(close, close, ", " + flow(item));
            return;
        }
        Node first = sequence.getValue().getFirst();
        int lineStart = text.lastIndexOf('\n', start(first) - 1) + 1;
        int dash = text.indexOf('-', lineStart);
        int at = lineEnd(end(sequence));
        replace(at, at, "\n" + " ".repeat(dash - lineStart) + "- " + flow(item));
    }

    /** Removes the item named {@code name} from the sequence at {@code path}, with its line when it has one. */
    void removeNamed(List<String> path, String name) {
        Optional<Node> found = node(path);
        if (found.isEmpty() || !(found.get() instanceof SequenceNode sequence)) {
            return;
        }
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            Node existing = items.get(i);
            if (!(existing instanceof MappingNode mapping) || !entry(mapping, "name")
                    .map(t -> t.getValueNode() instanceof ScalarNode s && s.getValue().equals(name)).orElse(false)) {
                continue;
            }
            if (items.size() == 1) {
                set(path, List.of());
            } else if (sequence.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
                int from = i == 0 ? start(existing) : end(items.get(i - 1));
                int to = i == 0 ? start(items.get(1)) : end(existing);
                replace(from, to, "");
            } else {
                int from = text.lastIndexOf('\n', start(existing) - 1);
                replace(from, lineEnd(end(existing)), "");
            }
            return;
        }
    }

    // ---- text surgery

    private void addKey(MappingNode mapping, String key, Object value) {
        if (mapping.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            int close = end(mapping) - 1;
            replace(close, close, (mapping.getValue().isEmpty() ? "" : ", ") + key + ": " + flow(value));
            return;
        }
        if (mapping.getValue().isEmpty()) {
            // an empty document
            text = text + key + ": " + flow(value) + "\n";
            parse();
            return;
        }
        Node firstKey = mapping.getValue().getFirst().getKeyNode();
        int indent = firstKey.getStartMark().getColumn();
        int at = lineEnd(end(mapping));
        replace(at, at, "\n" + " ".repeat(indent) + key + ": " + flow(value));
    }

    private void replaceValue(NodeTuple entry, Object value) {
        Node valueNode = entry.getValueNode();
        int keyEnd = end(entry.getKeyNode());
        int colon = text.indexOf(':', keyEnd);
        boolean empty = valueNode instanceof ScalarNode s && s.getValue().isEmpty() && s.getStartMark() != null
                && start(s) == end(s);
        if (empty || valueNode instanceof CollectionNode<?> c && c.getFlowStyle() != DumperOptions.FlowStyle.FLOW) {
            // block values start on the next line: write the new one after the colon instead
            int to = empty ? colon + 1 : end(valueNode);
            replace(colon + 1, to, " " + flow(value));
        } else {
            replace(start(valueNode), end(valueNode), flow(value));
        }
    }

    private void replace(int from, int to, String replacement) {
        text = text.substring(0, from) + replacement + text.substring(to);
        parse();
    }

    private int lineEnd(int index) {
        int newline = text.indexOf('\n', index);
        return newline < 0 ? text.length() : newline;
    }

    private int start(Node node) {
        return offset(node.getStartMark());
    }

    /** Where the node's own text ends: block collections end at their last value, not at the next token. */
    private int end(Node node) {
        if (node instanceof MappingNode m && m.getFlowStyle() != DumperOptions.FlowStyle.FLOW && !m.getValue().isEmpty()) {
            return end(m.getValue().getLast().getValueNode());
        }
        if (node instanceof SequenceNode s && s.getFlowStyle() != DumperOptions.FlowStyle.FLOW && !s.getValue().isEmpty()) {
            return end(s.getValue().getLast());
        }
        int end = offset(node.getEndMark());
        if (node instanceof ScalarNode scalar && scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN) {
            // a plain scalar's mark may take in trailing blanks
            while (end > 0 && end <= text.length() && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
        }
        return end;
    }

    /** SnakeYAML counts code points; Java strings count UTF-16 units. */
    private int offset(Mark mark) {
        return text.offsetByCodePoints(0, Math.min(mark.getIndex(), text.codePointCount(0, text.length())));
    }

    private MappingNode root() {
        return parse();
    }

    private MappingNode parse() {
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(false);
        Node node = new Yaml(options).compose(new StringReader(text));
        if (node == null) {
            return new MappingNode(org.yaml.snakeyaml.nodes.Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
        }
        if (!(node instanceof MappingNode mapping)) {
            throw new IllegalArgumentException("the file is not a YAML mapping (key: value lines)");
        }
        return mapping;
    }

    private static Optional<NodeTuple> entry(MappingNode mapping, String key) {
        return mapping.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)).findFirst();
    }

    // ---- flow-style writing

    /** {@code value} in YAML flow style on one line: maps, lists, strings, numbers and booleans. */
    static String flow(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, v) -> parts.add(scalar(String.valueOf(k)) + ": " + flow(v)));
            return "{" + String.join(", ", parts) + "}";
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(YamlDocument::flow).toList()) + "]";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return value == null ? "null" : scalar(value.toString());
    }

    private static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !SPECIAL.matcher(s).matches() && !s.endsWith(" ")) {
            return s;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
