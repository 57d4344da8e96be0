package dev.querybench.engine.db;

import java.util.List;

/**
 * What the account untrusted SQL runs under may do beyond reading the dataset, as the backend
 * found it on the server, and which protections the engine applies to every untrusted query.
 * Immutable.
 *
 * @param account who untrusted SQL runs as ({@code reader via postgres}, {@code root@%} …)
 * @param excess privileges beyond reading, one finding each; empty for a reader account
 * @param protections what the database enforces on every untrusted query, one line each
 * @param allowed whether the profile lets untrusted SQL run despite {@code excess}
 *     ({@code allowPrivilegedAccount: true})
 */
public record AccountSafety(String account, List<String> excess, List<String> protections, boolean allowed) {

    public AccountSafety {
        excess = List.copyOf(excess);
        protections = List.copyOf(protections);
    }

    /** Whether the account holds more than read privileges. */
    public boolean privileged() {
        return !excess.isEmpty();
    }

    /** True when untrusted SQL runs under a privileged account because the profile allows it. */
    public boolean privilegedButAllowed() {
        return privileged() && allowed;
    }

    /**
     * The account and what it may do beyond reading, for a run's record (whose banner already says
     * that untrusted SQL ran under a privileged account); empty when the account is a reader.
     */
    public String recordLine() {
        return privileged() ? "account " + account + " (allowPrivilegedAccount: true): " + String.join("; ", excess)
                : "";
    }

    /** One line for runs and reports; empty when the account is a reader. */
    public String warning() {
        return privileged() ? "untrusted SQL runs under the privileged account " + account
                + " (allowPrivilegedAccount: true): " + String.join("; ", excess) : "";
    }
}
