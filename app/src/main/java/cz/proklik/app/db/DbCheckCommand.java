package cz.proklik.app.db;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.config.ProklikConfig;
import cz.proklik.erp.check.CheckContext;
import cz.proklik.erp.check.CheckReport;
import cz.proklik.erp.check.CheckResult;
import cz.proklik.erp.check.CheckStatus;
import cz.proklik.erp.check.DatabaseChecks;
import cz.proklik.erp.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import javax.net.ssl.SSLException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code proklik db check}: what an installer or DBA runs against the configured database before and after install.
 * Read-only: it never migrates, and on the embedded default it does not even create the database file.
 * Exit 0 when every line is OK or WARN, 1 on any FAIL, 2 on wrong usage.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check the configured database: engine, collation, snapshot reads, TLS, rights, schema "
                + "version, adapter views, clock. Exit 0 OK/WARN, 1 any FAIL.")
final class DbCheckCommand implements Callable<Integer> {
    enum Format { text, json }

    @ParentCommand
    DbCommand db;

    @Option(names = "--format", defaultValue = "text", description = "text or json (${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() {
        CheckReport report = check(db.context);
        PrintWriter out = db.context.out();
        if (format == Format.json) {
            CheckPrinter.json(out, report);
        } else {
            CheckPrinter.text(out, report);
        }
        return report.worst() == CheckStatus.FAIL ? 1 : 0;
    }

    private static CheckReport check(CommandContext context) {
        ProklikConfig config = context.config();
        boolean embedded = config.get("proklik.db.url").isEmpty();
        if (embedded && !Files.exists(config.home().resolve("db").resolve("proklik.mv.db"))) {
            return new CheckReport(List.of(CheckResult.warn("connection", "no embedded database in "
                    + config.home().resolve("db") + " yet", "run proklik db migrate (or any import) first")));
        }
        Database database;
        try {
            database = context.openDatabase();
        } catch (DatabaseAccess.DatabaseUnavailableException e) {
            return new CheckReport(List.of(connectionFailed(e)));
        }
        try (database) {
            return DatabaseChecks.standard().run(CheckContext.of(database, Clock.systemUTC()));
        }
    }

    // The URL is never printed (it may hold a password): only the driver's own reason.
    private static CheckResult connectionFailed(Exception e) {
        Throwable root = e;
        boolean tls = false;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            tls |= t instanceof SSLException || String.valueOf(t.getMessage()).contains("PKIX");
            root = t;
        }
        String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
        return CheckResult.fail("connection", "cannot connect: " + reason, tls
                ? "the server's certificate is not trusted by this JVM: use a CA-issued certificate "
                        + "(hostNameInCertificate if the name differs), encrypt=strict with serverCertificate on "
                        + "SQL Server 2022, or, knowing the risk, trustServerCertificate=true (README 'Connecting to "
                        + "SQL Server')"
                : "check proklik.db.url, the user and password, and that this host reaches the server's port");
    }
}
