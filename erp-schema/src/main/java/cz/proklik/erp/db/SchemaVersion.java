package cz.proklik.erp.db;

import org.flywaydb.core.api.MigrationVersion;

import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * The schema version this build installs: the newest migration Flyway resolves on the class path. Found by Flyway
 * itself against a throw-away in-memory database, so it agrees with what {@code db migrate} would apply (the SQL
 * Server twins carry the same versions).
 */
public final class SchemaVersion {
    private SchemaVersion() {
    }

    public static String newestKnown() {
        String url = "jdbc:h2:mem:proklik-version-" + UUID.randomUUID() + ";MODE=MSSQLServer;DATABASE_TO_LOWER=TRUE";
        try (Database scratch = Database.open(url, "sa", "")) {
            return SchemaMigrator.of(scratch).info().stream().map(SchemaMigrator.Info::version)
                    .filter(Objects::nonNull).max(Comparator.comparing(MigrationVersion::fromVersion))
                    .orElse("none");
        }
    }
}
