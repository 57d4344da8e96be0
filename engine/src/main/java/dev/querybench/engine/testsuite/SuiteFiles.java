package dev.querybench.engine.testsuite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The suite's files: the greedy choice of candidates, their names, copying them out (replacing a
 * suite built before) and a hash of their content. Stateless.
 */
final class SuiteFiles {

    private SuiteFiles() {
    }

    /** Greedy set cover of the neighbours that pass on the real database, ties to the earliest candidate. */
    static List<Integer> distil(List<BitSet[]> kills, List<QuestionCase> cases, int maxInstances) {
        List<Integer> chosen = new ArrayList<>();
        BitSet[] covered = QuestionCase.newSets(cases.size());
        while (chosen.size() < maxInstances) {
            int best = -1;
            int bestGain = 0;
            for (int k = 0; k < kills.size(); k++) {
                if (chosen.contains(k)) {
                    continue;
                }
                int gain = 0;
                for (int i = 0; i < cases.size(); i++) {
                    BitSet fresh = (BitSet) kills.get(k)[i].clone();
                    fresh.andNot(covered[i]);
                    gain += cases.get(i).caught(fresh);
                }
                if (gain > bestGain) {
                    best = k;
                    bestGain = gain;
                }
            }
            if (best < 0) {
                break;
            }
            chosen.add(best);
            for (int i = 0; i < cases.size(); i++) {
                covered[i].or(kills.get(best)[i]);
            }
        }
        return chosen;
    }

    /** Copies the chosen candidates to the target's output folder, deleting the suite built before. */
    static List<TestSuiteBuilder.InstanceReport> write(TestSuiteBuilder.Target target, List<Integer> chosen,
            List<BitSet[]> kills, List<Integer> sizes, List<QuestionCase> cases) {
        try {
            Files.createDirectories(target.output());
            try (var old = Files.list(target.output())) {
                for (Path p : old.filter(p -> isSuiteFile(target.database(), p)).toList()) {
                    Files.delete(p);
                }
            }
            List<TestSuiteBuilder.InstanceReport> out = new ArrayList<>();
            for (int i = 0; i < chosen.size(); i++) {
                int k = chosen.get(i);
                Path file = target.output().resolve(instanceName(target.database(), i + 1));
                Files.copy(KillCache.candidateFile(target.workFolder(), k), file, StandardCopyOption.REPLACE_EXISTING);
                int killCount = 0;
                for (int q = 0; q < cases.size(); q++) {
                    killCount += cases.get(q).caught(kills.get(k)[q]);
                }
                out.add(new TestSuiteBuilder.InstanceReport(file.getFileName().toString(), file, sizes.get(k), killCount,
                        Files.size(file), contentHash(file)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test suite to " + target.output(), e);
        }
    }

    static String instanceName(String database, int n) {
        return String.format("%s.testsuite-%02d.sqlite", safe(database), n);
    }

    static boolean isSuiteFile(String database, Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(safe(database) + ".testsuite-") && name.endsWith(".sqlite");
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    static String contentHash(Path file) {
        try (Connection c = readOnly(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            SqliteSchema schema = SqliteSchema.read(c);
            for (String ddl : schema.ddl()) {
                digest.update(ddl.getBytes(StandardCharsets.UTF_8));
            }
            for (SqliteSchema.Table t : schema.tables()) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT * FROM " + SqliteSchema.quote(t.name()) + " ORDER BY rowid")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            digest.update(String.valueOf(rs.getObject(i)).getBytes(StandardCharsets.UTF_8));
                            digest.update((byte) 0x1f);
                        }
                        digest.update((byte) 0x1e);
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (SQLException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash " + file + ": " + e.getMessage(), e);
        }
    }

    static Connection readOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    }
}
