package dev.querybench.engine.validation;

import dev.querybench.engine.errors.ErrorResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@link DatabaseValidator#testConnection} found.
 *
 * @param target where it connected, for messages
 * @param reachable whether the host accepted a connection on the port (SQLite: the file is readable)
 * @param authenticated whether the server accepted the account
 * @param serverVersion the server's name and version, when it answered
 * @param latency round trip of a trivial query (or of the TCP connect, when that is all that worked)
 * @param error what went wrong, when something did
 */
public record ConnectionCheck(String target, boolean reachable, boolean authenticated, Optional<String> serverVersion,
        Duration latency, Optional<ErrorResponse> error) {

    public boolean ok() {
        return error.isEmpty();
    }
}
