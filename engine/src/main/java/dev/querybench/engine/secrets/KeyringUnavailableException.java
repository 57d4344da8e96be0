package dev.querybench.engine.secrets;

import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;

/** The OS keyring cannot be reached: no Secret Service, Keychain or Credential Manager answered. */
public final class KeyringUnavailableException extends QueryBenchException {

    /** What to do, by OS. */
    public static final String FIX = "on Linux start a Secret Service in your session (GNOME Keyring: install"
            + " gnome-keyring and log in to a desktop session, or run `gnome-keyring-daemon --unlock"
            + " --components=secrets` inside a D-Bus session; KeePassXC with Secret Service integration works too);"
            + " on macOS and Windows the Keychain and the Credential Manager are always there. Or keep the secret in"
            + " an environment variable and write {env: NAME} instead of {keyring: NAME}";

    public KeyringUnavailableException(String detail, Throwable cause) {
        super(ErrorResponse.of(ErrorCategory.CONFIGURATION, "the OS keyring cannot be used: " + detail, FIX), cause);
    }
}
