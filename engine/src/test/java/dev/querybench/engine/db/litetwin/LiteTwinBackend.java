package dev.querybench.engine.db.litetwin;

import com.zaxxer.hikari.HikariConfig;
import dev.querybench.engine.db.DatabaseErrors;
import dev.querybench.engine.db.QueryLimits;
import dev.querybench.engine.db.internal.PooledJdbcBackend;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** A LiteTwin file opened read-only through the shared pool and query runner. Thread-safe. */
final class LiteTwinBackend extends PooledJdbcBackend {

    LiteTwinBackend(Path file, DatabaseErrors errors) {
        super(LiteTwinEngine.DIALECT, "LiteTwin", file.toString(), config(file), errors);
    }

    private static HikariConfig config(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(source);
        hikari.setPoolName("litetwin-" + file.getFileName());
        hikari.setMaximumPoolSize(1);
        hikari.setMinimumIdle(0);
        hikari.setReadOnly(true);
        return hikari;
    }

    @Override
    protected List<String> protections() {
        return List.of("the file is opened read-only");
    }

    @Override
    protected void beginReadOnly(Connection connection, QueryLimits limits) {
        // every connection is read-only from the moment it is opened
    }

    @Override
    protected void finishReadOnly(Connection connection) {
        // each read runs in its own implicit transaction
    }
}
