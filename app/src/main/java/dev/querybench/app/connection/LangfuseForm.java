package dev.querybench.app.connection;

import static dev.querybench.app.connection.WizardWork.emptyToNull;

import dev.querybench.engine.config.LangfuseConfig;
import dev.querybench.engine.config.SecretRef;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The Langfuse page's fields: whether runs are traced, the host, and the names of the key variables. */
public final class LangfuseForm {

    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled");
    private final StringProperty host = new SimpleStringProperty(this, "host", LangfuseConfig.DEFAULT_HOST);
    private final StringProperty publicEnv = new SimpleStringProperty(this, "publicEnv", "LANGFUSE_PUBLIC_KEY");
    private final StringProperty secretEnv = new SimpleStringProperty(this, "secretEnv", "LANGFUSE_SECRET_KEY");

    LangfuseForm(LangfuseConfig existing) {
        if (existing != null) {
            enabled.set(existing.enabledOrDefault());
            host.set(existing.hostOrDefault());
            if (existing.publicKey() != null && existing.publicKey().env() != null) {
                publicEnv.set(existing.publicKey().env());
            }
            if (existing.secretKey() != null && existing.secretKey().env() != null) {
                secretEnv.set(existing.secretKey().env());
            }
        }
    }

    /** The section the fields describe. */
    LangfuseConfig config() {
        return new LangfuseConfig(emptyToNull(host.get()), SecretRef.env(publicEnv.get().strip()),
                SecretRef.env(secretEnv.get().strip()), null, null, null);
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty publicEnvProperty() {
        return publicEnv;
    }

    public StringProperty secretEnvProperty() {
        return secretEnv;
    }
}
