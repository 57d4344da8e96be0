package dev.querybench.engine.prompt;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Editing the {@code *.prompt} files of one folder: list, check, save, create, duplicate,
 * rename and delete variants, compare two of them line by line, and estimate a rendered
 * prompt's tokens. Checking never throws: problems come back as text for an editor to show.
 * Thread-safe; every method that touches the folder does file I/O.
 */
public final class PromptFiles {

    /**
     * One file of the folder.
     *
     * @param fileName the file's name, such as {@code ddl-basic.prompt}
     * @param text its contents
     */
    public record PromptFile(String fileName, String text) {}

    /**
     * A line of a comparison between two texts.
     *
     * @param kind whether both have it, or only the left or right one
     * @param text the line
     */
    public record DiffLine(Kind kind, String text) {
        /** Where a line is found. */
        public enum Kind { SAME, REMOVED, ADDED }
    }

    private static final Pattern NAME_LINE = Pattern.compile("(?m)^name:\\s*.*$");
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path folder;

    public PromptFiles(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** Every {@code *.prompt} file, by name. */
    public List<PromptFile> list() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<PromptFile> out = new ArrayList<>();
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(PromptLibrary.EXTENSION)).sorted()
                    .toList()) {
                out.add(new PromptFile(file.getFileName().toString(), Files.readString(file)));
            }
            return out;
        } catch (IOException e) {
            throw ioError("cannot read the prompt folder " + folder, e);
        }
    }

    /** The problems a text has as a template file: front matter, unknown variables; empty when usable. */
    public List<String> check(String fileName, String text) {
        try {
            // lines are counted from the top of the file, front matter included, as an editor shows them
            return PromptLibrary.parse(fileName, text).findings().stream()
                    .map(p -> p.message() + (p.fix().isBlank() ? "" : " — " + p.fix())).toList();
        } catch (TemplateException e) {
            String remedy = e.error().remedy();
            return List.of(e.error().message() + (remedy == null || remedy.isBlank() ? "" : " — " + remedy));
        }
    }

    /**
     * Parses a text as a template file.
     *
     * @throws TemplateException when the front matter is missing or wrong
     */
    public PromptTemplate parse(String fileName, String text) {
        return PromptLibrary.parse(fileName, text);
    }

    /** Writes a file, replacing it atomically where the file system allows. */
    public Path save(String fileName, String text) {
        Path target = resolve(fileName);
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, ".saving-", ".tmp");
            Files.writeString(temporary, text);
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw ioError("cannot write " + target, e);
        }
    }

    /** A new SQL-generation variant's text with the usual variables. */
    public static String newVariantText(String name) {
        return "---\ntask: sql-generation\nname: " + name + "\ndescription: Describe what this variant tries.\n---\n"
                + "You write {{dialect}} SQL queries.\n\nDatabase schema:\n{{schema}}\n\nQuestion: {{question}}\n\n"
                + "Answer with one SQL query in a ```sql code block and nothing else.\n";
    }

    /** The text with its front matter's {@code name:} set to {@code name}. */
    public static String withName(String text, String name) {
        Matcher m = NAME_LINE.matcher(text);
        return m.find() ? text.substring(0, m.start()) + "name: " + name + text.substring(m.end()) : text;
    }

    /**
     * Creates {@code <name>.prompt} with {@code text} (its name line set to {@code name}).
     *
     * @throws QueryBenchException when the name is not usable or the file exists
     */
    public PromptFile create(String name, String text) {
        String fileName = fileNameFor(name);
        if (Files.exists(resolve(fileName))) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.INVALID_INPUT,
                    "a prompt file named " + fileName + " exists already", "choose another name"));
        }
        String named = withName(text, name);
        save(fileName, named);
        return new PromptFile(fileName, named);
    }

    /** Renames a variant: writes {@code <newName>.prompt} with the new name and removes the old file. */
    public PromptFile rename(String fileName, String newName, String text) {
        PromptFile created = create(newName, text);
        delete(fileName);
        return created;
    }

    public void delete(String fileName) {
        try {
            Files.deleteIfExists(resolve(fileName));
        } catch (IOException e) {
            throw ioError("cannot delete " + fileName, e);
        }
    }

    /** The file name a variant name gets, checked. */
    public static String fileNameFor(String name) {
        String n = name == null ? "" : name.strip();
        if (!VALID_NAME.matcher(n).matches()) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.INVALID_INPUT,
                    "'" + n + "' is not a usable variant name",
                    "use letters, digits, dots, dashes and underscores, starting with a letter or digit"));
        }
        return n + PromptLibrary.EXTENSION;
    }

    /**
     * About how many tokens a text costs: one per four characters, rounded up, the rule of thumb
     * for English and SQL with GPT-style tokenizers. An estimate, not a count.
     */
    public static int estimateTokens(String text) {
        return text == null || text.isEmpty() ? 0 : (text.length() + 3) / 4;
    }

    /** The lines of two texts aligned by their longest common subsequence. */
    public static List<DiffLine> diff(String left, String right) {
        String[] a = left.split("\n", -1);
        String[] b = right.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<DiffLine> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.add(new DiffLine(DiffLine.Kind.SAME, a[i]));
                i++;
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.add(new DiffLine(DiffLine.Kind.ADDED, b[j++]));
            } else {
                out.add(new DiffLine(DiffLine.Kind.REMOVED, a[i++]));
            }
        }
        return out;
    }

    private Path resolve(String fileName) {
        Path target = folder.resolve(fileName).normalize();
        if (!target.getParent().equals(folder.normalize()) || !fileName.endsWith(PromptLibrary.EXTENSION)) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.INVALID_INPUT,
                    "'" + fileName + "' is not a prompt file of " + folder, "use a name ending in .prompt"));
        }
        return target;
    }

    private static QueryBenchException ioError(String what, IOException e) {
        return new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION, what + ": " + e.getMessage(),
                "check that the workspace folder exists and is writable"), e);
    }
}
