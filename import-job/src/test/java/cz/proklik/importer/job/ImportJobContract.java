package cz.proklik.importer.job;

import com.opencsv.CSVReader;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.event.FlagRecomputeDao;
import cz.proklik.erp.privacy.StoredDataRetention;
import cz.proklik.erp.report.FlagNoise;
import cz.proklik.erp.report.FlagNoiseDao;
import cz.proklik.erp.send.Send;
import cz.proklik.erp.send.SendDao;
import cz.proklik.importer.flag.FlagRecompute;
import cz.proklik.importer.retention.RetentionSettings;
import cz.proklik.tracking.clicklog.ClickLogFormat;
import cz.proklik.tracking.clicklog.LogFileNames;
import cz.proklik.tracking.event.TrackingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import job against a real database: what an ERP user would check in pkl_event, pkl_import_file,
 * pkl_quarantine and pkl_unsubscribe after an import. Runs on H2 here and on SQL Server where Docker exists.
 */
abstract class ImportJobContract {
    static final Instant SENT = Instant.parse("2026-11-25T08:00:00Z");
    /** The shipped defaults (proklik.properties): event details 90 days, files 30 days. */
    static final RetentionSettings DEFAULT_RETENTION = new RetentionSettings(Duration.ofDays(90), Duration.ofDays(30));

    @TempDir
    Path home;
    Path dropA;
    Path dropB;
    Database database;
    JdbcTemplate jdbc;
    ImportRunner runner;

    /** A fresh, empty database for one test. */
    abstract Database openDatabase(Path home) throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        dropA = home.resolve("drop-a");
        dropB = home.resolve("drop-b");
        database = openDatabase(home);
        SchemaMigrator.of(database).migrate();
        jdbc = new JdbcTemplate(database.dataSource());
        new CampaignDao(database.dataSource()).register(Campaign.draft("C1", "Black Friday", "Deals inside",
                "2026-11-25_black_friday"));
        new SendDao(database.dataSource()).upsert(List.of(
                Send.sent("C1", "R1", "r1@example.com", "A", SENT),
                Send.sent("C1", "R2", "r2@example.com", "A", SENT)));
        runner = new ImportRunner(database, settings(3));
    }

    ImportSettings settings(int chunkSize) {
        return settings(chunkSize, List.of("192.0.2.0/24"));
    }

    ImportSettings settings(int chunkSize, List<String> scannerRanges) {
        return new ImportSettings(List.of(dropA, dropB), home.resolve("archive"), home.resolve("quarantine"),
                home.resolve("import.lock"), chunkSize, true, scannerRanges, List.of("17.0.0.0/8"),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), 3, false, DEFAULT_RETENTION);
    }

    @AfterEach
    void tearDown() {
        runner.close();
        database.close();
    }

    @Test
    void everyFieldAndFlagIsStoredAndTheFilesAreArchived() throws Exception {
        TrackingEvent person;
        try (ClickLogs a = new ClickLogs(dropA, "node-a", 1024); ClickLogs b = new ClickLogs(dropB, "node-b", 1 << 20)) {
            person = a.click(SENT.plusSeconds(600), "C1", "R1", "hero", ClickLogs.CHROME, "203.0.113.77");
            a.click(SENT.plusSeconds(700), "C1", "R1", "footer", ClickLogs.GOOGLEBOT, "66.249.66.1");
            a.head(SENT.plusSeconds(800), "C1", "R1", "hero");
            a.open(SENT.plusSeconds(900), "C1", "R1", "Mozilla/5.0", "17.58.1.9");
            a.open(SENT.plusSeconds(950), "C1", "R1", ClickLogs.GMAIL_PROXY, "66.249.84.1");
            a.click(SENT.plusMillis(500), "C1", "R2", "hero", ClickLogs.CHROME, "203.0.113.78");
            a.unsubscribe(SENT.plusSeconds(1000), "C1", "R1");
            a.rejected(SENT.plusSeconds(1100));
            b.click(SENT.plusSeconds(2000), "C1", "R3", "hero", ClickLogs.CHROME, "2001:db8:1234:5678::9");
            b.click(SENT.plusSeconds(2000).plusMillis(300), "C1", "R3", "btn_primary", ClickLogs.CHROME, "2001:db8:1234:5678::9");
            b.click(SENT.plusSeconds(2001), "C1", "R3", "footer", ClickLogs.CHROME, "2001:db8:1234:5678::9");
            b.click(SENT.plusSeconds(3000), "C1", "R4", "hero", ClickLogs.CHROME, "192.0.2.44");
        }
        List<Path> files = closedFiles();
        assertThat(files.size()).as("node-a rotated").isGreaterThan(2);

        ImportStats.Summary summary = runner.runOnce();

        assertThat(summary.files()).isEqualTo(files.size());
        assertThat(summary.imported()).isEqualTo(12);
        assertThat(summary.duplicates()).isZero();
        assertThat(summary.quarantined()).isZero();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM pkl_event WHERE event_id = ?", person.id().toString());
        assertThat(row.get("event_type")).isEqualTo("click");
        assertThat(row.get("method")).isEqualTo("GET");
        assertThat(row.get("campaign_id")).isEqualTo("C1");
        assertThat(row.get("recipient_id")).isEqualTo("R1");
        assertThat(row.get("link_id")).isEqualTo("hero");
        assertThat(row.get("variant")).isEqualTo("A");
        assertThat(row.get("target")).isEqualTo("https://shop.example.com/hero?utm_source=email");
        assertThat(row.get("key_id")).isEqualTo("k1");
        assertThat(row.get("client_ip")).as("anonymised").isEqualTo("203.0.113.0");
        assertThat(row.get("user_agent")).isEqualTo(ClickLogs.CHROME);
        assertThat(row.get("node")).isEqualTo("node-a");
        assertThat(((Number) row.get("file_seq")).longValue()).isEqualTo(1);
        assertThat(row.get("ua_name")).isEqualTo("Chrome");
        assertThat(row.get("device_class")).isEqualTo("Desktop");
        assertThat(flags(person.id().toString())).isEqualTo("clean");
        assertThat(instant(row.get("event_time"))).isEqualTo(person.time());

        assertThat(flagsOf("R1", "click", "footer")).isEqualTo("bot");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event WHERE method = 'HEAD' AND is_prefetch = 1",
                Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT client_ip FROM pkl_event WHERE event_type = 'open' AND is_mpp_suspect = 1",
                String.class)).containsExactly("17.58.1.0");
        assertThat(jdbc.queryForObject("SELECT is_clean FROM pkl_event WHERE event_type = 'open' AND user_agent = ?",
                Boolean.class, ClickLogs.GMAIL_PROXY)).as("Gmail's proxy fetches on a real open").isTrue();
        assertThat(flagsOf("R2", "click", "hero")).as("clicked 0.5 s after the send").isEqualTo("too-fast");
        assertThat(jdbc.queryForList("SELECT is_security_scanner FROM pkl_event WHERE recipient_id = 'R3'", Boolean.class))
                .as("three links within a second: a scanner").containsOnly(true).hasSize(3);
        assertThat(jdbc.queryForList("SELECT client_ip FROM pkl_event WHERE recipient_id = 'R3'", String.class))
                .containsOnly("2001:db8:1234::");
        assertThat(flagsOf("R4", "click", "hero")).as("the company's mail gateway range").isEqualTo("scanner");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event WHERE event_type = 'rejected' AND reason = 'BAD_SIGNATURE'"
                + " AND campaign_id IS NULL", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT recipient_id FROM pkl_unsubscribe WHERE campaign_id = 'C1'", String.class))
                .containsExactly("R1");
        assertThat(summary.flagged()).isEqualTo(
                jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event WHERE is_clean = 0", Long.class)).isEqualTo(8);

        List<Map<String, Object>> fileRows = jdbc.queryForList("SELECT * FROM pkl_import_file ORDER BY file_name");
        assertThat(fileRows).hasSize(files.size()).allSatisfy(f -> {
            assertThat(f.get("status")).isEqualTo("imported");
            assertThat(((Number) f.get("line_count")).longValue()).isEqualTo(((Number) f.get("imported_count")).longValue());
            assertThat((String) f.get("sha256")).hasSize(64);
        });
        assertThat(fileRows.stream().mapToLong(f -> ((Number) f.get("imported_count")).longValue()).sum()).isEqualTo(12);
        assertThat(closedFiles()).as("drop folders are emptied").isEmpty();
        assertThat(listFiles(home.resolve("archive"))).hasSize(files.size());
    }

    @Test
    void theScannersOpenBesideAFlaggedClickBurstIsFlaggedWithItsOwnReason() throws Exception {
        Instant burst = SENT.plusSeconds(3600);
        String gateway = "198.51.100.20";
        try (ClickLogs a = new ClickLogs(dropA, "node-a", 1 << 20)) {
            a.open(burst.minusMillis(1500), "C1", "R5", ClickLogs.CHROME, gateway);
            a.click(burst, "C1", "R5", "hero", ClickLogs.CHROME, gateway);
            a.click(burst.plusMillis(300), "C1", "R5", "btn_primary", ClickLogs.CHROME, gateway);
            a.click(burst.plusMillis(900), "C1", "R5", "footer", ClickLogs.CHROME, gateway);
            a.open(burst.plusMillis(2500), "C1", "R5", ClickLogs.CHROME, gateway);
            a.open(burst.plusMillis(2000), "C1", "R5", ClickLogs.CHROME, "203.0.113.90"); // the person, elsewhere
            a.open(burst.plusSeconds(30), "C1", "R5", ClickLogs.CHROME, gateway);          // later: the person
            a.open(burst.plusMillis(500), "C1", "R6", ClickLogs.CHROME, gateway);          // another recipient
        }

        runner.runOnce();

        assertThat(jdbc.queryForList("SELECT burst_rule FROM pkl_event WHERE recipient_id = 'R5' AND event_type = 'click'",
                String.class)).containsOnly("click").hasSize(3);
        assertThat(jdbc.queryForList("SELECT event_time, burst_rule, is_clean FROM pkl_event WHERE event_type = 'open'"
                + " ORDER BY event_time, client_ip"))
                .extracting(r -> r.get("burst_rule") + "/" + (Boolean.TRUE.equals(r.get("is_clean")) ? "clean" : "flagged"))
                .containsExactly("open_before/flagged", "null/clean", "null/clean", "open_after/flagged", "null/clean");
        assertThat(jdbc.queryForList("SELECT rules_version FROM pkl_event", Integer.class)).containsOnly(3);
        assertThat(new FlagNoiseDao(database.dataSource()).noise("C1")).as("what the report's noise table shows")
                .containsExactly(new FlagNoise("open", 5, 3, 0, 0, 0, 0, 0, 2),
                        new FlagNoise("click", 3, 0, 0, 3, 0, 0, 0, 0));
    }

    @Test
    void recomputeAfterAddingAScannerRangeChangesExactlyTheAffectedEventsAndEqualsAFreshImport() throws Exception {
        new CampaignDao(database.dataSource()).register(Campaign.draft("C2", "Advent", "Calendar", "2026-12_advent"));
        try (ClickLogs a = new ClickLogs(dropA, "node-a", 1 << 20)) {
            // C2: people and a crawler, none from the gateway's range: the recompute must leave its figures alone.
            a.click(SENT.plusSeconds(700), "C2", "R1", "calendar", ClickLogs.CHROME, "203.0.113.9");
            a.open(SENT.plusSeconds(705), "C2", "R3", ClickLogs.CHROME, "203.0.113.30");
            a.click(SENT.plusSeconds(710), "C2", "R3", "calendar", ClickLogs.GOOGLEBOT, "66.249.66.1");
            a.click(SENT.plusSeconds(600), "C1", "R1", "hero", ClickLogs.CHROME, "198.51.100.7");   // the gateway
            a.open(SENT.plusSeconds(601), "C1", "R1", ClickLogs.CHROME, "198.51.100.7");
            a.click(SENT.plusSeconds(900), "C1", "R2", "hero", ClickLogs.CHROME, "203.0.113.9");    // a person
            a.click(SENT.plusSeconds(950), "C1", "R2", "footer", ClickLogs.GOOGLEBOT, "66.249.66.1");
            a.open(SENT.plusSeconds(990), "C1", "R2", "Mozilla/5.0", "17.58.1.9");
        }
        assertThat(runner.runOnce().imported()).isEqualTo(8);
        Map<String, String> before = flagsByEvent(jdbc);
        Map<String, Object> kpisBefore = kpis(jdbc);
        List<String> otherCampaignBefore = aggregateRows(jdbc, "C2");
        assertThat(otherCampaignBefore).as("C2 has aggregates to keep").isNotEmpty();
        assertThat(before.values()).containsExactlyInAnyOrder("clean", "clean", "clean", "bot", "mpp", "clean",
                "clean", "bot");

        List<String> withGateway = List.of("192.0.2.0/24", "198.51.100.0/24");
        ImportSettings newSettings = settings(3, withGateway);
        FlagRecompute.Summary summary = FlagRecompute.of(database.dataSource(), newSettings, Clock.systemUTC())
                .run(new FlagRecomputeDao.Selection(null, null));

        Map<String, String> after = flagsByEvent(jdbc);
        assertThat(summary.events()).isEqualTo(8);
        assertThat(summary.changed()).as("the gateway's click and open").isEqualTo(2);
        assertThat(summary.campaignsRebuilt()).as("only the campaign whose events changed").containsExactly("C1");
        assertThat(aggregateRows(jdbc, "C2")).as("the other campaign's aggregates").isEqualTo(otherCampaignBefore);
        assertThat(after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).map(Map.Entry::getValue))
                .containsExactly("scanner", "scanner");
        Map<String, Object> kpisAfter = kpis(jdbc);
        assertThat(kpisAfter.get("unique_clicks_clean")).isNotEqualTo(kpisBefore.get("unique_clicks_clean"));
        assertThat(jdbc.queryForList("SELECT rules_version FROM pkl_event", Integer.class)).containsOnly(3);

        // A fresh import of the same files with the new settings gives the same flags and figures.
        Path freshHome = Files.createDirectories(home.resolve("fresh"));
        Path freshDrop = Files.createDirectories(freshHome.resolve("drop"));
        for (Path archived : listFiles(home.resolve("archive"))) {
            Files.copy(archived, freshDrop.resolve(archived.getFileName()));
        }
        try (Database fresh = openDatabase(freshHome)) {
            SchemaMigrator.of(fresh).migrate();
            new CampaignDao(fresh.dataSource()).register(Campaign.draft("C1", "Black Friday", "Deals inside",
                    "2026-11-25_black_friday"));
            new CampaignDao(fresh.dataSource()).register(Campaign.draft("C2", "Advent", "Calendar",
                    "2026-12_advent"));
            new SendDao(fresh.dataSource()).upsert(List.of(Send.sent("C1", "R1", "r1@example.com", "A", SENT),
                    Send.sent("C1", "R2", "r2@example.com", "A", SENT)));
            ImportSettings freshSettings = new ImportSettings(List.of(freshDrop), freshHome.resolve("archive"),
                    freshHome.resolve("quarantine"), freshHome.resolve("import.lock"), 3, true, withGateway,
                    List.of("17.0.0.0/8"), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), 3,
                    false, DEFAULT_RETENTION);
            try (ImportRunner freshRunner = new ImportRunner(fresh, freshSettings)) {
                assertThat(freshRunner.runOnce().imported()).isEqualTo(8);
                JdbcTemplate freshJdbc = new JdbcTemplate(fresh.dataSource());
                assertThat(flagsByEvent(freshJdbc)).isEqualTo(after);
                assertThat(kpis(freshJdbc)).isEqualTo(kpisAfter);
                for (String campaign : List.of("C1", "C2")) {
                    assertThat(aggregateRows(jdbc, campaign)).as("every aggregate row of " + campaign)
                            .isEqualTo(aggregateRows(freshJdbc, campaign));
                }
            }
        }

        FlagRecompute.Summary again = FlagRecompute.of(database.dataSource(), newSettings, Clock.systemUTC())
                .run(new FlagRecomputeDao.Selection("C1", SENT));
        assertThat(again.changed()).as("nothing left to change").isZero();
        assertThat(again.campaignsRebuilt()).isEmpty();
    }

    @Test
    void recomputeOnAnonymisedAddressesAndClearedDetailsRerunsOnlyWhatTheStoredEventsCanDecide() throws Exception {
        // The gateway has half of a /24 only; the person next to it is in the other half. Both are stored as the
        // network's first address, 198.51.100.0, which lies in the gateway's half.
        List<String> gatewayHalf = List.of("192.0.2.0/24", "198.51.100.0/25");
        ImportRunner withGateway = new ImportRunner(database, settings(3, gatewayHalf));
        TrackingEvent gateway;
        TrackingEvent person;
        TrackingEvent crawler;
        TrackingEvent mpp;
        try (ClickLogs a = new ClickLogs(dropA, "node-a", 1 << 20)) {
            gateway = a.click(SENT.plusSeconds(600), "C1", "R1", "hero", ClickLogs.CHROME, "198.51.100.20");
            person = a.click(SENT.plusSeconds(900), "C1", "R2", "hero", ClickLogs.CHROME, "198.51.100.200");
            crawler = a.click(SENT.plusSeconds(950), "C1", "R2", "footer", ClickLogs.GOOGLEBOT, "66.249.66.1");
            mpp = a.open(SENT.plusSeconds(990), "C1", "R2", "Mozilla/5.0", "17.58.1.9");
        }
        ImportRunner unused = runner;
        runner = withGateway; // closed after the test; closing a runner closes the database's pool
        assertThat(withGateway.runOnce().imported()).isEqualTo(4);
        for (TrackingEvent stored : List.of(gateway, person)) {
            assertThat(jdbc.queryForObject("SELECT client_ip FROM pkl_event WHERE event_id = ?", String.class,
                    id(stored))).isEqualTo("198.51.100.0");
        }
        Map<String, String> imported = flagsByEvent(jdbc);
        assertThat(imported).containsEntry(id(gateway), "scanner").containsEntry(id(person), "clean")
                .containsEntry(id(crawler), "bot").containsEntry(id(mpp), "mpp");

        // Same settings: the /25 cannot be decided on the stored /24, so what the import decided stays - the
        // stored 198.51.100.0 is inside the /25, and matching it would flag the person.
        FlagRecompute.Summary same = FlagRecompute.of(database.dataSource(), settings(3, gatewayHalf),
                Clock.systemUTC()).run(new FlagRecomputeDao.Selection(null, null));
        assertThat(same.changed()).isZero();
        assertThat(flagsByEvent(jdbc)).isEqualTo(imported);
        // A range holding the whole stored network is decided: the person is flagged with the gateway now.
        FlagRecompute.Summary wider = FlagRecompute.of(database.dataSource(), settings(3, List.of("198.51.0.0/16")),
                Clock.systemUTC()).run(new FlagRecomputeDao.Selection(null, null));
        assertThat(wider.changed()).isEqualTo(1);
        assertThat(flagsByEvent(jdbc)).containsEntry(id(gateway), "scanner").containsEntry(id(person), "scanner");
        FlagRecompute.of(database.dataSource(), settings(3, gatewayHalf), Clock.systemUTC())
                .run(new FlagRecomputeDao.Selection(null, null));
        assertThat(flagsByEvent(jdbc)).as("the /25 again: the stored flags say nothing of the /25 for the person now,"
                + " and it was flagged by the /16").containsEntry(id(person), "scanner");

        // The retention clears address and agent (docs/privacy.md). The per-event rules have nothing to judge then:
        // an empty agent would read as a bot. The flags stay; a send that arrives late still makes a click too fast.
        Clock afterRetention = Clock.fixed(Instant.now().plus(Duration.ofDays(91)), ZoneOffset.UTC);
        assertThat(new StoredDataRetention(database.dataSource(), afterRetention)
                .apply(Duration.ofDays(90), Duration.ofDays(30)).eventDetailsCleared()).isEqualTo(4);
        Map<String, String> cleared = flagsByEvent(jdbc);
        new SendDao(database.dataSource()).upsert(List.of(Send.sent("C1", "R2", "r2@example.com", "A",
                SENT.plusSeconds(899))));
        FlagRecompute.Summary afterClearing = FlagRecompute.of(database.dataSource(),
                settings(3, List.of("0.0.0.0/0")), Clock.systemUTC()).run(new FlagRecomputeDao.Selection(null, null));
        Map<String, String> after = flagsByEvent(jdbc);
        assertThat(afterClearing.changed()).as("only the click 1 s after the late send").isEqualTo(1);
        assertThat(after).containsEntry(id(person), "scanner too-fast").containsEntry(id(crawler), "bot")
                .containsEntry(id(mpp), "mpp").containsEntry(id(gateway), cleared.get(id(gateway)));
        unused.close();
    }

    private static String id(TrackingEvent event) {
        return event.id().toString();
    }

    /** Every row of every aggregate a rebuild recomputes, of one campaign, as text in a stable order. */
    private static List<String> aggregateRows(JdbcTemplate db, String campaign) {
        List<String> rows = new ArrayList<>();
        for (String table : List.of("pkl_agg_recipient", "pkl_agg_recipient_link", "pkl_agg_click", "pkl_agg_campaign",
                "pkl_agg_link", "pkl_agg_link_segment", "pkl_agg_hour", "pkl_agg_send_hour")) {
            db.queryForList("SELECT * FROM " + table + " WHERE campaign_id = ?", campaign)
                    .forEach(r -> rows.add(table + " " + new TreeMap<>(r)));
        }
        rows.sort(null);
        return rows;
    }

    private Map<String, String> flagsByEvent(JdbcTemplate db) {
        Map<String, String> out = new TreeMap<>();
        for (String id : db.queryForList("SELECT event_id FROM pkl_event", String.class)) {
            out.put(id.strip(), flags(db, id));
        }
        return out;
    }

    private static Map<String, Object> kpis(JdbcTemplate db) {
        return db.queryForMap("SELECT unique_opens_raw, unique_opens_clean, unique_clicks_raw, unique_clicks_clean,"
                + " clicks_raw, clicks_clean FROM pkl_eval_campaign WHERE campaign_id = 'C1'");
    }

    @Test
    void importingAgainNeverDuplicates() throws Exception {
        try (ClickLogs a = new ClickLogs(dropA, "node-a", 1 << 20)) {
            for (int i = 0; i < 10; i++) {
                a.click(SENT.plusSeconds(600 + i * 10), "C1", "R" + i, "hero", ClickLogs.CHROME, "203.0.113.7");
            }
        }
        assertThat(runner.runOnce().imported()).isEqualTo(10);
        assertThat(runner.runOnce().files()).as("nothing new").isZero();

        Path archived = listFiles(home.resolve("archive")).get(0);
        Files.copy(archived, dropA.resolve(archived.getFileName()));
        ImportStats.Summary sameFileAgain = runner.runOnce();
        assertThat(sameFileAgain.filesSkipped()).isEqualTo(1);
        assertThat(sameFileAgain.imported()).isZero();

        Path renamed = dropA.resolve(LogFileNames.openName("node-a", Instant.parse("2026-11-26T00:00:00Z"), 7)
                .replace(LogFileNames.OPEN_SUFFIX, LogFileNames.CLOSED_SUFFIX));
        Files.copy(archived, renamed);
        ImportStats.Summary sameEventsOtherFile = runner.runOnce();
        assertThat(sameEventsOtherFile.imported()).isZero();
        assertThat(sameEventsOtherFile.duplicates()).isEqualTo(10);
        assertThat(jdbc.queryForObject("SELECT duplicate_count FROM pkl_import_file WHERE file_name = ?", Long.class,
                renamed.getFileName().toString())).isEqualTo(10);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event", Integer.class)).isEqualTo(10);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT event_id) FROM pkl_event", Integer.class)).isEqualTo(10);
    }

    /**
     * Responses come only from the responses import (schema 8.0): a click-log line claiming the type, checksum and
     * all, is quarantined like any other bad value, and the click beside it goes in.
     */
    @Test
    void aClickLogLineClaimingToBeAResponseIsQuarantined() throws Exception {
        Files.createDirectories(dropA);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes((String.join(",", ClickLogFormat.HEADER) + "\r\n").getBytes(StandardCharsets.UTF_8));
        file.writeBytes(TestLines.withValue(1, TestLines.event("R7"), 3, "response"));   // line 2
        file.writeBytes(TestLines.line(2, TestLines.event("R1")));                       // line 3
        Path log = dropA.resolve(LogFileNames.openName("node-a", Instant.parse("2026-11-25T10:00:00Z"), 1)
                .replace(LogFileNames.OPEN_SUFFIX, LogFileNames.CLOSED_SUFFIX));
        Files.write(log, file.toByteArray());

        ImportStats.Summary summary = runner.runOnce();

        assertThat(summary.imported()).isEqualTo(1);
        assertThat(summary.quarantined()).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT line_no, reason FROM pkl_quarantine"))
                .extracting(r -> ((Number) r.get("line_no")).longValue() + ":" + r.get("reason"))
                .containsExactly("2:INVALID_VALUE");
        assertThat(jdbc.queryForObject("SELECT detail FROM pkl_quarantine", String.class)).contains("type");
        assertThat(jdbc.queryForList("SELECT event_type, recipient_id FROM pkl_event"))
                .extracting(r -> r.get("event_type") + ":" + r.get("recipient_id")).containsExactly("click:R1");
    }

    @Test
    void badLinesAreQuarantinedWithTheirReasonAndTheirNeighboursImported() throws Exception {
        Files.createDirectories(dropA);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes((String.join(",", ClickLogFormat.HEADER) + "\r\n").getBytes(StandardCharsets.UTF_8));
        List<TrackingEvent> good = List.of(TestLines.event("R1"), TestLines.event("R2"), TestLines.event("R3"));
        file.writeBytes(TestLines.line(1, good.get(0)));                               // line 2
        file.writeBytes("1,2,3\r\n".getBytes(StandardCharsets.UTF_8));                // line 3: field count
        file.writeBytes(TestLines.withValue(3, TestLines.event("R9"), 2, "2026-02-30T25:00:00.000Z")); // line 4
        file.writeBytes(TestLines.withValue(4, TestLines.event("R9"), 1, "forged-id"));               // line 5
        file.writeBytes(TestLines.line(5, good.get(1)));                               // line 6
        file.writeBytes(("x".repeat(1_000_000) + "\r\n").getBytes(StandardCharsets.UTF_8));           // line 7
        byte[] garbage = new byte[512];
        new Random(3).nextBytes(garbage);
        file.writeBytes(new String(garbage, StandardCharsets.ISO_8859_1).replace("\n", "")
                .getBytes(StandardCharsets.ISO_8859_1));                                // line 8: binary
        file.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        byte[] tampered = TestLines.line(8, TestLines.event("R9"));
        tampered[40] ^= 1;
        file.writeBytes(tampered);                                                      // line 9: checksum
        file.writeBytes(TestLines.line(9, good.get(2)));                               // line 10
        byte[] torn = TestLines.line(10, TestLines.event("R9"));
        file.write(torn, 0, torn.length / 2);                                           // line 11: torn
        Path log = dropA.resolve(LogFileNames.openName("node-a", Instant.parse("2026-11-25T10:00:00Z"), 1)
                .replace(LogFileNames.OPEN_SUFFIX, LogFileNames.CLOSED_SUFFIX));
        Files.write(log, file.toByteArray());

        ImportStats.Summary summary = runner.runOnce();

        assertThat(summary.imported()).isEqualTo(3);
        assertThat(summary.quarantined()).isEqualTo(7);
        assertThat(jdbc.queryForList("SELECT recipient_id FROM pkl_event ORDER BY file_seq", String.class))
                .containsExactly("R1", "R2", "R3");
        assertThat(jdbc.queryForList("SELECT line_no, reason FROM pkl_quarantine ORDER BY line_no"))
                .extracting(r -> ((Number) r.get("line_no")).longValue() + ":" + r.get("reason"))
                .containsExactly("3:FIELD_COUNT", "4:INVALID_VALUE", "5:INVALID_VALUE", "7:TOO_LONG", "8:NOT_UTF8",
                        "9:CHECKSUM", "11:TORN");
        assertThat(jdbc.queryForObject("SELECT detail FROM pkl_quarantine WHERE line_no = 4", String.class))
                .contains("time");
        Map<String, Object> fileRow = jdbc.queryForMap("SELECT * FROM pkl_import_file");
        assertThat(((Number) fileRow.get("line_count")).longValue()).isEqualTo(10);
        assertThat(((Number) fileRow.get("quarantined_count")).longValue()).isEqualTo(7);
        assertThat(((Number) fileRow.get("imported_count")).longValue()).isEqualTo(3);
        Path quarantineFile = home.resolve("quarantine").resolve(log.getFileName() + ".quarantine.csv");
        try (CSVReader csv = new CSVReader(Files.newBufferedReader(quarantineFile))) {
            List<String[]> records = csv.readAll();
            assertThat(records).hasSize(8);
            assertThat(records.get(0)).containsExactly("line", "reason", "detail", "raw_line");
            assertThat(records.get(1)).containsExactly("3", "FIELD_COUNT", "expected 17 values, got 3", "1,2,3");
        }
    }

    @Test
    void filesOfTheSameNameInTwoDropFoldersAreBothImportedAndNeitherReplacesTheOtherInTheArchive() throws Exception {
        try (ClickLogs a = new ClickLogs(dropA, "node-a", 1 << 20)) {
            for (int i = 0; i < 3; i++) {
                a.click(SENT.plusSeconds(600 + i), "C1", "RA" + i, "hero", ClickLogs.CHROME, "203.0.113.7");
            }
        }
        Path elsewhere = home.resolve("elsewhere");
        try (ClickLogs b = new ClickLogs(elsewhere, "node-a", 1 << 20)) {
            for (int i = 0; i < 4; i++) {
                b.click(SENT.plusSeconds(700 + i), "C1", "RB" + i, "hero", ClickLogs.CHROME, "203.0.113.8");
            }
        }
        Path inA = closedFiles().get(0);
        String name = inA.getFileName().toString();
        Path inB = Files.createDirectories(dropB).resolve(name);
        Files.move(listFiles(elsewhere).stream().filter(LogFileNames::isClosed).findFirst().orElseThrow(), inB);
        String contentA = Files.readString(inA, StandardCharsets.ISO_8859_1);
        String contentB = Files.readString(inB, StandardCharsets.ISO_8859_1);

        ImportStats.Summary summary = runner.runOnce();

        assertThat(summary.files()).isEqualTo(2);
        assertThat(summary.imported()).isEqualTo(7);
        assertThat(summary.needsAttention()).isFalse();
        assertThat(jdbc.queryForList("SELECT source_dir FROM pkl_import_file WHERE file_name = ? ORDER BY source_dir",
                String.class, name)).containsExactly(dropA.toAbsolutePath().normalize().toString(),
                dropB.toAbsolutePath().normalize().toString());
        List<Path> archived = listFiles(home.resolve("archive"));
        assertThat(archived).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(name, name + ".1");
        List<String> archivedContents = new ArrayList<>();
        for (Path file : archived) {
            archivedContents.add(Files.readString(file, StandardCharsets.ISO_8859_1));
        }
        assertThat(archivedContents).as("both originals kept, byte for byte").containsExactlyInAnyOrder(contentA, contentB);
        assertThat(runner.runOnce().files()).as("nothing left to import").isZero();
    }

    @Test
    void aFileThatIsNotAClickLogIsRefusedWholeSetAsideForTheQuarantinePeriodAndTheRunNeedsAttention() throws Exception {
        Path junk = Files.createDirectories(dropA).resolve(LogFileNames.openName("node-a",
                Instant.parse("2026-09-01T10:00:00Z"), 1).replace(LogFileNames.OPEN_SUFFIX, LogFileNames.CLOSED_SUFFIX));
        String junkContent = "campaign_id,recipient_id,email\r\nC1,R1,r1@example.com\r\nC1,R2,r2@example.com\r\n";
        Files.writeString(junk, junkContent, StandardCharsets.UTF_8);
        // It waited on the node for two months: older than the file retention (30 days) when it arrives.
        Files.setLastModifiedTime(junk, FileTime.from(Instant.now().minus(Duration.ofDays(60))));
        try (ClickLogs b = new ClickLogs(dropB, "node-b", 1 << 20)) {
            b.click(SENT.plusSeconds(600), "C1", "R1", "hero", ClickLogs.CHROME, "203.0.113.7");
        }

        ImportStats.Summary summary = runner.runOnce();

        assertThat(summary.filesRefused()).isEqualTo(1);
        assertThat(summary.needsAttention()).isTrue();
        assertThat(summary.imported()).as("the good file beside it").isEqualTo(1);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM pkl_import_file WHERE file_name = ?",
                junk.getFileName().toString());
        assertThat(row.get("status")).isEqualTo("refused");
        assertThat((String) row.get("error_text")).contains("header");
        assertThat(((Number) row.get("line_count")).longValue()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pkl_quarantine q JOIN pkl_import_file f"
                + " ON f.file_id = q.file_id WHERE f.status = 'refused'", Integer.class)).isZero();
        Path setAside = home.resolve("quarantine").resolve(junk.getFileName() + ".refused");
        assertThat(setAside).as("kept, not deleted by the same run's retention").exists();
        assertThat(Files.readString(setAside, StandardCharsets.UTF_8)).isEqualTo(junkContent);
        assertThat(listFiles(home.resolve("archive"))).extracting(p -> p.getFileName().toString())
                .doesNotContain(junk.getFileName().toString());

        assertThat(runner.runOnce().needsAttention()).as("set aside once, not again").isFalse();
        Files.setLastModifiedTime(setAside, FileTime.from(Instant.now().minus(Duration.ofDays(31))));
        runner.runOnce();
        assertThat(setAside).as("gone after the quarantine's retention").doesNotExist();
    }

    @Test
    void aFileWithTheFolderAndNameOfAnImportedOneButOtherContentIsSetAsideAndTheRunNeedsAttention() throws Exception {
        try (ClickLogs a = new ClickLogs(dropA, "node-a", 1 << 20)) {
            a.click(SENT.plusSeconds(600), "C1", "R1", "hero", ClickLogs.CHROME, "203.0.113.7");
        }
        String name = closedFiles().get(0).getFileName().toString();
        assertThat(runner.runOnce().imported()).isEqualTo(1);
        Path elsewhere = home.resolve("elsewhere");
        try (ClickLogs b = new ClickLogs(elsewhere, "node-a", 1 << 20)) {
            b.click(SENT.plusSeconds(900), "C1", "R2", "hero", ClickLogs.CHROME, "203.0.113.7");
        }
        Files.move(listFiles(elsewhere).stream().filter(LogFileNames::isClosed).findFirst().orElseThrow(),
                dropA.resolve(name));

        ImportStats.Summary summary = runner.runOnce();

        assertThat(summary.filesConflicting()).isEqualTo(1);
        assertThat(summary.needsAttention()).isTrue();
        assertThat(summary.imported()).isZero();
        assertThat(home.resolve("quarantine").resolve(name + ".conflict")).exists();
        assertThat(jdbc.queryForList("SELECT recipient_id FROM pkl_event", String.class)).containsExactly("R1");
    }

    @Test
    void everyRunDeletesArchivedAndQuarantinedFilesPastTheirRetentionAndNothingElse() throws Exception {
        Instant now = Instant.now();
        Path archive = Files.createDirectories(home.resolve("archive"));
        Path quarantine = Files.createDirectories(home.resolve("quarantine"));
        Path oldLog = aged(archive.resolve("proklik-node-a-20261001T100000000Z-000001.csv"), now.minus(Duration.ofDays(31)));
        Path oldBadLines = aged(quarantine.resolve(oldLog.getFileName() + ".quarantine.csv"), now.minus(Duration.ofDays(31)));
        Path recentLog = aged(archive.resolve("proklik-node-a-20261030T100000000Z-000002.csv"), now.minus(Duration.ofDays(29)));
        Path notOurs = aged(archive.resolve("notes.txt"), now.minus(Duration.ofDays(400)));
        Path pending = aged(Files.createDirectories(dropA).resolve("proklik-node-a-20261001T100000000Z-000009.csv.open"),
                now.minus(Duration.ofDays(60)));

        runner.runOnce(); // nothing to import: retention runs all the same

        assertThat(oldLog).doesNotExist();
        assertThat(oldBadLines).doesNotExist();
        assertThat(recentLog).exists();
        assertThat(notOurs).as("not a file of ours").exists();
        assertThat(pending).as("drop folders hold data not imported yet").exists();
    }

    private static Path aged(Path file, Instant lastModified) throws Exception {
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(lastModified));
        return file;
    }

    static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        throw new AssertionError("not a time: " + value);
    }

    private String flagsOf(String recipient, String type, String link) {
        String id = jdbc.queryForObject("SELECT event_id FROM pkl_event WHERE recipient_id = ? AND event_type = ? "
                + "AND link_id = ? AND method = 'GET'", String.class, recipient, type, link);
        return flags(id);
    }

    private String flags(String eventId) {
        return flags(jdbc, eventId);
    }

    private static String flags(JdbcTemplate db, String eventId) {
        Map<String, Object> f = db.queryForMap("SELECT is_bot_ua, is_security_scanner, is_prefetch, is_mpp_suspect,"
                + " is_too_fast_after_send, is_clean FROM pkl_event WHERE event_id = ?", eventId);
        StringBuilder out = new StringBuilder();
        if (Boolean.TRUE.equals(f.get("is_bot_ua"))) out.append("bot ");
        if (Boolean.TRUE.equals(f.get("is_security_scanner"))) out.append("scanner ");
        if (Boolean.TRUE.equals(f.get("is_prefetch"))) out.append("prefetch ");
        if (Boolean.TRUE.equals(f.get("is_mpp_suspect"))) out.append("mpp ");
        if (Boolean.TRUE.equals(f.get("is_too_fast_after_send"))) out.append("too-fast ");
        if (Boolean.TRUE.equals(f.get("is_clean"))) out.append("clean");
        return out.toString().strip();
    }

    List<Path> closedFiles() throws Exception {
        List<Path> all = new ArrayList<>();
        for (Path dir : List.of(dropA, dropB)) {
            if (Files.isDirectory(dir)) {
                all.addAll(listFiles(dir).stream().filter(LogFileNames::isClosed).toList());
            }
        }
        return all;
    }

    static List<Path> listFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
