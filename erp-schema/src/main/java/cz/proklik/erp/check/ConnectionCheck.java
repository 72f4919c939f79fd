package cz.proklik.erp.check;

import java.util.List;
import java.util.Map;

/** Who and where: server, database, login and the default schema, into which every pkl_ object goes. */
final class ConnectionCheck implements DatabaseCheck {
    private static final String SQL_SERVER = "SELECT @@SERVERNAME AS server_name, DB_NAME() AS database_name, "
            + "SUSER_SNAME() AS login_name, SCHEMA_NAME() AS schema_name";
    private static final String H2 = "SELECT DATABASE() AS database_name, CURRENT_USER AS login_name, "
            + "CURRENT_SCHEMA AS schema_name";

    @Override
    public String name() {
        return "connection";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        if (!context.sqlServer()) {
            Map<String, Object> row = context.jdbc().queryForMap(H2);
            return List.of(CheckResult.ok(name(), "H2 database " + row.get("database_name") + " as "
                    + row.get("login_name") + ", schema " + row.get("schema_name")));
        }
        Map<String, Object> row = context.jdbc().queryForMap(SQL_SERVER);
        String schema = String.valueOf(row.get("schema_name"));
        String finding = "server " + row.get("server_name") + ", database " + row.get("database_name") + ", login "
                + row.get("login_name") + ", default schema " + schema + " (every pkl_ object goes there)";
        return List.of("dbo".equalsIgnoreCase(schema)
                ? CheckResult.ok(name(), finding, "pkl_ objects sit beside the ERP's in dbo; a schema of Proklik's "
                        + "own, set as the user's DEFAULT_SCHEMA, keeps them apart (docs/install-sqlserver.md)")
                : CheckResult.ok(name(), finding));
    }
}
