package cz.proklik.app.report;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.report.CampaignKpis;
import cz.proklik.erp.report.CampaignReportDao;
import cz.proklik.erp.report.RevenueKpis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code proklik report campaigns | campaign ID}: the evaluation views (docs/evaluation.md) for people, as aligned
 * text, CSV or JSON, and as a self-contained HTML page. Read-only: it never changes the database.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Campaign reports from the evaluation views (text, CSV, JSON, HTML).",
        subcommands = {ReportCommand.Campaigns.class, ReportCommand.OneCampaign.class})
public final class ReportCommand {
    /** Exit code of an unknown campaign id: wrong usage, like every other bad argument. */
    public static final int UNKNOWN_CAMPAIGN = 2;

    @ParentCommand
    CommandContext context;

    public enum Format { text, csv, json }

    @Command(name = "campaigns", mixinStandardHelpOptions = true,
            description = "One line per campaign with the headline KPIs (clean opens and clicks).")
    static final class Campaigns implements Callable<Integer> {
        @ParentCommand
        ReportCommand report;

        @Option(names = "--format", defaultValue = "text", description = "text, csv or json (${DEFAULT-VALUE})")
        Format format;

        @Override
        public Integer call() {
            PrintWriter out = report.context.out();
            try (Database db = report.context.openMigratedDatabase()) {
                warnIfRebuilding(db, report.context.err());
                CampaignReportDao dao = new CampaignReportDao(db.dataSource());
                List<CampaignKpis> campaigns = dao.campaigns();
                List<RevenueKpis> revenues = dao.revenues();
                switch (format) {
                    case text -> TextReport.write(out, List.of(CampaignReport.overview(campaigns, revenues)));
                    case csv -> CsvReport.write(out, List.of(CampaignReport.overview(campaigns, revenues)));
                    case json -> {
                        Map<String, RevenueKpis> byId = revenues.stream()
                                .collect(Collectors.toMap(RevenueKpis::campaignId, Function.identity()));
                        JsonReport.write(out, Map.of("campaigns", campaigns.stream()
                                .map(c -> {
                                    Map<String, Object> m = new LinkedHashMap<>();
                                    m.put("campaign", c);
                                    m.put("revenue", byId.get(c.campaignId()));
                                    return m;
                                }).toList()));
                    }
                }
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
        Format format;

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
            try (Database db = report.context.openMigratedDatabase()) {
                warnIfRebuilding(db, report.context.err());
                loaded = CampaignReport.load(new CampaignReportDao(db.dataSource()), campaignId,
                        new CampaignReport.Limits(recipients, orders));
            }
            if (loaded.isEmpty()) {
                report.context.err().println("proklik report: no campaign with id '" + TextReport.safe(campaignId)
                        + "' (see 'proklik report campaigns' or 'proklik campaigns list')");
                return UNKNOWN_CAMPAIGN;
            }
            print(report.context.out(), loaded.get(), format);
            if (html != null) {
                writeHtml(loaded.get(), html);
                report.context.err().println("HTML report written to " + html.toAbsolutePath().normalize());
            }
            return 0;
        }
    }

    /** The figures come from the aggregates: while a rebuild refills them they are short, and the reader must know. */
    static void warnIfRebuilding(Database db, PrintWriter err) {
        new AggregateMaintainer(db.dataSource()).rebuildInProgress().ifPresent(p -> err.printf(
                "proklik report: WARNING: an aggregates rebuild started at %s has folded %,d of %,d raw events;"
                        + " the figures below are incomplete until it finishes (or is run again, if it was"
                        + " interrupted)%n", p.startedAt(), p.eventsDone(), p.eventsUpto()));
    }

    static void print(PrintWriter out, CampaignReport report, Format format) {
        switch (format) {
            case text -> {
                out.println("Campaign report: " + TextReport.safe(report.title()) + "   (times UTC)");
                out.println();
                TextReport.write(out, report.tables());
            }
            case csv -> CsvReport.write(out, report.tables());
            case json -> JsonReport.write(out, report);
        }
    }

    /** Writes the page via a temporary file, so a reader never sees half a report. */
    static void writeHtml(CampaignReport report, Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".report", ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                HtmlReport.write(w, report, Instant.now());
            }
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** For {@code proklik demo}: the text report of one campaign and its HTML page. */
    public static boolean printAndWriteHtml(Database db, String campaignId, PrintWriter out, Path html, int recipients)
            throws IOException {
        Optional<CampaignReport> report = CampaignReport.load(new CampaignReportDao(db.dataSource()), campaignId,
                new CampaignReport.Limits(recipients, CampaignReport.Limits.DEFAULT.orders()));
        if (report.isEmpty()) {
            return false;
        }
        print(out, report.get(), Format.text);
        writeHtml(report.get(), html);
        return true;
    }
}
