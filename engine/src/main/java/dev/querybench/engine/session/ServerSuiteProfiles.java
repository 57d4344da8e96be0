package dev.querybench.engine.session;

import dev.querybench.engine.config.DatabaseConfig;
import dev.querybench.engine.config.Workspace;
import dev.querybench.engine.config.WorkspaceProfileWriter;
import dev.querybench.engine.db.ConnectionUrl;
import dev.querybench.engine.db.Dialect;
import dev.querybench.engine.db.SuiteAreas;
import dev.querybench.engine.testsuite.TestSuiteBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lists a server database's test suite in the workspace: each instance (a schema on PostgreSQL, a
 * database on MySQL/MariaDB) becomes a profile {@code <profile>-suite-<n>}, a copy of the profile
 * reading that schema or database with the same account, and the profile's {@code instances:}
 * names them, in place of the suite listed before; instances the user listed stay. Does file I/O.
 */
final class ServerSuiteProfiles {

    private ServerSuiteProfiles() {
    }

    /** The name of the profile of the {@code n}th instance (from 1) of {@code profile}'s suite. */
    static String profileName(String profile, int n) {
        return profile + "-suite-" + n;
    }

    /** Saves the instance profiles and the profile's instances; true when the workspace file changed. */
    static boolean save(Workspace ws, String name, TestSuiteBuilder.DatabaseReport report) {
        DatabaseConfig db = ws.config().databaseProfile(name).orElseThrow();
        Dialect dialect = Dialect.fromName(db.type() != null ? db.type() : ConnectionUrl.parse(db.url()).dialect().id())
                .orElseThrow();
        Pattern ours = Pattern.compile(Pattern.quote(name) + "-suite-\\d+");
        List<String> instances = new ArrayList<>();
        for (String existing : db.instances()) {
            if (!ours.matcher(existing).matches()) {
                instances.add(existing);
            }
        }
        WorkspaceProfileWriter writer = new WorkspaceProfileWriter();
        for (int i = 0; i < report.instances().size(); i++) {
            String profile = profileName(name, i + 1);
            DatabaseConfig current = ws.config().databaseProfile(profile).orElse(null);
            DatabaseConfig wanted = reading(db, profile, dialect, report.instances().get(i).name());
            if (!wanted.equals(current)) {
                writer.save(ws.root(), new WorkspaceProfileWriter.Profile(wanted, List.of(), null));
            }
            instances.add(profile);
        }
        if (instances.equals(db.instances())) {
            return false;
        }
        DatabaseConfig updated = new DatabaseConfig(db.name(), db.type(), db.path(), db.init(), db.url(), db.host(),
                db.port(), db.database(), db.schema(), db.username(), db.password(), db.options(), db.poolSize(),
                db.connectTimeoutSeconds(), instances, db.readerRole(), db.allowPrivilegedAccount());
        writer.save(ws.root(), new WorkspaceProfileWriter.Profile(updated, List.of(), null));
        return true;
    }

    /**
     * The schemas (PostgreSQL) or databases (MySQL/MariaDB) the suite profiles listed under
     * {@code name}'s instances read: the instances an earlier build registered. Only names a suite
     * gives ({@code qbts_…}), so a profile the user pointed elsewhere is never among them.
     */
    static List<String> registeredAreas(Workspace ws, String name) {
        DatabaseConfig db = ws.config().databaseProfile(name).orElse(null);
        if (db == null) {
            return List.of();
        }
        Pattern ours = Pattern.compile(Pattern.quote(name) + "-suite-\\d+");
        List<String> areas = new ArrayList<>();
        for (String instance : db.instances()) {
            DatabaseConfig p = ours.matcher(instance).matches() ? ws.config().databaseProfile(instance).orElse(null) : null;
            if (p == null) {
                continue;
            }
            String area = areaRead(p);
            if (area != null && area.matches("qbts_[a-z0-9_]+")) {
                areas.add(area);
            }
        }
        return areas;
    }

    /** The schema or database a suite profile reads (as {@link #reading} wrote it), or null. */
    private static String areaRead(DatabaseConfig p) {
        boolean hasUrl = p.url() != null && !p.url().isBlank();
        Dialect dialect = Dialect.fromName(p.type() != null ? p.type() : hasUrl ? ConnectionUrl.parse(p.url())
                .dialect().id() : "").orElse(null);
        if (dialect == null) {
            return null;
        }
        boolean inSchema = dialect.engine().suiteAreas().map(SuiteAreas::areasAreSchemas).orElse(false);
        String schemaOption = dialect.engine().schemaOption().orElse(null);
        if (inSchema && schemaOption != null) {
            String option = p.options().get(schemaOption);
            if (option == null && hasUrl) {
                option = ConnectionUrl.parse(p.url()).options().get(schemaOption);
            }
            return option != null ? option : p.schema();
        }
        return hasUrl ? ConnectionUrl.parse(p.url()).database() : p.database();
    }

    /** A copy of {@code db} named {@code profile} that reads {@code area}: its schema or its database. */
    private static DatabaseConfig reading(DatabaseConfig db, String profile, Dialect dialect, String area) {
        String url = db.url();
        String database = db.database();
        String schema = db.schema();
        Map<String, String> options = new LinkedHashMap<>(db.options());
        boolean inSchema = dialect.engine().suiteAreas().map(SuiteAreas::areasAreSchemas).orElse(false);
        String schemaOption = dialect.engine().schemaOption().orElse(null);
        if (inSchema && schemaOption != null) {
            if (url != null && !url.isBlank()) {
                options.put(schemaOption, area);
            } else {
                schema = area;
                options.remove(schemaOption);
            }
        } else if (url != null && !url.isBlank()) {
            ConnectionUrl parsed = ConnectionUrl.parse(url);
            url = new ConnectionUrl(parsed.dialect(), parsed.host(), parsed.port(), area, parsed.schema(),
                    parsed.options()).toJdbcUrl();
        } else {
            database = area;
        }
        return new DatabaseConfig(profile, db.type(), db.path(), List.of(), url, db.host(), db.port(), database, schema,
                db.username(), db.password(), options, db.poolSize(), db.connectTimeoutSeconds(), List.of(),
                db.readerRole(), db.allowPrivilegedAccount());
    }
}
