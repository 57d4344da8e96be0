package dev.querybench.engine.validation;

import dev.querybench.engine.config.ConfigException;
import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.DatabaseProfileResolver;
import dev.querybench.engine.config.LangfuseConfig;
import dev.querybench.engine.config.ModelConfig;
import dev.querybench.engine.config.SecretRef;
import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceConfig;
import dev.querybench.engine.db.AccountSafety;
import dev.querybench.engine.db.ConnectionProfile;
import dev.querybench.engine.db.DatabaseBackend;
import dev.querybench.engine.db.DatabaseBackends;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.model.ModelSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks a connection wizard shows for a profile that is not saved yet: a database, a model
 * endpoint or Langfuse, each as checklist lines with a remedy under every line that is not OK.
 * Secrets are looked up through their references and never appear in a line. Thread-safe; the
 * checks reach servers, so call them off the UI thread.
 */
public final class ConnectionChecklist {

    private final SecretResolver secrets;
    private final Duration timeout;
    private final Clock clock;

    public ConnectionChecklist(SecretResolver secrets, Duration timeout, Clock clock) {
        this.secrets = secrets;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The profile's fields, the connection string, the connection and the account's permissions. */
    public List<CheckResult> database(DatabaseConfig db, Workspace workspace) {
        List<CheckResult> lines = new ArrayList<>();
        if (db.password() != null) {
            lines.add(secretLine("Password", db.password()));
        }
        ConnectionProfile profile;
        try {
            profile = new DatabaseProfileResolver(secrets).resolve(db, workspace.root(), 2);
        } catch (ConfigException e) {
            lines.add(CheckResult.fail("Profile", e.error().message(), e.error().remedy()));
            return lines;
        }
        lines.add(CheckResult.ok("Profile", profile.dialect().displayName() + " profile '" + profile.name() + "'"));
        DatabaseValidator validator = new DatabaseValidator(timeout);
        ConnectionStringCheck url = validator.validateConnectionString(profile.jdbcUrl());
        if (!url.ok()) {
            url.problems().forEach(p -> lines.add(CheckResult.fail("Connection string", p.message(), p.remedy())));
            return lines;
        }
        lines.add(CheckResult.ok("Connection string", url.url()));
        ConnectionCheck connection = validator.testConnection(profile);
        if (!connection.ok()) {
            ErrorResponse e = connection.error().orElseThrow();
            lines.add(CheckResult.fail("Connection", e.message(), e.remedy()));
            return lines;
        }
        lines.add(CheckResult.ok("Connection", connection.serverVersion().orElse("the server") + " answered in "
                + connection.latency().toMillis() + " ms" + (profile.username() == null ? "" : " as " + profile.username())));
        PermissionCheck permissions = validator.validatePermissions(profile);
        if (permissions.error().isPresent()) {
            ErrorResponse e = permissions.error().get();
            lines.add(CheckResult.warn("Read-only account", "could not check: " + e.message(), e.remedy()));
        } else if (permissions.canWrite()) {
            lines.add(CheckResult.warn("Read-only account", "the account can write: "
                    + String.join("; ", permissions.findings()), "QueryBench refuses writes itself; as a last line of"
                    + " defence, use a read-only account: " + permissions.readOnlySetup().strip()));
        } else {
            lines.add(CheckResult.ok("Read-only account", permissions.findings().isEmpty() ? "the account cannot write"
                    : String.join("; ", permissions.findings())));
        }
        lines.add(safeExecution(profile));
        return lines;
    }

    /** Who untrusted SQL runs as, whether that account is refused, and what the engine enforces on every query. */
    private static CheckResult safeExecution(ConnectionProfile profile) {
        try (DatabaseBackend backend = DatabaseBackends.open(profile)) {
            AccountSafety safety = backend.accountSafety();
            String protections = "enforced on every query: " + String.join("; ", safety.protections());
            if (!safety.privileged()) {
                return CheckResult.ok("Safe execution", "untrusted SQL runs as " + safety.account() + ", which can only"
                        + " read; " + protections);
            }
            if (safety.allowed()) {
                return CheckResult.warn("Safe execution", safety.warning() + "; " + protections,
                        "create a reader (Create reader below, or 'querybench db reader') and use it instead");
            }
            return CheckResult.fail("Safe execution", "untrusted SQL will be refused: " + safety.account() + " holds"
                    + " more than read privileges (" + String.join("; ", safety.excess()) + ")", "create a reader"
                    + " (Create reader below, or 'querybench db reader'), or set allowPrivilegedAccount: true in the"
                    + " profile to accept the risk");
        } catch (RuntimeException e) {
            return CheckResult.warn("Safe execution", "could not review the account: " + e.getMessage(),
                    "check the connection above");
        }
    }

    /** The key's reference, then the cheapest real call to the provider's endpoint (its model list). */
    public List<CheckResult> model(ModelConfig model) {
        List<CheckResult> lines = new ArrayList<>();
        try {
            ModelSpec.parse(model.spec());
        } catch (IllegalArgumentException e) {
            lines.add(CheckResult.fail("Model", e.getMessage(), "write provider:model, such as openai:gpt-4o-mini"));
            return lines;
        }
        if (model.apiKey() != null) {
            CheckResult keyLine = secretLine("API key", model.apiKey());
            lines.add(keyLine);
            if (keyLine.status() == CheckResult.Status.FAIL) {
                return lines;
            }
        } else {
            lines.add(CheckResult.ok("API key", "none needed for this endpoint"));
        }
        lines.add(new ModelEndpointValidator(timeout).validate(model, secrets).toCheckResult("Endpoint"));
        return lines;
    }

    /** Host, keys and a trace round trip, with the profile in place of the workspace's own section. */
    public List<CheckResult> langfuse(LangfuseConfig langfuse, Workspace workspace) {
        List<CheckResult> lines = new ArrayList<>();
        for (SecretRef ref : new SecretRef[] {langfuse.publicKey(), langfuse.secretKey()}) {
            if (ref != null && langfuse.envFile() == null) {
                lines.add(secretLine(ref == langfuse.publicKey() ? "Public key" : "Secret key", ref));
            }
        }
        if (lines.stream().anyMatch(l -> l.status() == CheckResult.Status.FAIL)) {
            return lines;
        }
        WorkspaceConfig c = workspace.config();
        // Only the langfuse section matters to these checks.
        WorkspaceConfig withLangfuse = new WorkspaceConfig(c.name(), c.description(), c.database(), c.dataset(),
                c.prompts(), c.variants(), c.models(), c.run(), langfuse);
        Workspace probe = new Workspace(workspace.root(), withLangfuse, workspace.dataset(), workspace.prompts());
        lines.addAll(LangfuseValidator.withDefaults(clock).validateWorkspace(probe, secrets, timeout));
        return lines;
    }

    /** Whether a secret's reference resolves; says where it is read from, never what it is. */
    private CheckResult secretLine(String name, SecretRef ref) {
        if (secrets.resolve(ref).isPresent()) {
            return CheckResult.ok(name, "read from " + ref.describe() + " (the value is never shown or stored)");
        }
        return CheckResult.fail(name, ref.describe() + " is not set", (ref.env() != null
                ? "export " + ref.env() + "=… in the shell that starts QueryBench" : ref.howToSet()) + ", then check again");
    }
}
