package cz.proklik.app.report;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.erp.db.Database;
import cz.proklik.report.CampaignReport;
import cz.proklik.report.CampaignReports;
import cz.proklik.report.ReportFormat;
import cz.proklik.report.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code proklik report campaigns | campaign ID}: the evaluation views (docs/evaluation.md) for people, as aligned
 * text, CSV or JSON, and as a self-contained HTML page. Read-only: it never changes the database.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Campaign reports from the evaluation views (text, CSV, JSON, HTML).",
        subcommands = {ReportCommand.Campaigns.class, ReportCommand.OneCampaign.class})
public final class ReportCommand {
    /** Exit code of an unknown campaign id: wrong usage, like every other bad argument. */
    static final int UNKNOWN_CAMPAIGN = 2;

    @ParentCommand
    CommandContext context;

    void warnIfRebuilding(CampaignReports reports) {
        reports.rebuildWarning().ifPresent(w -> context.err().println("proklik report: " + w));
    }

    @Command(name = "campaigns", mixinStandardHelpOptions = true,
            description = "One line per campaign with the headline KPIs (clean opens and clicks).")
    static final class Campaigns implements Callable<Integer> {
        @ParentCommand
        ReportCommand report;

        @Option(names = "--format", defaultValue = "text", description = "text, csv or json (${DEFAULT-VALUE})")
        ReportFormat format;

        @Override
        public Integer call() {
            try (Database db = report.context.openMigratedDatabase()) {
                CampaignReports reports = new CampaignReports(db.dataSource(), Clock.systemUTC());
                report.warnIfRebuilding(reports);
                reports.printOverview(report.context.out(), format);
            }
            return 0;
        }
    }

    @Command(name = "campaign", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Everything about one campaign: KPIs raw vs clean, revenue, links, segments, A/B variants,"
                    + " timeline, reacting recipients.")
    static final class OneCampaign implements Callable<Integer> {
        @ParentCommand
        ReportCommand report;

        @Parameters(paramLabel = "ID", description = "campaign id")
        String campaignId;

        @Option(names = "--format", defaultValue = "text", description = "text, csv or json on standard output"
                + " (${DEFAULT-VALUE})")
        ReportFormat format;

        @Option(names = "--html", paramLabel = "FILE", description = "also write a self-contained HTML page")
        Path html;

        @Option(names = "--recipients", paramLabel = "N", defaultValue = "20",
                description = "reacting recipients to list, most active first, 0 = all (${DEFAULT-VALUE})")
        int recipients;

        @Option(names = "--orders", paramLabel = "N", defaultValue = "20",
                description = "attributed orders to list, largest first, 0 = all (${DEFAULT-VALUE})")
        int orders;

        @Override
        public Integer call() throws IOException {
            if (recipients < 0 || orders < 0) {
                throw new UsageException("--recipients and --orders must be 0 (all) or more");
            }
            Optional<CampaignReport> loaded;
            CampaignReports reports;
            try (Database db = report.context.openMigratedDatabase()) {
                reports = new CampaignReports(db.dataSource(), Clock.systemUTC());
                report.warnIfRebuilding(reports);
                loaded = reports.load(campaignId, new CampaignReport.Limits(recipients, orders));
            }
            if (loaded.isEmpty()) {
                report.context.err().println("proklik report: no campaign with id '" + TerminalText.safe(campaignId)
                        + "' (see 'proklik report campaigns' or 'proklik campaigns list')");
                return UNKNOWN_CAMPAIGN;
            }
            CampaignReports.print(report.context.out(), loaded.get(), format);
            if (html != null) {
                reports.writeHtml(loaded.get(), html);
                report.context.err().println("HTML report written to " + html.toAbsolutePath().normalize());
            }
            return 0;
        }
    }
}
