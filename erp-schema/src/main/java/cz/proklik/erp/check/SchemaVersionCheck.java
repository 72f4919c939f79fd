package cz.proklik.erp.check;

import cz.proklik.erp.db.SchemaMigrator;
import org.flywaydb.core.api.MigrationState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Schema version and pending migrations, as Flyway's {@code info} sees them: nothing installed yet, pending
 * (run {@code db migrate}), a failed migration (FAIL: Flyway will not go on), or a database newer than this
 * Proklik.
 */
final class SchemaVersionCheck implements DatabaseCheck {
    @Override
    public String name() {
        return "schema";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        List<SchemaMigrator.Info> all = context.migrator().info();
        List<String> pending = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> future = new ArrayList<>();
        int applied = 0;
        for (SchemaMigrator.Info info : all) {
            MigrationState state = state(info.state());
            String label = (info.version() == null ? "R" : info.version()) + " " + info.description();
            if (state == MigrationState.PENDING || state == MigrationState.OUTDATED) {
                pending.add(label);
            } else if (state == MigrationState.IGNORED) {
                pending.add(label + " (older than the current version: db migrate refuses it)");
            } else if (state != null && state.isFailed()) {
                failed.add(label);
            } else if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.MISSING_SUCCESS) {
                future.add(label);
            }
            if (state != null && state.isApplied() && state != MigrationState.BASELINE) {
                applied++;
            }
        }
        String version = context.migrator().currentVersion();
        if (!failed.isEmpty()) {
            return List.of(CheckResult.fail(name(), "schema " + version + ", failed: " + String.join(", ", failed),
                    "read the error in pkl_schema_history, fix its cause, remove the failed row, run db migrate"));
        }
        if (!future.isEmpty()) {
            return List.of(CheckResult.warn(name(), "schema " + version + " is newer than this Proklik knows ("
                    + String.join(", ", future) + ")", "upgrade Proklik to the release that installed it"));
        }
        if (applied == 0) {
            return List.of(CheckResult.warn(name(), "not installed: " + pending.size() + " migrations pending",
                    "run proklik db migrate (docs/install-sqlserver.md)"));
        }
        if (!pending.isEmpty()) {
            return List.of(CheckResult.warn(name(), "schema " + version + ", " + pending.size() + " pending: "
                    + String.join(", ", pending), "run proklik db migrate (an import does it too while "
                    + "proklik.db.migrate-on-start=true)"));
        }
        return List.of(CheckResult.ok(name(), "schema " + version + ", nothing pending (" + applied
                + " migrations applied)"));
    }

    private static MigrationState state(String displayName) {
        return Arrays.stream(MigrationState.values()).filter(s -> s.getDisplayName().equals(displayName))
                .findFirst().orElse(null);
    }
}
