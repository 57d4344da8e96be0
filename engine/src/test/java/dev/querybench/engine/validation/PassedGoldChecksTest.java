package dev.querybench.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querybench.engine.config.SecretResolver;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceLoader;
import dev.querybench.engine.dataset.DatasetException;
import dev.querybench.engine.db.SchemaSnapshot;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.session.WorkspaceSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gold schema check remembers its last pass by fingerprint, on the sample's real SQLite
 * database: a pass is written to the state folder, a changed gold query or schema changes the
 * fingerprint and is checked (and refused) again, and a failure is never remembered.
 */
class PassedGoldChecksTest {

    @TempDir
    Path dir;

    @Test
    void aPassIsRememberedAndAnyChangeToGoldOrSchemaIsCheckedAgain() throws Exception {
        Path root = new SampleWorkspace().materialize(dir.resolve("ws"));
        Workspace ws = new WorkspaceLoader().load(root);
        try (WorkspaceSession session = WorkspaceSession.open(ws, new SecretResolver(Map.of()), Clock.systemUTC())) {
            SchemaSnapshot schema = session.schema();
            GoldSchemaCheck check = new GoldSchemaCheck();
            PassedGoldChecks passed = new PassedGoldChecks(ws.stateFolder());
            String fingerprint = check.fingerprint(ws, schema);
            assertThat(fingerprint).hasSize(64).isEqualTo(check.fingerprint(new WorkspaceLoader().load(root), schema));
            assertThat(passed.passed(fingerprint)).isFalse();

            check.require(ws, schema, passed);
            assertThat(Files.readString(ws.stateFolder().resolve(PassedGoldChecks.FILE)).strip()).isEqualTo(fingerprint);
            assertThat(passed.passed(fingerprint)).isTrue();

            Path dataset = root.resolve("dataset.yaml");
            Files.writeString(dataset, Files.readString(dataset).replace("gold: SELECT COUNT(*) FROM customers\n",
                    "gold: SELECT COUNT(*) FROM clients\n"));
            Workspace changed = new WorkspaceLoader().load(root);
            assertThat(check.fingerprint(changed, schema)).isNotEqualTo(fingerprint);
            assertThatThrownBy(() -> check.require(changed, schema, passed)).isInstanceOf(DatasetException.class)
                    .hasMessageContaining("reads table 'clients', which the database does not have");
            assertThat(passed.passed(fingerprint)).as("a failure leaves the last pass as it was").isTrue();

            SchemaSnapshot fewer = new SchemaSnapshot(schema.dialect(), schema.tables().subList(1, schema.tables().size()));
            assertThat(check.fingerprint(ws, fewer)).isNotEqualTo(fingerprint);
        }
    }

    @Test
    void theRunsCheckIsSkippedAfterAPassAndAnEditedGoldIsCheckedAgain() throws Exception {
        Path root = new SampleWorkspace().materialize(dir.resolve("run"));
        SecretResolver secrets = new SecretResolver(Map.of());
        GoldSchemaCheck check = new GoldSchemaCheck();
        try (WorkspaceSession session = WorkspaceSession.open(new WorkspaceLoader().load(root), secrets,
                Clock.systemUTC())) {
            assertThat(check.requireBeforeRun(session)).as("the first run checks").isTrue();
            assertThat(check.requireBeforeRun(session)).as("the second skips").isFalse();
        }
        Path dataset = root.resolve("dataset.yaml");
        Files.writeString(dataset, Files.readString(dataset).replace("gold: SELECT COUNT(*) FROM customers\n",
                "gold: SELECT COUNT(customer_id) FROM customers\n"));
        try (WorkspaceSession session = WorkspaceSession.open(new WorkspaceLoader().load(root), secrets,
                Clock.systemUTC())) {
            assertThat(check.requireBeforeRun(session)).as("an edited gold is checked again").isTrue();
            assertThat(Files.readString(session.workspace().stateFolder().resolve(PassedGoldChecks.FILE)).strip())
                    .isEqualTo(check.fingerprint(session.workspace(), session.schema()));
            assertThat(check.requireBeforeRun(session)).isFalse();
        }
    }

    @Test
    void anUnwritableStateFolderOnlyMeansCheckingEveryTime() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        PassedGoldChecks passed = new PassedGoldChecks(notAFolder);
        passed.remember("abc");
        assertThat(passed.passed("abc")).isFalse();
    }
}
