package cz.proklik.erp.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Brings the plug-in's schema up to date with Flyway. Locations, in the order Flyway merges them by version:
 * <ul>
 *   <li>{@value #COMMON_LOCATION} - everything both engines accept;</li>
 *   <li>{@link Engine#vendorLocation()} - the engine-specific rest, picked from the JDBC URL;</li>
 *   <li>{@value #STANDIN_SEED_LOCATION} - demo rows for the stand-in ERP tables; on by default for H2 only.</li>
 * </ul>
 * The history table is {@value #HISTORY_TABLE} (our prefix). An ERP database is never empty, so Flyway is told to
 * baseline at version 0 when it meets a schema without our history table: V1 and later then apply normally.
 */
public final class SchemaMigrator {

    public static final String COMMON_LOCATION = "classpath:db/proklik/migration";
    public static final String STANDIN_SEED_LOCATION = "classpath:db/proklik/standin";
    public static final String HISTORY_TABLE = "pkl_schema_history";

    private final DataSource dataSource;
    private final Engine engine;
    private final boolean standinSeed;

    private SchemaMigrator(DataSource dataSource, Engine engine, boolean standinSeed) {
        this.dataSource = dataSource;
        this.engine = engine;
        this.standinSeed = standinSeed;
    }

    /** Migrator for a data source; the engine is read from the connection's JDBC URL. */
    public static SchemaMigrator of(DataSource dataSource) {
        Engine engine = Engine.of(dataSource);
        return new SchemaMigrator(dataSource, engine, engine == Engine.H2);
    }

    public static SchemaMigrator of(Database database) {
        return new SchemaMigrator(database.dataSource(), database.engine(), database.engine() == Engine.H2);
    }

    /** Whether the stand-in demo data is applied (default: only on H2, the embedded default). */
    public SchemaMigrator withStandinSeed(boolean apply) {
        return new SchemaMigrator(dataSource, engine, apply);
    }

    public Engine engine() {
        return engine;
    }

    public List<String> locations() {
        List<String> locations = new ArrayList<>(List.of(COMMON_LOCATION, engine.vendorLocation()));
        if (standinSeed) {
            locations.add(STANDIN_SEED_LOCATION);
        }
        return List.copyOf(locations);
    }

    /** Applies what is pending; returns what was applied now (empty when the schema was already current). */
    public Result migrate() {
        MigrateResult result = flyway().migrate();
        List<Applied> applied = result.migrations.stream()
                .map(m -> new Applied(m.version == null || m.version.isEmpty() ? null : m.version,
                        m.description, m.type, m.filepath, m.executionTime))
                .toList();
        return new Result(result.initialSchemaVersion, result.targetSchemaVersion, applied);
    }

    /** Every migration known to the database or on the classpath, with its state (Success, Pending, ...). */
    public List<Info> info() {
        return Arrays.stream(flyway().info().all()).map(SchemaMigrator::toInfo).toList();
    }

    /** The version the database is at, or {@code null} before the first migration. */
    public String currentVersion() {
        MigrationInfo current = flyway().info().current();
        return current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
    }

    private static Info toInfo(MigrationInfo m) {
        return new Info(m.getVersion() == null ? null : m.getVersion().getVersion(), m.getDescription(),
                m.getType().name(), m.getState().getDisplayName(), m.getScript(),
                m.getInstalledOn() == null ? null : m.getInstalledOn().toInstant());
    }

    private Flyway flyway() {
        return Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations().toArray(String[]::new))
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("before Proklik")
                .validateMigrationNaming(true)
                // Features land in parallel with version ranges of their own (4.x bounces, 6.x import, ...), so a
                // database already at 6.0 must still get a 4.0 that lands after it.
                .outOfOrder(true)
                .cleanDisabled(true)
                .load();
    }

    /** Outcome of {@link #migrate()}; versions are {@code null} for an empty schema / repeatable migrations. */
    public record Result(String initialVersion, String targetVersion, List<Applied> applied) {
        public Result {
            applied = List.copyOf(applied);
        }
    }

    /** One migration applied by {@link #migrate()}; {@code version} is {@code null} for a repeatable one. */
    public record Applied(String version, String description, String type, String script, int millis) {
    }

    /** One row of {@link #info()}. */
    public record Info(String version, String description, String type, String state, String script,
                       Instant installedOn) {
    }
}
