package cz.proklik.erp.check;

import org.flywaydb.core.api.MigrationState;
import org.springframework.dao.DataAccessException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rights the plug-in needs, and no more: create tables and views in its default schema (with ALTER on that
 * schema, which creating there takes), SELECT/INSERT/UPDATE/DELETE on the pkl_ tables, and read on what the
 * adapter views read. A view reads its sources with the view owner's rights when both have the same owner
 * (ownership chaining); only otherwise does the login need SELECT on the ERP tables themselves.
 * SQL Server answers with {@code HAS_PERMS_BY_NAME}; H2's embedded file belongs to its admin user.
 */
final class RightsCheck implements DatabaseCheck {
    private static final String H2_ADMIN =
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.USERS WHERE user_name = CURRENT_USER AND is_admin";
    private static final String DATABASE_RIGHTS = "SELECT SCHEMA_NAME() AS schema_name, "
            + "HAS_PERMS_BY_NAME(DB_NAME(), N'DATABASE', N'CREATE TABLE') AS create_table, "
            + "HAS_PERMS_BY_NAME(DB_NAME(), N'DATABASE', N'CREATE VIEW') AS create_view, "
            + "HAS_PERMS_BY_NAME(SCHEMA_NAME(), N'SCHEMA', N'ALTER') AS alter_schema, "
            + "IS_ROLEMEMBER(N'db_owner') AS db_owner, IS_SRVROLEMEMBER(N'sysadmin') AS sysadmin";
    private static final String TABLE_RIGHTS = "SELECT t.name AS table_name, "
            + "HAS_PERMS_BY_NAME(QUOTENAME(s.name) + N'.' + QUOTENAME(t.name), N'OBJECT', N'SELECT') AS can_select, "
            + "HAS_PERMS_BY_NAME(QUOTENAME(s.name) + N'.' + QUOTENAME(t.name), N'OBJECT', N'INSERT') AS can_insert, "
            + "HAS_PERMS_BY_NAME(QUOTENAME(s.name) + N'.' + QUOTENAME(t.name), N'OBJECT', N'UPDATE') AS can_update, "
            + "HAS_PERMS_BY_NAME(QUOTENAME(s.name) + N'.' + QUOTENAME(t.name), N'OBJECT', N'DELETE') AS can_delete "
            + "FROM sys.tables t JOIN sys.schemas s ON s.schema_id = t.schema_id "
            + "WHERE s.name = SCHEMA_NAME() AND (t.name LIKE N'pkl[_]%' OR t.name LIKE N'PKL[_]BATCH[_]%') "
            + "ORDER BY t.name";
    // One view at a time through the dependency function, which any owner of the view may call: the catalog view
    // sys.sql_expression_dependencies would need VIEW DEFINITION on the whole database. Only sources in this
    // database count; one in another database needs rights there, which this login may not even be able to see.
    private static final String VIEW_SOURCES = "SELECT DISTINCT "
            + "COALESCE(r.referenced_schema_name, SCHEMA_NAME()) + N'.' + r.referenced_entity_name AS source_name, "
            + "HAS_PERMS_BY_NAME(QUOTENAME(COALESCE(r.referenced_schema_name, SCHEMA_NAME())) + N'.' "
            + "+ QUOTENAME(r.referenced_entity_name), N'OBJECT', N'SELECT') AS can_select, "
            + "CASE WHEN ro.object_id IS NOT NULL AND COALESCE(ro.principal_id, rs.principal_id) "
            + "= COALESCE(v.principal_id, vs.principal_id) THEN 1 ELSE 0 END AS same_owner "
            + "FROM sys.dm_sql_referenced_entities(?, N'OBJECT') r "
            + "JOIN sys.views v ON v.object_id = OBJECT_ID(?) "
            + "JOIN sys.schemas vs ON vs.schema_id = v.schema_id "
            + "LEFT JOIN sys.objects ro ON ro.object_id = r.referenced_id "
            + "LEFT JOIN sys.schemas rs ON rs.schema_id = ro.schema_id "
            + "WHERE r.referenced_minor_id = 0 AND r.referenced_database_name IS NULL "
            + "AND r.referenced_server_name IS NULL";

    @Override
    public String name() {
        return "rights";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        if (!context.sqlServer()) {
            Integer admin = context.jdbc().queryForObject(H2_ADMIN, Integer.class);
            return List.of(admin != null && admin > 0
                    ? CheckResult.ok(name(), "the embedded database's admin user: every right on its own file")
                    : CheckResult.warn(name(), "not H2's admin user; rights on H2 are not checked one by one",
                            "use the embedded default (no URL), or an H2 admin user"));
        }
        List<CheckResult> results = new ArrayList<>();
        boolean pending = context.migrator().info().stream()
                .anyMatch(i -> i.state().equals(MigrationState.PENDING.getDisplayName())
                        || i.state().equals(MigrationState.OUTDATED.getDisplayName()));
        Map<String, Object> database = context.jdbc().queryForMap(DATABASE_RIGHTS);
        results.add(schemaRights(database, pending));
        results.add(tableRights(context.jdbc().queryForList(TABLE_RIGHTS)));
        results.add(sourceRights(context, String.valueOf(database.get("schema_name"))));
        return results;
    }

    private CheckResult schemaRights(Map<String, Object> row, boolean migrationPending) {
        String schema = String.valueOf(row.get("schema_name"));
        String key = name() + " schema";
        if (one(row.get("sysadmin")) || one(row.get("db_owner"))) {
            return CheckResult.warn(key, "the login is " + (one(row.get("sysadmin")) ? "sysadmin" : "db_owner")
                            + ": it may do everything, far more than the plug-in needs",
                    "run the plug-in under the least-rights user of docs/install-sqlserver.md");
        }
        List<String> missing = new ArrayList<>();
        if (!one(row.get("create_table"))) {
            missing.add("CREATE TABLE");
        }
        if (!one(row.get("create_view"))) {
            missing.add("CREATE VIEW");
        }
        if (!one(row.get("alter_schema"))) {
            missing.add("ALTER on SCHEMA::" + schema);
        }
        if (missing.isEmpty()) {
            return CheckResult.ok(key, "may create tables and views in schema " + schema);
        }
        String finding = "cannot create in schema " + schema + ": missing " + String.join(", ", missing);
        // A run-time login without DDL rights is a valid layout (a DBA login migrates); it only breaks an upgrade.
        if (!migrationPending) {
            return CheckResult.warn(key, finding + "; nothing is pending, so imports and reports work",
                    "run the next db migrate with a login that has them, or GRANT them (docs/install-sqlserver.md)");
        }
        return CheckResult.fail(key, finding + ", and migrations are pending",
                "GRANT them as in docs/install-sqlserver.md, or run db migrate with a login that has them");
    }

    private CheckResult tableRights(List<Map<String, Object>> rows) {
        String key = name() + " tables";
        if (rows.isEmpty()) {
            return CheckResult.ok(key, "no pkl_ tables visible yet (before db migrate)");
        }
        List<String> lacking = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<String> missing = new ArrayList<>();
            for (String right : List.of("select", "insert", "update", "delete")) {
                if (!one(row.get("can_" + right))) {
                    missing.add(right.toUpperCase(Locale.ROOT));
                }
            }
            if (!missing.isEmpty()) {
                lacking.add(row.get("table_name") + " (" + String.join(", ", missing) + ")");
            }
        }
        if (lacking.isEmpty()) {
            return CheckResult.ok(key, "SELECT, INSERT, UPDATE, DELETE on all " + rows.size() + " pkl_ tables");
        }
        return CheckResult.fail(key, "missing rights on " + String.join("; ", lacking),
                "GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA:: the plug-in's schema (docs/install-sqlserver.md)");
    }

    private CheckResult sourceRights(CheckContext context, String schema) {
        String key = name() + " adapter sources";
        List<String> unreadable = new ArrayList<>();
        List<String> unlisted = new ArrayList<>();
        int pairs = 0;
        for (AdapterView view : AdapterView.values()) {
            String qualified = schema + "." + view.viewName();
            List<Map<String, Object>> rows;
            try {
                rows = context.jdbc().queryForList(VIEW_SOURCES, qualified, qualified);
            } catch (DataAccessException e) {
                // A view that is missing or references a missing table: its adapter line says which.
                unlisted.add(view.viewName());
                continue;
            }
            for (Map<String, Object> row : rows) {
                pairs++;
                if (!one(row.get("can_select")) && !one(row.get("same_owner"))) {
                    unreadable.add(row.get("source_name") + " (read by " + view.viewName() + ")");
                }
            }
        }
        String notListed = unlisted.isEmpty() ? "" : "; sources of " + String.join(", ", unlisted)
                + " not listed (see their adapter lines)";
        if (!unreadable.isEmpty()) {
            return CheckResult.fail(key, "no SELECT on " + String.join(", ", unreadable) + notListed,
                    "GRANT SELECT on these ERP tables to the plug-in's role (docs/install-sqlserver.md)");
        }
        if (pairs == 0) {
            return CheckResult.ok(key, "no adapter view sources to check yet" + notListed);
        }
        return CheckResult.ok(key, "every source of the pkl_erp_* views is readable (" + pairs
                + " view-source pairs)" + notListed);
    }

    private static boolean one(Object value) {
        return value instanceof Number n ? n.intValue() == 1 : Boolean.TRUE.equals(value);
    }
}
