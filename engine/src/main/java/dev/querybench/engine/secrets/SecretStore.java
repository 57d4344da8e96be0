package dev.querybench.engine.secrets;

import java.util.List;
import java.util.Optional;

/**
 * Where named secrets (API keys, passwords) are kept outside workspace files: the OS keyring
 * ({@link OsKeyring}), or nothing ({@link #none()}). Names are what a workspace writes as
 * {@code {keyring: NAME}}; values never leave the store except to the caller that asked.
 */
public interface SecretStore {

    /**
     * The secret stored under {@code name}, or empty when there is none.
     *
     * @throws KeyringUnavailableException when the store cannot be reached (no keyring service)
     */
    Optional<String> get(String name);

    /** Stores {@code value} under {@code name}, replacing any earlier value. */
    void set(String name, String value);

    /** Removes the secret; returns false when there was none. */
    boolean delete(String name);

    /** The names stored through QueryBench, sorted; never the values. */
    List<String> names();

    /** A store with nothing in it that refuses to keep anything, for checks that must not read secrets. */
    static SecretStore none() {
        return new SecretStore() {
            @Override
            public Optional<String> get(String name) {
                return Optional.empty();
            }

            @Override
            public void set(String name, String value) {
                throw new KeyringUnavailableException("this command does not use the OS keyring", null);
            }

            @Override
            public boolean delete(String name) {
                return false;
            }

            @Override
            public List<String> names() {
                return List.of();
            }
        };
    }
}
