package cz.proklik.app.campaign;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignStatus;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.mailing.card.CampaignCardDao;
import cz.proklik.report.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code proklik campaigns add|list|links}: register the mailings that sends, links and reports refer to. */
@Command(name = "campaigns", mixinStandardHelpOptions = true, description = "Register and list campaigns.",
        subcommands = {CampaignsCommand.Add.class, CampaignsCommand.ListCampaigns.class, CampaignLinksCommand.class})
public final class CampaignsCommand {
    @ParentCommand
    CommandContext context;

    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Register a campaign, or update it (same id).")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        CampaignsCommand campaigns;

        @Parameters(paramLabel = "ID", description = "campaign id as in the links, 1-64 of [A-Za-z0-9._:-]")
        String id;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--subject")
        String subject;

        @Option(names = "--utm-campaign", required = true, description = "unique, e.g. 2026-11-25_black_friday")
        String utmCampaign;

        @Option(names = "--utm-medium", defaultValue = "newsletter", description = "(${DEFAULT-VALUE})")
        String utmMedium;

        @Option(names = "--sent-at", description = "UTC, e.g. 2026-11-25T09:00:00Z")
        Instant sentAt;

        @Option(names = "--attribution-days", defaultValue = "5", description = "post-click window (${DEFAULT-VALUE})")
        int attributionDays;

        @Override
        public Integer call() {
            Campaign campaign = UsageException.ifInvalid(() -> new Campaign(id, name, subject, utmCampaign, utmMedium,
                    null, sentAt, attributionDays, sentAt == null ? CampaignStatus.DRAFT : CampaignStatus.DONE));
            try (Database db = campaigns.context.openMigratedDatabase()) {
                CampaignDao dao = new CampaignDao(db.dataSource());
                // A campaign the mailer sends or sent is read-only: re-registering it would rename it, change its
                // utm_campaign (the attribution) and set its status back (a draft could be sent again).
                dao.find(id).filter(c -> CampaignSendCommands.FROZEN.contains(c.status()))
                        .filter(c -> new CampaignCardDao(db.dataSource()).find(id).isPresent()).ifPresent(c -> {
                            throw new UsageException("campaign " + id + " is " + c.status().code() + ": the mailer"
                                    + " sends it, so it is read-only (its statistics keep updating)");
                        });
                dao.register(campaign);
                campaigns.context.out().println("Campaign " + id + " registered");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List campaigns.")
    static final class ListCampaigns implements Callable<Integer> {
        @ParentCommand
        CampaignsCommand campaigns;

        @Override
        public Integer call() {
            PrintWriter out = campaigns.context.out();
            try (Database db = campaigns.context.openMigratedDatabase()) {
                for (Campaign c : new CampaignDao(db.dataSource()).all()) {
                    out.printf("%-20s %-10s %-32s %s%n", TerminalText.safe(c.id()), c.status().code(),
                            TerminalText.safe(c.utmCampaign()), TerminalText.safe(c.name()));
                }
            }
            return 0;
        }
    }
}
