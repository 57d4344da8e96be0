package dev.querybench.engine.testsuite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;

/**
 * Each candidate's kills, kept in the work folder under a key of everything that decides them
 * (schema, gold, neighbours, seed, limits, and how the candidate was drawn), so an interrupted
 * build resumes where it stopped. One file a candidate; does file I/O.
 */
final class KillCache {

    private final Path folder;
    private final String key;

    KillCache(Path folder, SqliteSchema schema, List<QuestionCase> cases, TestSuiteBuilder.Settings settings) {
        this.folder = folder;
        this.key = inputKey(schema, cases, settings);
    }

    static Path candidateFile(Path folder, int k) {
        return folder.resolve(String.format("candidate-%03d.sqlite", k));
    }

    /** The kills saved for candidate {@code k} drawn as {@code plan}, or null when none match. */
    BitSet[] load(int k, String plan, int cases) {
        Path file = killsFile(k);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(candidateFile(folder, k))) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(file);
            if (lines.size() != cases + 1 || !lines.getFirst().equals(key + " " + plan)) {
                return null;
            }
            BitSet[] sets = new BitSet[cases];
            for (int i = 0; i < cases; i++) {
                sets[i] = BitSet.valueOf(HexFormat.of().parseHex(lines.get(i + 1)));
            }
            return sets;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    void save(int k, String plan, BitSet[] killed) {
        Path file = killsFile(k);
        StringBuilder text = new StringBuilder(key).append(' ').append(plan).append('\n');
        for (BitSet b : killed) {
            text.append(HexFormat.of().formatHex(b.toByteArray())).append('\n');
        }
        try {
            Files.createDirectories(folder);
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private Path killsFile(int k) {
        return folder.resolve(String.format("candidate-%03d.kills", k));
    }

    private static String inputKey(SqliteSchema schema, List<QuestionCase> cases, TestSuiteBuilder.Settings settings) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            schema.ddl().forEach(d -> digest.update(d.getBytes(StandardCharsets.UTF_8)));
            for (QuestionCase c : cases) {
                digest.update(c.gold.getBytes(StandardCharsets.UTF_8));
                c.neighbours.forEach(n -> digest.update(n.sql().getBytes(StandardCharsets.UTF_8)));
            }
            digest.update(Long.toString(settings.seed()).getBytes(StandardCharsets.UTF_8));
            digest.update(settings.limits().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
