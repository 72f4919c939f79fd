package cz.proklik.app.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cz.proklik.app.Cli;
import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignStatus;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.event.EventFlags;
import cz.proklik.erp.event.RawEvent;
import cz.proklik.erp.event.RawEventDao;
import cz.proklik.erp.importfile.ImportFileDao;
import cz.proklik.erp.send.BounceKind;
import cz.proklik.erp.send.Send;
import cz.proklik.erp.send.SendDao;
import cz.proklik.erp.send.SendStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends from the ERP's own mailing module on the embedded default, through the CLI: no CSV, the rows of the stand-in
 * adapter view pkl_erp_send go into pkl_send when the campaign is refreshed, the failed one counts as failed (never
 * sent, in no rate), the queued one waits, a broken one is refused while the rest go in, the rates are computed on
 * them, a second refresh reads only what changed, and the refresh curve decides which campaign 'import' refreshes.
 */
class ErpSendsImportTest {
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final Instant started = now.minus(Duration.ofHours(2));

    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("PROKLIK_HOME", home.toString(), "PROKLIK_IMPORT_DIRS", home.resolve("drop").toString());
    }

    @BeforeEach
    void erpSentACampaign() {
        try (Database db = Database.embedded(home)) {
            SchemaMigrator.of(db).migrate();
            CampaignDao campaigns = new CampaignDao(db.dataSource());
            campaigns.register(new Campaign("C1", "Sent by the ERP", null, "2026-12_erp", "newsletter", null,
                    started, 5, CampaignStatus.DRAFT));
            campaigns.register(new Campaign("OLD", "Ten days ago", null, "2026-11_old", "newsletter", null,
                    now.minus(Duration.ofDays(10)), 5, CampaignStatus.DONE));
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            Instant changed = started.plusSeconds(60);
            for (int i = 1; i <= 4; i++) {
                erpRow(jdbc, "C1", "R" + i, "r" + i + "@example.com", started, "sent", null, changed);
            }
            erpRow(jdbc, "C1", "R5", "r5@example.com", null, "failed", "550 5.2.1 mailbox unavailable", changed);
            erpRow(jdbc, "C1", "R6", "r6@example.com", null, "queued", null, changed);
            erpRow(jdbc, "C1", "R7", "not an address", started, "sent", null, changed);
            erpRow(jdbc, "OLD", "R1", "r1@example.com", now.minus(Duration.ofDays(10)), "sent", null, changed);

            long file = new ImportFileDao(db.dataSource()).start("proklik-n1-20261202T090000000Z-000001.csv", "n1",
                    "a1".repeat(32), 100L, now);
            new RawEventDao(db.dataSource()).insertBatch(file, List.of(click("R1", 10), click("R2", 20)));
            new AggregateMaintainer(db.dataSource()).addFile(file);
        }
    }

    private static void erpRow(JdbcTemplate jdbc, String campaign, String recipient, String email, Instant sentAt,
                               String status, String error, Instant changedAt) {
        // What the ERP's module does to its table: a changed row gets a new changed_at.
        jdbc.update("DELETE FROM pkl_standin_send WHERE campaign_id = ? AND recipient_id = ?", campaign, recipient);
        jdbc.update("""
                INSERT INTO pkl_standin_send (campaign_id, recipient_id, email, sent_at, status, error_text, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", campaign, recipient, email,
                sentAt == null ? null : LocalDateTime.ofInstant(sentAt, ZoneOffset.UTC), status, error,
                LocalDateTime.ofInstant(changedAt, ZoneOffset.UTC));
    }

    private RawEvent click(String recipient, int minutes) {
        return new RawEvent(UUID.randomUUID().toString(), started.plusSeconds(minutes * 60L), "click", "GET", "C1",
                recipient, "hero", null, "https://shop.example.com/", "k1", null, "192.0.2.0", "Mozilla/5.0 (X11)",
                "n1", null, 1L, EventFlags.NONE);
    }

    @Test
    void sendsComeFromTheAdapterViewWithoutACsvAndTheRatesUseThem() throws Exception {
        Cli.Result first = Cli.run(env(), "import");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("Refreshed C1 (schedule): ERP sends 7 read, 5 written, 1 queued, 1 refused")
                .as("ten days after its start: no automatic refresh").doesNotContain("Refreshed OLD");

        Cli.Result report = Cli.run(env(), "report", "campaign", "C1", "--format", "json");
        JsonNode kpis = new ObjectMapper().readTree(report.out()).get("campaign").get("kpis");
        assertThat(kpis.get("recipients").asLong()).isEqualTo(5);
        assertThat(kpis.get("sent").asLong()).isEqualTo(4);
        assertThat(kpis.get("failed").asLong()).as("failed: never sent, in no rate").isEqualTo(1);
        assertThat(kpis.get("delivered").asLong()).isEqualTo(4);
        assertThat(kpis.get("ctrRaw").decimalValue()).isEqualByComparingTo("0.5"); // 2 clickers of 4 delivered
        try (Database db = Database.embedded(home)) {
            assertThat(new SendDao(db.dataSource()).find("C1", "R5")).get().satisfies(s -> {
                assertThat(s.status()).isEqualTo(SendStatus.FAILED);
                assertThat(s.errorText()).isEqualTo("550 5.2.1 mailbox unavailable");
            });
            assertThat(new SendDao(db.dataSource()).find("C1", "R6")).as("queued: not sent yet").isEmpty();
        }

        Cli.Result soon = Cli.run(env(), "import");
        assertThat(soon.out()).as("refreshed a moment ago: the 5 minute interval has not passed")
                .contains("Refresh: no campaign due");
    }

    @Test
    void aForcedRefreshReadsOnlyWhatChangedAndKeepsABounceProklikRecorded() throws Exception {
        assertThat(Cli.run(env(), "import").exitCode()).isZero();
        try (Database db = Database.embedded(home)) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            Instant later = now.minus(Duration.ofMinutes(30));
            erpRow(jdbc, "C1", "R6", "r6@example.com", later, "sent", null, later);      // the queued one went out
            erpRow(jdbc, "C1", "R2", "r2-new@example.com", started, "sent", null, later); // address corrected
            new SendDao(db.dataSource()).markBounced("C1", "R2", BounceKind.HARD, started.plusSeconds(300),
                    "550 5.1.1 user unknown"); // the bounce mailbox saw it bounce
        }

        Cli.Result forced = Cli.run(env(), "import", "--campaign", "C1");

        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("Refreshed C1 (campaign): ERP sends 2 read, 2 written, 0 queued, 0 refused");
        try (Database db = Database.embedded(home)) {
            SendDao sends = new SendDao(db.dataSource());
            assertThat(sends.find("C1", "R6")).get().extracting(Send::status).isEqualTo(SendStatus.SENT);
            assertThat(sends.find("C1", "R2")).get().satisfies(s -> {
                assertThat(s.email()).isEqualTo("r2-new@example.com");
                assertThat(s.status()).as("the ERP only knows the hand-over").isEqualTo(SendStatus.BOUNCED);
                assertThat(s.bounceKind()).isEqualTo(BounceKind.HARD);
            });
        }

        Cli.Result overview = Cli.run(env(), "report", "campaigns", "--format", "json");
        JsonNode c1 = new ObjectMapper().readTree(overview.out()).get("campaigns").get(0);
        assertThat(c1.get("campaign").get("campaignId").asText()).isEqualTo("C1");
        assertThat(c1.get("refresh").get("reason").asText()).isEqualTo("campaign");
        assertThat(Instant.parse(c1.get("refresh").get("refreshedAt").asText())).isAfterOrEqualTo(now);
        Cli.Result text = Cli.run(env(), "report", "campaigns");
        assertThat(text.out()).contains("last refresh");
    }

    @Test
    void allRefreshesEveryCampaignAndBadArgumentsAreUsageErrors() {
        Cli.Result all = Cli.run(env(), "import", "--all");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("Refreshed C1 (all)").contains("Refreshed OLD (all): ERP sends 1 read, 1 written");

        assertThat(Cli.run(env(), "import", "--campaign", "NOPE").exitCode()).isEqualTo(2);
        assertThat(Cli.run(env(), "import", "--campaign", "C1", "--all").exitCode()).isEqualTo(2);
        assertThat(Cli.run(env(), "import", "--campaign", "C1", "--every", "5m").exitCode()).isEqualTo(2);
        assertThat(Cli.run(env(), "import", "--every", "sometimes").exitCode()).isEqualTo(2);
    }
}
