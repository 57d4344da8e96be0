package dev.querybench.engine.db;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** Names a server as users know it ("MariaDB 10.11.19", not "5.5.5-10.11.19-MariaDB-0+deb12u1"). Stateless. */
public final class ServerVersions {

    private ServerVersions() {}

    public static String describe(DatabaseMetaData meta, Dialect dialect) throws SQLException {
        return DatabaseBackends.engine(dialect).serverName(meta.getDatabaseProductVersion());
    }

    /** MariaDB reports itself with a 5.5.5- prefix to old clients; the real version follows. */
    public static String mysql(String version) {
        int maria = version.indexOf("-MariaDB");
        if (maria > 0) {
            String bare = version.startsWith("5.5.5-") ? version.substring(6) : version;
            return "MariaDB " + bare.substring(0, bare.indexOf("-MariaDB"));
        }
        return "MySQL " + version;
    }

    public static boolean isMariaDb(DatabaseMetaData meta) throws SQLException {
        return meta.getDatabaseProductVersion().contains("MariaDB");
    }
}
