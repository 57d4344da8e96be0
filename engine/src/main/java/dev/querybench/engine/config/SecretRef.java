package dev.querybench.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A reference to a secret kept outside the workspace: an environment variable or an OS keyring
 * entry. Workspace files hold only this reference, never the secret itself.
 *
 * @param env name of the environment variable holding the secret, or null
 * @param keyring OS keyring entry: {@code NAME} (service {@code querybench}) or {@code service/account}, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretRef(String env, String keyring) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public SecretRef(@JsonProperty("env") String env, @JsonProperty("keyring") String keyring) {
        if (blank(env) && blank(keyring)) {
            throw new IllegalArgumentException(
                    "a secret reference needs 'env' (an environment variable name) or 'keyring' (service/account)");
        }
        if (!blank(env) && !env.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("'" + env + "' is not a valid environment variable name");
        }
        this.env = blank(env) ? null : env;
        this.keyring = blank(keyring) ? null : keyring;
    }

    /** Refuses a plain string where a secret reference belongs, so keys never land in files. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SecretRef fromPlainText(String text) {
        throw new IllegalArgumentException("secrets are never stored in workspace files; write a reference such as"
                + " {env: OPENAI_API_KEY} and export the key in that environment variable");
    }

    public static SecretRef env(String name) {
        return new SecretRef(name, null);
    }

    /** A reference to the OS keyring entry {@code name} ({@code NAME} or {@code service/account}). */
    public static SecretRef keyring(String name) {
        return new SecretRef(null, name);
    }

    /** How to provide the secret, for a message's fix: export the variable, or store the keyring entry. */
    public String howToSet() {
        return env != null ? "export " + env + " before starting QueryBench"
                : "store it with `querybench secret set " + keyring + "` (or the connection wizard's Store in keyring)";
    }

    /** Where the secret is looked up, for messages; never the secret itself. */
    public String describe() {
        return env != null ? "environment variable " + env : "keyring entry " + keyring;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
