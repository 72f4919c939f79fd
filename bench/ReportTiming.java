import cz.proklik.erp.aggregate.Segment;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.report.CampaignReportDao;
import cz.proklik.erp.report.TimelinePoint;
import cz.proklik.report.CampaignReport;
import cz.proklik.report.CampaignReports;
import cz.proklik.report.ReportFormat;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Times, in-process (no JVM start in the figures), what an ERP user waits for: `report campaign ID` (every section,
 * text and HTML), the per-campaign view, and the same headline figures computed by a plain scan of pkl_event.
 * Also checks that the view and the scan agree. Usage: [SCAN_RUNS=3] java -cp app/target/proklik.jar bench/ReportTiming.java HOME ID
 */
public class ReportTiming {
    static final String RAW_SCAN = """
            SELECT SUM(CASE WHEN event_type = 'open' THEN 1 ELSE 0 END) AS opens_raw,
                   SUM(CASE WHEN event_type = 'open' AND is_clean = 1 THEN 1 ELSE 0 END) AS opens_clean,
                   COUNT(DISTINCT CASE WHEN event_type = 'open' THEN recipient_id END) AS unique_opens_raw,
                   COUNT(DISTINCT CASE WHEN event_type = 'open' AND is_clean = 1 THEN recipient_id END) AS unique_opens_clean,
                   SUM(CASE WHEN event_type = 'click' THEN 1 ELSE 0 END) AS clicks_raw,
                   SUM(CASE WHEN event_type = 'click' AND is_clean = 1 THEN 1 ELSE 0 END) AS clicks_clean,
                   COUNT(DISTINCT CASE WHEN event_type = 'click' THEN recipient_id END) AS unique_clicks_raw,
                   COUNT(DISTINCT CASE WHEN event_type = 'click' AND is_clean = 1 THEN recipient_id END) AS unique_clicks_clean
            FROM pkl_event WHERE campaign_id = ?""";
    static final String VIEW = "SELECT opens_raw, opens_clean, unique_opens_raw, unique_opens_clean, clicks_raw,"
            + " clicks_clean, unique_clicks_raw, unique_clicks_clean FROM pkl_eval_campaign WHERE campaign_id = ?";

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        String campaign = args[1];
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        Path html = Path.of(System.getProperty("java.io.tmpdir"), "proklik-report-bench.html");
        // H2 hands back a cached result for a repeated identical query while no table changed; a report that is
        // always served from that cache would measure nothing.
        try (Database db = Database.open(Database.embeddedUrl(home) + ";OPTIMIZE_REUSE_RESULTS=FALSE", "sa", "")) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            long rows = jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event", Long.class);
            // Warm-up: JIT and H2's page cache, as on a server that is up. Three rounds were not enough: the report
            // still fell from ~190 to ~80 ms over rounds 4-12 (session 3), which made one size look slower than the
            // other by JIT timing alone.
            // What `report campaign ID --html FILE` does, through the same facade.
            CampaignReports reports = new CampaignReports(db.dataSource(), Clock.systemUTC());
            Step textAndHtml = () -> {
                CampaignReport r = reports.load(campaign, CampaignReport.Limits.DEFAULT).orElseThrow();
                CampaignReports.print(nowhere, r, ReportFormat.TEXT);
                reports.writeHtml(r, html);
            };
            for (int i = 0; i < 12; i++) {
                textAndHtml.run();
                jdbc.queryForMap(VIEW, campaign);
            }
            double report = median(9, textAndHtml);
            double view = median(9, () -> jdbc.queryForMap(VIEW, campaign));
            Map<String, Object>[] scanned = new Map[1];
            // A scan of 20 million rows takes minutes: SCAN_RUNS (default 3) sets how many runs the median is of.
            int scanRuns = Integer.parseInt(System.getenv().getOrDefault("SCAN_RUNS", "3"));
            double scan = median(scanRuns, () -> scanned[0] = jdbc.queryForMap(RAW_SCAN, campaign));
            Map<String, Object> fromView = jdbc.queryForMap(VIEW, campaign);
            boolean same = fromView.keySet().stream().allMatch(k ->
                    ((Number) fromView.get(k)).longValue() == ((Number) scanned[0].get(k)).longValue());
            CampaignReportDao dao = new CampaignReportDao(db.dataSource());
            StringBuilder sections = new StringBuilder();
            for (Map.Entry<String, Step> section : Map.<String, Step>of(
                    "campaign", () -> dao.campaign(campaign), "revenue", () -> dao.revenue(campaign),
                    "largestAttributedOrders(20)", () -> dao.largestAttributedOrders(campaign, 20), "links", () -> dao.links(campaign),
                    "linksByRegion", () -> dao.linksBySegment(campaign, Segment.REGION),
                    "variants", () -> dao.variants(campaign),
                    "mostActiveRecipients(20)", () -> dao.mostActiveRecipients(campaign, 20),
                    "reactingRecipientCount", () -> dao.reactingRecipientCount(campaign),
                    "timelineHour", () -> dao.timeline(campaign, TimelinePoint.Granularity.HOURS_SINCE_SEND),
                    "timelineDay", () -> dao.timeline(campaign, TimelinePoint.Granularity.DAY)).entrySet()) {
                sections.append(String.format(Locale.ROOT, " %s=%.1f", section.getKey(), median(3, section.getValue())));
            }
            System.out.println("SECTIONS_MS" + sections);
            System.out.printf("RESULT raw_rows=%d report_ms=%.1f view_ms=%.1f raw_scan_ms=%.1f figures_equal=%s%n",
                    rows, report, view, scan, same ? "yes" : "NO " + fromView + " vs " + scanned[0]);
        }
    }

    interface Step {
        void run() throws Exception;
    }

    static double median(int times, Step step) throws Exception {
        double[] ms = new double[times];
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[times / 2];
    }
}
