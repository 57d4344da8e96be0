package dev.querybench.engine.db.sqlite;

import dev.querybench.engine.db.SqlScript;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Builds an SQLite file from trusted SQL scripts kept with the workspace (schema, then data).
 * The file appears atomically: a half-built database is never left behind. Not for untrusted SQL.
 */
public final class SqliteDatabaseBuilder {

    /** Builds {@code target} from the scripts, in order, unless it already exists. */
    public void buildIfMissing(Path target, List<Path> scripts) {
        if (Files.exists(target)) {
            return;
        }
        Path temp = target.resolveSibling(target.getFileName() + ".building");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.deleteIfExists(temp);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + temp.toAbsolutePath());
                    Statement s = c.createStatement()) {
                s.execute("PRAGMA foreign_keys = ON");
                c.setAutoCommit(false);
                for (Path script : scripts) {
                    runScript(s, script);
                }
                c.commit();
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | SQLException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort cleanup of a failed build
            }
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION,
                    "cannot build the SQLite database " + target + ": " + e.getMessage(),
                    "check the database's init scripts in querybench.yaml"), e);
        }
    }

    private static void runScript(Statement s, Path script) throws IOException, SQLException {
        int n = 0;
        for (String statement : SqlScript.split(Files.readString(script))) {
            n++;
            try {
                s.execute(statement);
            } catch (SQLException e) {
                throw new SQLException(script.getFileName() + ", statement " + n + ": " + e.getMessage(), e);
            }
        }
    }
}
