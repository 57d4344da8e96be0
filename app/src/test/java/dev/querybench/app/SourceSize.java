package dev.querybench.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Measures Java sources for the size rule of docs/architecture.md: a source file over
 * {@link #MAX_FILE_LINES} lines, or a method, constructor or initializer over
 * {@link #MAX_METHOD_LINES} lines, is too long unless a {@code // long: <reason>} comment sits
 * directly above its declaration (among its Javadoc and annotations).
 *
 * <p>A small scanner, not a parser: comments, strings, text blocks and character literals are
 * blanked first, then braces are counted. A brace block is a method when it opens in a type's
 * body after a header with a parameter list that is not a type declaration or a field's value.
 * Method length runs from the line of its signature (after annotations) to its closing brace.
 */
final class SourceSize {

    static final int MAX_FILE_LINES = 400;
    static final int MAX_METHOD_LINES = 60;
    /** The marker that lets a file or method be long: {@code // long: generated lookup table}. */
    static final Pattern MARKER = Pattern.compile("//[ \\t]*long:[ \\t]*\\S");

    private static final Pattern TYPE_HEADER = Pattern.compile("\\b(class|interface|enum|record)\\s+\\w+");
    private static final Pattern ANNOTATION = Pattern.compile("@(?!interface\\b)\\w+(\\.\\w+)*(\\s*\\([^()]*\\))?");
    private static final Pattern NAME_BEFORE_PAREN = Pattern.compile("(\\w+)\\s*(<[^>]*>)?\\s*\\(");
    private static final Pattern COMPACT_CONSTRUCTOR = Pattern.compile("^(\\w+\\s+)*(\\w+)\\s*$");

    /** One thing too long: a whole file ({@code member} empty) or one of its methods. */
    record Offender(Path file, String type, String member, int lines, int limit) {
        @Override
        public String toString() {
            return file + (member.isEmpty() ? "" : " " + member + "()") + ": " + lines + " lines (limit " + limit + ")";
        }
    }

    private SourceSize() {
    }

    /** Every offender among the .java files under {@code roots}. */
    static List<Offender> scan(List<Path> roots) {
        List<Offender> all = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    all.addAll(measure(root.relativize(file), Files.readString(file)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    /** The offenders of one source text. */
    static List<Offender> measure(Path file, String source) {
        String code = blank(source);
        String type = file.getFileName().toString().replaceFirst("\\.java$", "");
        List<Offender> found = new ArrayList<>();
        int fileLines = (int) source.lines().count();
        boolean fileMarked = false;
        // kind of each open brace: T type body, M method (or initializer), B any other block
        Deque<Character> open = new ArrayDeque<>();
        Deque<int[]> methods = new ArrayDeque<>();
        Deque<String> names = new ArrayDeque<>();
        int headerStart = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == ';') {
                headerStart = i + 1;
            } else if (c == '{') {
                String header = withoutAnnotations(code.substring(headerStart, i));
                String leading = source.substring(headerStart, i);
                boolean inType = !open.isEmpty() && open.peek() == 'T';
                if (TYPE_HEADER.matcher(header).find() && !header.contains("=") && !header.contains("->")
                        && (open.isEmpty() || inType)) {
                    open.push('T');
                    if (open.size() == 1 && MARKER.matcher(leading).find()) {
                        fileMarked = true;
                    }
                } else if (inType && isMethodHeader(header)) {
                    open.push('M');
                    int offset = headerStart + firstNonSpace(header);
                    methods.push(new int[] {lineOf(code, offset), MARKER.matcher(leading).find() ? 1 : 0});
                    names.push(name(header));
                } else {
                    open.push('B');
                }
                headerStart = i + 1;
            } else if (c == '}') {
                char kind = open.isEmpty() ? 'B' : open.pop();
                if (kind == 'M') {
                    int[] method = methods.pop();
                    String name = names.pop();
                    int lines = lineOf(code, i) - method[0] + 1;
                    if (lines > MAX_METHOD_LINES && method[1] == 0) {
                        found.add(new Offender(file, type, name, lines, MAX_METHOD_LINES));
                    }
                }
                headerStart = i + 1;
            }
        }
        if (fileLines > MAX_FILE_LINES && !fileMarked) {
            found.addFirst(new Offender(file, type, "", fileLines, MAX_FILE_LINES));
        }
        return found;
    }

    private static boolean isMethodHeader(String header) {
        String h = header.strip();
        if (h.isEmpty() || h.equals("static")) {
            return true; // an initializer block
        }
        if (h.contains("=") || h.contains("->")) {
            return false; // a field's value: an anonymous class or a lambda
        }
        return h.contains("(") || COMPACT_CONSTRUCTOR.matcher(h).matches();
    }

    /** {@code header} with its annotations blanked, line breaks and offsets kept. */
    private static String withoutAnnotations(String header) {
        StringBuilder out = new StringBuilder(header);
        Matcher m = ANNOTATION.matcher(header);
        while (m.find()) {
            for (int k = m.start(); k < m.end(); k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
        }
        return out.toString();
    }

    private static String name(String signature) {
        Matcher m = NAME_BEFORE_PAREN.matcher(signature);
        if (m.find()) {
            return m.group(1);
        }
        String s = signature.strip();
        return s.isEmpty() || s.equals("static") ? "<initializer>" : s.substring(s.lastIndexOf(' ') + 1);
    }

    private static int firstNonSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return 0;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * The source with comments, strings, text blocks and character literals replaced by spaces
     * (line breaks kept), so that only code braces and semicolons remain.
     */
    static String blank(String source) {
        StringBuilder out = new StringBuilder(source);
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            int end;
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                end = source.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                end = closing(source, i + 3, "\"\"\"");
            } else if (c == '"') {
                end = closing(source, i + 1, "\"");
            } else if (c == '\'') {
                end = closing(source, i + 1, "'");
            } else {
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
            i = end;
        }
        return out.toString();
    }

    /** The index just past the unescaped {@code quote} that closes a literal starting at {@code from}. */
    private static int closing(String source, int from, String quote) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith(quote, i)) {
                return i + quote.length();
            } else {
                i++;
            }
        }
        return source.length();
    }
}
