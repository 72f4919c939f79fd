package cz.proklik.erp.aggregate;

import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.event.EventFlags;
import cz.proklik.erp.event.RawEvent;
import cz.proklik.erp.event.RawEventDao;
import cz.proklik.erp.importfile.ImportFileDao;
import cz.proklik.erp.report.CampaignKpis;
import cz.proklik.erp.report.CampaignReportDao;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cost of the analytics layer on the embedded H2 file database. Off in the normal build; run with:
 * <pre>./mvnw -B -ntp -o -pl bench -am verify -Dtest=AggregateBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dproklik.bench.events=500000</pre>
 * It imports N events (5 campaigns, 50,000 recipients, 6 links, 10 % flagged) in files of 20,000, folds each file
 * with addFile, then times rebuild(), the campaign and link views, and the same counts computed from pkl_event.
 */
@EnabledIfSystemProperty(named = "proklik.bench.events", matches = "\\d+",
        disabledReason = "benchmark: run with -Dproklik.bench.events=500000")
class AggregateBenchmark {

    private static final int FILE = 20_000;
    private static final String[] LINKS = {"hero", "btn", "img-1", "img-2", "footer", "social"};

    @TempDir
    Path home;

    @Test
    void foldAndQuery() {
        int events = Integer.parseInt(System.getProperty("proklik.bench.events"));
        try (Database db = Database.embedded(home)) {
            SchemaMigrator.of(db).migrate();
            CampaignDao campaigns = new CampaignDao(db.dataSource());
            for (int c = 0; c < 5; c++) {
                campaigns.register(Campaign.draft("C" + c, "Campaign " + c, null, "2026-11-0" + (c + 1) + "_bench"));
            }
            RawEventDao raw = new RawEventDao(db.dataSource());
            ImportFileDao files = new ImportFileDao(db.dataSource());
            AggregateMaintainer aggregates = new AggregateMaintainer(db.dataSource());
            Random random = new Random(42);
            Instant t0 = Instant.parse("2026-11-02T09:00:00Z");
            long insertNanos = 0;
            long foldNanos = 0;
            int fileNo = 0;
            for (int done = 0; done < events; done += FILE) {
                List<RawEvent> batch = new ArrayList<>(FILE);
                for (int i = done; i < Math.min(events, done + FILE); i++) {
                    boolean open = random.nextInt(3) == 0;
                    EventFlags flags = random.nextInt(10) == 0
                            ? new EventFlags(true, false, false, false, false, "bot", "x", "unknown") : EventFlags.NONE;
                    batch.add(new RawEvent(UUID.randomUUID().toString(), t0.plusSeconds(i / 10), open ? "open" : "click",
                            "GET", "C" + random.nextInt(5), "R" + random.nextInt(50_000),
                            open ? null : LINKS[random.nextInt(LINKS.length)], random.nextBoolean() ? "A" : "B",
                            null, "k1", null, "192.0.2.0", "Mozilla/5.0", "n1", null, (long) i + 1, flags));
                }
                long fileId = files.start("bench-" + (++fileNo) + ".csv", "n1", "00".repeat(32), 1L, t0);
                long a = System.nanoTime();
                for (int from = 0; from < batch.size(); from += 2000) {
                    raw.insertBatch(fileId, batch.subList(from, Math.min(batch.size(), from + 2000)));
                }
                long b = System.nanoTime();
                aggregates.addFile(fileId);
                long c = System.nanoTime();
                insertNanos += b - a;
                foldNanos += c - b;
            }
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            CampaignReportDao report = new CampaignReportDao(db.dataSource());
            CampaignKpis incremental = report.campaign("C0").orElseThrow();
            long r0 = System.nanoTime();
            aggregates.rebuild();
            long r1 = System.nanoTime();
            assertThat(report.campaign("C0")).contains(incremental);

            long v0 = System.nanoTime();
            for (int c = 0; c < 5; c++) {
                report.campaign("C" + c);
                report.links("C" + c);
            }
            long v1 = System.nanoTime();
            for (int c = 0; c < 5; c++) {
                jdbc.queryForMap("""
                        SELECT COUNT(*) AS n, COUNT(DISTINCT CASE WHEN event_type = 'click' AND is_clean = 1
                                                                  THEN recipient_id END) AS u
                        FROM pkl_event WHERE campaign_id = ?""", "C" + c);
                jdbc.queryForList("""
                        SELECT link_id, COUNT(*), COUNT(DISTINCT recipient_id) FROM pkl_event
                        WHERE campaign_id = ? AND event_type = 'click' GROUP BY link_id""", "C" + c);
            }
            long v2 = System.nanoTime();
            System.out.printf("AggregateBenchmark: %,d events in %d files: insert %.1f s, addFile %.1f s in total "
                            + "(%.0f ms per file of %,d); rebuild %.1f s; campaign+link views for 5 campaigns %.0f ms, "
                            + "the same from pkl_event %.0f ms%n",
                    events, fileNo, insertNanos / 1e9, foldNanos / 1e9, foldNanos / 1e6 / fileNo, FILE,
                    (r1 - r0) / 1e9, (v1 - v0) / 1e6, (v2 - v1) / 1e6);
        }
    }
}
