package cz.proklik.erp.check;

import org.springframework.jdbc.core.ConnectionCallback;

import java.util.List;
import java.util.Map;

/** Engine and version: Flyway 12 (and so {@code db migrate}) refuses SQL Server older than 2017 (engine 14). */
final class EngineCheck implements DatabaseCheck {
    static final int MINIMUM_MAJOR = 14;
    private static final String SQL_SERVER = "SELECT CAST(SERVERPROPERTY('ProductVersion') AS NVARCHAR(128)) "
            + "AS product_version, CAST(SERVERPROPERTY('Edition') AS NVARCHAR(128)) AS edition, "
            + "(SELECT compatibility_level FROM sys.databases WHERE name = DB_NAME()) AS compatibility_level";

    @Override
    public String name() {
        return "engine";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        if (!context.sqlServer()) {
            String version = context.jdbc().execute(
                    (ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductVersion());
            return List.of(CheckResult.ok(name(), "H2 " + version + " in MODE=MSSQLServer (the embedded default)"));
        }
        Map<String, Object> row = context.jdbc().queryForMap(SQL_SERVER);
        return List.of(assess(String.valueOf(row.get("product_version")), String.valueOf(row.get("edition")),
                row.get("compatibility_level")));
    }

    static CheckResult assess(String productVersion, String edition, Object compatibilityLevel) {
        int major = major(productVersion);
        String finding = "SQL Server " + release(major) + " (" + productVersion + "), " + edition
                + ", database compatibility level " + compatibilityLevel;
        if (major < MINIMUM_MAJOR) {
            return CheckResult.fail("engine", finding, "Proklik needs SQL Server 2017 (14.0) or later: "
                    + "Flyway 12, which installs and upgrades the schema, refuses older servers");
        }
        return CheckResult.ok("engine", finding);
    }

    static int major(String productVersion) {
        int dot = productVersion.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? productVersion.strip() : productVersion.substring(0, dot).strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String release(int major) {
        return switch (major) {
            case 11 -> "2012";
            case 12 -> "2014";
            case 13 -> "2016";
            case 14 -> "2017";
            case 15 -> "2019";
            case 16 -> "2022";
            case 17 -> "2025";
            default -> major < 11 ? "before 2012" : "after 2025";
        };
    }
}
