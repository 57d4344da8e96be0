package dev.querybench.engine.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The workspace's database profile.
 *
 * @param name profile name shown to users
 * @param type backend type: {@code sqlite} (more in later versions)
 * @param path SQLite file, relative to the workspace folder
 * @param init SQL scripts (relative to the workspace) that build the SQLite file when it is missing
 * @param url a JDBC URL, as an alternative to type-specific fields
 * @param username account name for server databases
 * @param password secret reference for the account's password
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DatabaseConfig(
        String name, String type, String path, List<String> init, String url, String username, SecretRef password) {

    public DatabaseConfig {
        init = init == null ? List.of() : List.copyOf(init);
    }
}
