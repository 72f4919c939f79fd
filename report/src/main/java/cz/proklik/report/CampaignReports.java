package cz.proklik.report;

import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.bounce.BounceKpiDao;
import cz.proklik.erp.campaign.CampaignRefreshDao;
import cz.proklik.erp.report.CampaignKpis;
import cz.proklik.erp.report.CampaignReportDao;
import cz.proklik.erp.report.FlagNoiseDao;
import cz.proklik.erp.report.RevenueKpis;
import cz.proklik.erp.response.ResponseDao;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reports as one facade for the {@code report} command, the demo and the benchmarks alike: load from the
 * evaluation views, print in a format, write the HTML page atomically, and warn while a rebuild leaves the
 * aggregates short. Read-only: it never changes the database.
 */
public final class CampaignReports {
    private final DataSource dataSource;
    private final Clock clock;

    public CampaignReports(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Every section of one campaign; empty when no campaign has that id. */
    public Optional<CampaignReport> load(String campaignId, CampaignReport.Limits limits) {
        return CampaignReport.load(new CampaignReportDao(dataSource), new FlagNoiseDao(dataSource),
                new BounceKpiDao(dataSource), new ResponseDao(dataSource), campaignId, limits);
    }

    /**
     * The figures come from the aggregates: while a rebuild refills them they are short, and the reader must know.
     * Empty when no rebuild is under way.
     */
    public Optional<String> rebuildWarning() {
        return new AggregateMaintainer(dataSource).rebuildInProgress().map(p -> String.format(
                "WARNING: an aggregates rebuild started at %s has folded %,d of %,d raw events;"
                        + " the figures below are incomplete until it finishes (or is run again, if it was"
                        + " interrupted)", p.startedAt(), p.eventsDone(), p.eventsUpto()));
    }

    /** One line per campaign with the headline KPIs, then the health of every mailer list and of all addresses. */
    public void printOverview(PrintWriter out, ReportFormat format) {
        CampaignReportDao dao = new CampaignReportDao(dataSource);
        List<BounceKpiDao.ListHealth> lists = new BounceKpiDao(dataSource).listHealth();
        List<CampaignKpis> campaigns = dao.campaigns();
        List<RevenueKpis> revenues = dao.revenues();
        List<ResponseDao.CampaignResponses> responses = new ResponseDao(dataSource).campaigns();
        Map<String, CampaignRefreshDao.RefreshState> refreshes = new CampaignRefreshDao(dataSource).all();
        switch (format) {
            case TEXT -> TextReport.write(out, List.of(CampaignReport.overview(campaigns, revenues, responses, refreshes),
                    CampaignReport.listHealthTable(lists)));
            case CSV -> CsvReport.write(out, List.of(CampaignReport.overview(campaigns, revenues, responses, refreshes),
                    CampaignReport.listHealthTable(lists)));
            case JSON -> {
                Map<String, RevenueKpis> byId = revenues.stream()
                        .collect(Collectors.toMap(RevenueKpis::campaignId, Function.identity()));
                Map<String, ResponseDao.CampaignResponses> answered = responses.stream()
                        .collect(Collectors.toMap(ResponseDao.CampaignResponses::campaignId, Function.identity()));
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("campaigns", campaigns.stream()
                        .map(c -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("campaign", c);
                            m.put("revenue", byId.get(c.campaignId()));
                            m.put("responses", answered.get(c.campaignId()));
                            m.put("refresh", refreshes.get(c.campaignId()));
                            return m;
                        }).toList());
                json.put("lists", lists);
                JsonReport.write(out, json);
            }
        }
    }

    public static void print(PrintWriter out, CampaignReport report, ReportFormat format) {
        switch (format) {
            case TEXT -> {
                out.println("Campaign report: " + TerminalText.safe(report.title()) + "   (times UTC)");
                out.println();
                TextReport.write(out, report.tables());
            }
            case CSV -> CsvReport.write(out, report.tables());
            case JSON -> JsonReport.write(out, report);
        }
    }

    /** Writes the self-contained page via a temporary file beside it, so a reader never sees half a report. */
    public void writeHtml(CampaignReport report, Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".report", ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                HtmlReport.write(w, report, clock.instant());
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
