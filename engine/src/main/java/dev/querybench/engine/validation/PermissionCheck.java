package dev.querybench.engine.validation;

import dev.querybench.engine.errors.ErrorResponse;
import java.util.List;
import java.util.Optional;

/**
 * What {@link DatabaseValidator#validatePermissions} found about the account.
 *
 * @param canWrite whether the account can change data or schema (QueryBench's own layers still
 *     refuse writes; a read-only account is the last line of defence)
 * @param findings what showed it, one line each
 * @param readOnlySetup SQL (or, for Trino, configuration) that creates a read-only account for
 *     this database; empty when the account is read-only already
 * @param error why the check could not run, when it could not
 */
public record PermissionCheck(boolean canWrite, List<String> findings, String readOnlySetup,
        Optional<ErrorResponse> error) {

    public PermissionCheck {
        findings = List.copyOf(findings);
        readOnlySetup = readOnlySetup == null ? "" : readOnlySetup;
    }
}
