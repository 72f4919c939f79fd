package cz.proklik.app.bounces;

import cz.proklik.app.cli.UsageException;
import cz.proklik.bounces.suppress.SuppressionRules;
import cz.proklik.erp.bounce.BounceStore;
import cz.proklik.erp.bounce.Suppression;
import cz.proklik.erp.bounce.SuppressionDao;
import cz.proklik.erp.db.Database;
import cz.proklik.report.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code proklik bounces list}: what was recorded, the alerts (blocks against the sender), who is suppressed. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "The messages recorded, the alerts (blocks against the sender per campaign in the last "
                + "--days) and the suppressed addresses with their reason.")
final class BounceListCommand implements Callable<Integer> {
    @ParentCommand
    BouncesCommand bounces;

    @Option(names = "--limit", defaultValue = "100", description = "suppressed addresses shown (${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--days", defaultValue = "30", description = "alerts of this many days (${DEFAULT-VALUE})")
    int days;

    @Override
    public Integer call() {
        if (limit < 1 || days < 1) {
            throw new UsageException("--limit and --days must be at least 1");
        }
        PrintWriter out = bounces.context.out();
        try (Database db = bounces.context.openMigratedDatabase()) {
            BounceStore store = new BounceStore(db.dataSource());
            out.println("Messages recorded:");
            List<BounceStore.KindCount> kinds = store.messageKinds();
            if (kinds.isEmpty()) {
                out.println("  none");
            }
            kinds.forEach(k -> out.printf("  %-11s %d%n", k.kind(), k.count()));
            out.println("Alerts (blocks against the sender, last " + days + " days):");
            List<BounceStore.Alert> alerts = store.alerts(Instant.now().minus(Duration.ofDays(days)),
                    SuppressionRules.SENDER_REASONS);
            if (alerts.isEmpty()) {
                out.println("  none");
            }
            alerts.forEach(a -> out.printf("  %-24s %-17s %5d  last %s%n", a.campaignId() == null
                    ? "(no campaign)" : TerminalText.safe(a.campaignId()), a.reason(), a.count(), a.lastAt()));
            List<Suppression> list = new SuppressionDao(db.dataSource()).all(limit);
            out.println("Suppressed (" + list.size() + (list.size() == limit ? "+" : "") + "):");
            for (Suppression s : list) {
                out.printf("  %-40s %-9s %-17s %s%s%n", TerminalText.safe(s.email()), s.scope(), s.reason(),
                        s.suppressedAt(), s.bounceId() == null ? "" : "  bounce " + s.bounceId());
            }
            return 0;
        }
    }
}
