package dev.querybench.engine.cli;

import dev.querybench.engine.db.AccountSafety;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.io.PrintWriter;

/** Before a command runs untrusted SQL: stops on a privileged account, or says it runs under one by opt-in. */
final class AccountNotice {

    private AccountNotice() {}

    /**
     * @throws QueryBenchException (configuration) when the account is privileged and the profile does not allow it
     */
    static void check(DatabaseBackend backend, PrintWriter err) {
        AccountSafety safety = backend.accountSafety();
        if (!safety.privileged()) {
            return;
        }
        if (safety.allowed()) {
            err.println("warning: " + safety.warning());
            return;
        }
        throw new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION, "untrusted SQL does not run under "
                + safety.account() + ", which holds more than read privileges (" + String.join("; ", safety.excess())
                + ")", "create a reader with 'querybench db reader' and connect with it (or name a readerRole on"
                + " PostgreSQL), or set allowPrivilegedAccount: true in the database profile"
                + " (--allow-privileged-account) to accept the risk"));
    }
}
