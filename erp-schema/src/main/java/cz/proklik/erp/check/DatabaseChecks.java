package cz.proklik.erp.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs every check of {@code proklik db check} in a fixed order and collects their lines. A check that throws
 * (a denied catalog view, a Flyway that refuses the server, a timeout) becomes one FAIL line, and the checks after
 * it still run: the point is to show everything that is wrong in one go.
 */
public final class DatabaseChecks {
    private final List<DatabaseCheck> checks;

    public DatabaseChecks(List<DatabaseCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The checks an installer or DBA runs before and after install, in the order they are printed. */
    public static DatabaseChecks standard() {
        return new DatabaseChecks(List.of(new ConnectionCheck(), new EngineCheck(), new CollationCheck(),
                new SnapshotCheck(), new TransportSecurityCheck(), new RightsCheck(), new SchemaVersionCheck(),
                new AdapterViewCheck(), new ClockCheck()));
    }

    public CheckReport run(CheckContext context) {
        List<CheckResult> results = new ArrayList<>();
        for (DatabaseCheck check : checks) {
            try {
                results.addAll(check.run(context));
            } catch (RuntimeException e) {
                results.add(CheckResult.fail(check.name(), "the check itself failed: " + rootMessage(e),
                        "fix what the message names and run db check again"));
            }
        }
        return new CheckReport(results);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m.strip();
    }
}
