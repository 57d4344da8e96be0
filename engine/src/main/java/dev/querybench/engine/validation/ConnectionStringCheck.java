package dev.querybench.engine.validation;

import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.errors.ErrorResponse;
import java.util.List;
import java.util.Optional;

/**
 * What {@link DatabaseValidator#validateConnectionString} found, before any connection was made.
 *
 * @param url the URL as checked (credentials removed), or the raw text when it did not parse
 * @param parsed the URL taken apart, when it parsed
 * @param problems each problem precisely, with a remedy; empty when the URL is usable
 */
public record ConnectionStringCheck(String url, Optional<ConnectionUrl> parsed, List<ErrorResponse> problems) {

    public ConnectionStringCheck {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
