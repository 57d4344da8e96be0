package dev.querybench.app.connection;

import dev.querybench.engine.secrets.OsKeyring;
import dev.querybench.engine.secrets.SecretStore;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;

/**
 * Stores a typed secret in the OS keyring under the name a profile then refers to
 * ({@code {keyring: NAME}}); the typed value is cleared once stored and never written to a file.
 */
final class KeyringEntries {

    private final SecretStore keyring;
    private final WizardWork work;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");

    KeyringEntries(SecretStore keyring, WizardWork work) {
        this.keyring = keyring;
        this.work = work;
    }

    /** Stores {@code secret}'s value under {@code name}; then clears it and ticks {@code inKeyring}. */
    void store(String name, StringProperty secret, BooleanProperty inKeyring) {
        String value = secret.get();
        if (WizardWork.blank(name) || value == null || value.isEmpty()) {
            text.set("Name the entry and type the secret, then store it.");
            return;
        }
        String entry = name.strip();
        try {
            OsKeyring.checkName(entry);
        } catch (IllegalArgumentException e) {
            text.set(WizardWork.sentence(e.getMessage()));
            return;
        }
        work.submit(() -> {
            keyring.set(entry, value);
            return entry;
        }, stored -> {
            secret.set("");
            inKeyring.set(true);
            text.set("Stored " + stored + " in the OS keyring. The profile reads it as {keyring: " + stored
                    + "}; the value is never written to a file.");
        }, text::set);
    }

    /** What the last keyring action did, or why it could not (no keyring service, with the fix). */
    ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }
}
