package dev.querybench.engine.db;

import java.util.List;

/**
 * Whether an account can write, as an engine finds out without writing: what it found and, when
 * the account can write, the SQL that creates a read-only one instead. Immutable.
 *
 * @param readOnlySetup empty when the account can only read
 */
public record WriteAccess(boolean canWrite, List<String> findings, String readOnlySetup) {

    public WriteAccess {
        findings = List.copyOf(findings);
        readOnlySetup = readOnlySetup == null ? "" : readOnlySetup;
    }
}
