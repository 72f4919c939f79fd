package cz.proklik.erp.response;

import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.csv.CsvRows;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.Engine;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.event.EventFlags;
import cz.proklik.erp.event.RawEvent;
import cz.proklik.erp.event.RawEventDao;
import cz.proklik.erp.importfile.ImportFileDao;
import cz.proklik.erp.privacy.RecipientErasure;
import cz.proklik.erp.privacy.StoredDataRetention;
import cz.proklik.erp.report.CampaignReportDao;
import cz.proklik.erp.report.Kpis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Responses tracked elsewhere, imported from a CSV into a real H2 file database: what a marketer checks (the good rows
 * are in, each bad one named by its line, a second import adds nothing, responses are counted apart from clicks) and
 * what a data-protection officer checks (the note goes with the retention period and with an erasure).
 */
class ResponsesImportTest {
    static final Instant SENT = Instant.parse("2026-11-02T08:00:00Z");

    static final String CSV = String.join("\r\n",
            "campaign_id,recipient_id,kind,time,note",
            "C1,R1,reply,2026-11-02T10:15:00Z,\"Wants an offer for 20 pcs, call back Monday\"",
            "C1,R1,call,2026-11-03T09:00:00Z,",
            "C1,R2,VISIT,2026-11-04 14:30:00,Came to the showroom",
            "C9,R3,reply,2026-11-02T10:00:00Z,unknown campaign",
            "C1,R 4,reply,2026-11-02T10:00:00Z,bad recipient",
            "C1,R5,fax,2026-11-02T10:00:00Z,unknown kind",
            "C1,R6,reply,tomorrow,bad time",
            "C1,R7,reply,,no time",
            "C1,R8,other",
            "C1,R9,other,2026-11-05T08:00:00Z,\"a note over",
            "two lines\"",
            "");

    @TempDir
    Path home;

    private Database database;
    private JdbcTemplate jdbc;
    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-06T12:00:00Z"));
    private ResponseDao responses;
    private ResponsesCsvImporter importer;

    @BeforeEach
    void campaignWithAClick() {
        database = Database.embedded(home);
        SchemaMigrator.of(database).migrate();
        jdbc = new JdbcTemplate(database.dataSource());
        CampaignDao campaigns = new CampaignDao(database.dataSource());
        campaigns.register(Campaign.draft("C1", "Campaign one", null, "2026-11-02_one"));
        campaigns.register(Campaign.draft("C2", "Campaign two", null, "2026-11-02_two"));
        long file = new ImportFileDao(database.dataSource()).start("proklik-n1-20261102T090000000Z-000001.csv", "n1",
                "a1".repeat(32), 100L, SENT);
        new RawEventDao(database.dataSource()).insertBatch(file, List.of(new RawEvent(UUID.randomUUID().toString(),
                SENT.plusSeconds(600), "click", "GET", "C1", "R1", "hero", null, "https://shop.example.com/", "k1",
                null, "192.0.2.0", "Mozilla/5.0 (X11)", "n1", null, 1L, EventFlags.NONE)));
        new AggregateMaintainer(database.dataSource()).addFile(file);
        responses = new ResponseDao(database.dataSource(), clock);
        importer = new ResponsesCsvImporter(responses, campaigns);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void goodRowsBecomeResponseEventsAndEachBadRowIsNamedByItsLine() throws Exception {
        ResponsesCsvImporter.Result result = importer.importFrom(new StringReader(CSV));

        assertThat(result.rows()).isEqualTo(10);
        assertThat(result.imported()).isEqualTo(4);
        assertThat(result.alreadyThere()).isZero();
        assertThat(result.errors()).extracting(CsvRows.RowError::line).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(result.errors()).extracting(CsvRows.RowError::reason).satisfiesExactly(
                r -> assertThat(r).contains("unknown campaign 'C9'"),
                r -> assertThat(r).contains("recipient_id"),
                r -> assertThat(r).contains("kind must be reply, call, visit or other: 'fax'"),
                r -> assertThat(r).contains("time is not an ISO-8601 time: 'tomorrow'"),
                r -> assertThat(r).contains("time missing"),
                r -> assertThat(r).contains("expected 5 values, found 3"));

        assertThat(jdbc.queryForList("""
                SELECT recipient_id, response_kind, event_time, note, method, file_id, is_clean FROM pkl_event
                WHERE event_type = 'response' ORDER BY recipient_id, event_time""")).satisfiesExactly(
                e -> assertThat(e).containsEntry("recipient_id", "R1").containsEntry("response_kind", "reply")
                        .containsEntry("note", "Wants an offer for 20 pcs, call back Monday")
                        .containsEntry("method", "IMPORT").containsEntry("file_id", null)
                        .containsEntry("is_clean", true),
                e -> assertThat(e).containsEntry("response_kind", "call").containsEntry("note", null),
                e -> assertThat(e).containsEntry("recipient_id", "R2").containsEntry("response_kind", "visit")
                        .containsEntry("note", "Came to the showroom"),
                e -> assertThat(e).containsEntry("recipient_id", "R9").containsEntry("note", "a note over\ntwo lines"));
        assertThat(responses.of("C1", "R2")).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ResponseKind.VISIT);
            assertThat(r.respondedAt()).isEqualTo(Instant.parse("2026-11-04T14:30:00Z")); // no zone = UTC
        });
    }

    @Test
    void responsesAreCountedApartFromClicksAndPerRecipient() throws Exception {
        importer.importFrom(new StringReader(CSV));

        assertThat(responses.campaign("C1")).get().satisfies(c -> {
            assertThat(c.responses()).isEqualTo(4);
            assertThat(c.respondingRecipients()).isEqualTo(3);
            assertThat(c.replies()).isEqualTo(1);
            assertThat(c.calls()).isEqualTo(1);
            assertThat(c.visits()).isEqualTo(1);
            assertThat(c.others()).isEqualTo(1);
            assertThat(c.lastResponseAt()).isEqualTo(Instant.parse("2026-11-05T08:00:00Z"));
        });
        assertThat(responses.campaign("C2")).get().extracting(ResponseDao.CampaignResponses::responses).isEqualTo(0L);
        assertThat(responses.byRecipients("C1", List.of("R1", "R2", "R3"))).containsOnlyKeys("R1", "R2")
                .hasEntrySatisfying("R1", r -> {
                    assertThat(r.responses()).isEqualTo(2);
                    assertThat(r.firstResponseAt()).isEqualTo(Instant.parse("2026-11-02T10:15:00Z"));
                    assertThat(r.lastResponseAt()).isEqualTo(Instant.parse("2026-11-03T09:00:00Z"));
                });
        // The one click stays the one click: no response is an open, a click or part of a rate.
        Kpis k = new CampaignReportDao(database.dataSource()).campaign("C1").orElseThrow().kpis();
        assertThat(k.clicksRaw()).isEqualTo(1);
        assertThat(k.uniqueClicksRaw()).isEqualTo(1);
        assertThat(k.opensRaw()).isZero();
        new AggregateMaintainer(database.dataSource()).rebuild();
        Kpis rebuilt = new CampaignReportDao(database.dataSource()).campaign("C1").orElseThrow().kpis();
        assertThat(rebuilt.clicksRaw()).isEqualTo(1);
        assertThat(rebuilt.opensRaw()).isZero();
        assertThat(responses.latest("C1", 2)).extracting(ResponseDao.StoredResponse::recipientId)
                .containsExactly("R9", "R2");
    }

    @Test
    void importingTheSameRowsAgainAddsNothingAndKeepsTheCounts() throws Exception {
        importer.importFrom(new StringReader(CSV));
        long events = count("SELECT COUNT(*) FROM pkl_event");

        ResponsesCsvImporter.Result again = importer.importFrom(new StringReader(CSV));

        assertThat(again.imported()).isZero();
        assertThat(again.alreadyThere()).isEqualTo(4);
        assertThat(again.errors()).hasSize(6);
        assertThat(count("SELECT COUNT(*) FROM pkl_event")).isEqualTo(events);
        assertThat(responses.campaign("C1")).get().extracting(ResponseDao.CampaignResponses::responses).isEqualTo(4L);
        // A row whose note was corrected later is the same response (same campaign, recipient, kind, time).
        ResponsesCsvImporter.Result corrected = importer.importFrom(new StringReader(
                "recipient,campaign,kind,responded_at,note\nR2,C1,visit,2026-11-04T14:30:00Z,Corrected note\n"));
        assertThat(corrected.alreadyThere()).isEqualTo(1);
        assertThat(responses.of("C1", "R2")).singleElement().extracting(ResponseDao.StoredResponse::note)
                .isEqualTo("Came to the showroom");
    }

    @Test
    void aFileInAnotherEncodingOrWithABadHeaderImportsNothing() throws Exception {
        Path file = home.resolve("responses.csv");
        Files.write(file, ("campaign_id,recipient_id,kind,time,note\nC1,R1,reply,2026-11-02T10:00:00Z,"
                + "Objedn\u00e1vka ").getBytes(Charset.forName("windows-1250")));
        assertThatThrownBy(() -> importer.importFile(file, java.nio.charset.StandardCharsets.UTF_8))
                .isInstanceOf(CsvRows.BadEncodingException.class).hasMessageContaining("line 2");
        assertThat(importer.importFile(file, Charset.forName("windows-1250")).imported()).isEqualTo(1);

        assertThatThrownBy(() -> importer.importFrom(new StringReader("campaign_id,recipient_id,time\nC1,R1,x\n")))
                .isInstanceOf(CsvRows.BadHeaderException.class).hasMessageContaining("'kind' missing");
        assertThat(count("SELECT COUNT(*) FROM pkl_event WHERE event_type = 'response'")).isEqualTo(1);
    }

    @Test
    void theNoteGoesAfterTheRetentionPeriodAndWithAnErasure() throws Exception {
        importer.importFrom(new StringReader(CSV));

        clock.now = clock.now.plus(Duration.ofDays(91));
        StoredDataRetention.Outcome outcome = new StoredDataRetention(database.dataSource(), clock)
                .apply(Duration.ofDays(90), Duration.ZERO);

        assertThat(outcome.eventDetailsCleared()).isGreaterThanOrEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM pkl_event WHERE note IS NOT NULL")).isZero();
        assertThat(responses.campaign("C1")).get().extracting(ResponseDao.CampaignResponses::responses)
                .as("kind and time stay: the figures do not change").isEqualTo(4L);

        Map<String, Integer> erased = new RecipientErasure(database.dataSource()).forget("R1");

        assertThat(erased).containsEntry("pkl_event", 3).containsEntry("pkl_agg_response", 1);
        assertThat(count("SELECT COUNT(*) FROM pkl_event WHERE recipient_id = 'R1'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM pkl_agg_response WHERE recipient_id = 'R1'")).isZero();
        assertThat(responses.campaign("C1")).get().extracting(ResponseDao.CampaignResponses::responses).isEqualTo(4L);
        // The re-imported file finds the responses it made (their ids are the rows'), so the person is not back.
        importer.importFrom(new StringReader(CSV));
        assertThat(count("SELECT COUNT(*) FROM pkl_event WHERE recipient_id = 'R1'")).isZero();
    }

    @Test
    void theNoteOfAFreshResponseStaysWithinThePeriod() throws Exception {
        importer.importFrom(new StringReader(CSV));
        clock.now = clock.now.plus(Duration.ofDays(30));
        new StoredDataRetention(database.dataSource(), clock).apply(Duration.ofDays(90), Duration.ZERO);
        assertThat(count("SELECT COUNT(*) FROM pkl_event WHERE note IS NOT NULL")).isEqualTo(3);
    }

    @Test
    void theDatabaseRefusesAResponseKindOnAnotherEventType() {
        assertThatThrownBy(() -> jdbc.update("UPDATE pkl_event SET response_kind = 'reply' WHERE event_type = 'click'"))
                .hasMessageContaining("CK_PKL_EVENT_RESPONSE_KIND".toLowerCase());
        assertThat(Engine.of(database.dataSource())).isEqualTo(Engine.H2);
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
