package cz.proklik.erp.check;

import java.util.List;
import java.util.Map;

/**
 * READ_COMMITTED_SNAPSHOT: with it ON, report readers (proklik report, ERP users on pkl_eval_*) read the last
 * committed rows and never wait for an import; with it OFF (SQL Server's default) they wait behind the import's
 * write locks until it commits. Switching it is the DBA's choice for the whole ERP database, so OFF is a WARN.
 */
final class SnapshotCheck implements DatabaseCheck {
    private static final String SQL_SERVER = "SELECT is_read_committed_snapshot_on AS rcsi, "
            + "snapshot_isolation_state_desc AS snapshot_state FROM sys.databases WHERE name = DB_NAME()";

    @Override
    public String name() {
        return "read committed snapshot";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        if (!context.sqlServer()) {
            return List.of(CheckResult.ok(name(), "H2 keeps row versions (MVCC): report readers never wait for "
                    + "the import"));
        }
        Map<String, Object> row = context.jdbc().queryForMap(SQL_SERVER);
        boolean on = Boolean.TRUE.equals(row.get("rcsi")) || Integer.valueOf(1).equals(row.get("rcsi"));
        if (on) {
            return List.of(CheckResult.ok(name(), "ON: report readers see the last committed data and never wait "
                    + "for the import"));
        }
        return List.of(CheckResult.warn(name(), "OFF (SQL Server's default; snapshot isolation "
                        + row.get("snapshot_state") + "): reports and ERP users reading pkl_eval_* wait while an "
                        + "import step writes, for up to the length of that step",
                "nothing to do if imports run off-hours; otherwise the DBA may switch the ERP database to "
                        + "ALTER DATABASE ... SET READ_COMMITTED_SNAPSHOT ON (needs a moment without other "
                        + "sessions; costs tempdb space for row versions)"));
    }
}
