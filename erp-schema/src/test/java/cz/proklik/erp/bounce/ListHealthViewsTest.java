package cz.proklik.erp.bounce;

import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.event.EventFlags;
import cz.proklik.erp.event.RawEvent;
import cz.proklik.erp.event.RawEventDao;
import cz.proklik.erp.send.Send;
import cz.proklik.erp.send.SendDao;
import cz.proklik.erp.unsubscribe.UnsubscribeDao;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * List health per mailer list (schema 17.0) on the embedded H2 against figures counted by hand from this world:
 * <pre>
 * list NEWS: A1 2026-06-01 to a1 a2 a3; A2 2026-11-02 to a1 a2 a4      list VIP: B1 2026-12-01 to a2 b5
 * no list:   X0 2026-12-03 to x9 (sends imported from the ERP; the latest send, so as_of)
 * a1 clicked A1 on 2026-07-01 (clean)        a2 clicked B1 on 2026-12-02 (clean: alive for every list)
 * a3 opened A1 on 2026-11-05 through Apple's proxy only (not clean) and unsubscribed from A1 on 2026-06-02
 * a1 unsubscribed from A2 on 2026-11-04      a4 hard-bounced on A2 2026-11-02 (suppressed for all mail)
 * b5 complained about B1 on 2026-12-02 (suppressed for marketing only: still counted as mailable)
 * </pre>
 * as_of 2026-12-03: 90 days before is 2026-09-04, 180 days before 2026-06-06.
 */
class ListHealthViewsTest {
    @TempDir
    Path dir;
    Database db;
    BounceKpiDao kpis;

    @BeforeEach
    void world() {
        db = Database.embedded(dir);
        SchemaMigrator.of(db).migrate();
        JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
        Timestamp created = Timestamp.from(Instant.parse("2026-05-01T00:00:00Z"));
        jdbc.update("""
                INSERT INTO pkl_mail_template (template_id, name, from_address, default_language, default_shop,
                                               source_sha256, imported_at)
                VALUES ('T1', 'Newsletter', 'news@example.cz', 'cs', 'CZ', ?, ?)""", "0".repeat(64), created);
        for (String[] l : List.of(new String[] {"NEWS", "Newsletter"}, new String[] {"VIP", "Best customers"})) {
            jdbc.update("INSERT INTO pkl_mail_list (list_id, name, kind, created_at) VALUES (?, ?, 'criteria', ?)",
                    l[0], l[1], created);
        }
        CampaignDao campaigns = new CampaignDao(db.dataSource());
        SendDao sends = new SendDao(db.dataSource());
        int sequence = 1;
        for (String[] c : List.of(new String[] {"A1", "NEWS", "2026-06-01"}, new String[] {"A2", "NEWS", "2026-11-02"},
                new String[] {"B1", "VIP", "2026-12-01"}, new String[] {"X0", null, "2026-12-03"})) {
            campaigns.register(Campaign.draft(c[0], c[0], "Subject", "utm_" + c[0]));
            if (c[1] != null) {
                jdbc.update("""
                        INSERT INTO pkl_mail_campaign (campaign_id, sequence_no, campaign_date, list_id, template_id,
                                                       personal_greeting, created_at)
                        VALUES (?, ?, ?, ?, 'T1', 0, ?)""", c[0], sequence++, java.sql.Date.valueOf(c[2]), c[1],
                        created);
            }
        }
        sends.upsert(List.of(sent("A1", "R1", "a1@example.cz", "2026-06-01"), sent("A1", "R2", "A2@Example.cz", "2026-06-01"),
                sent("A1", "R3", "a3@example.cz", "2026-06-01"), sent("A2", "R1", "a1@example.cz", "2026-11-02"),
                sent("A2", "R2", "a2@example.cz", "2026-11-02"), sent("A2", "R4", "a4@example.cz", "2026-11-02"),
                sent("B1", "R2", "a2@example.cz", "2026-12-01"), sent("B1", "R5", "b5@example.cz", "2026-12-01"),
                sent("X0", "R9", "x9@example.cz", "2026-12-03")));
        EventFlags mpp = new EventFlags(false, false, false, true, false, "proxy", "Apple MPP", "unknown");
        new RawEventDao(db.dataSource()).insertBatch(null, List.of(
                event("2026-07-01T10:00:00Z", "click", "A1", "R1", EventFlags.NONE),
                event("2026-12-02T10:00:00Z", "click", "B1", "R2", EventFlags.NONE),
                event("2026-11-05T10:00:00Z", "open", "A1", "R3", mpp)));
        new AggregateMaintainer(db.dataSource()).rebuild();
        UnsubscribeDao unsubscribes = new UnsubscribeDao(db.dataSource());
        unsubscribes.record("A1", "R3", Instant.parse("2026-06-02T09:00:00Z"), null);
        unsubscribes.record("A2", "R1", Instant.parse("2026-11-04T09:00:00Z"), null);

        BounceStore store = new BounceStore(db.dataSource());
        SuppressionDao suppressions = new SuppressionDao(db.dataSource());
        Instant hardAt = Instant.parse("2026-11-02T12:00:00Z");
        long m1 = store.insertMessage("a".repeat(64), "m1", "test", "bounce", "postfix", hardAt, hardAt);
        long hard = store.insertBounce(new BounceRecord(0, m1, "a4@example.cz", "hard", "user_unknown", "5.1.1", null,
                "A2", "R4", "verp", hardAt));
        suppressions.suppress("a4@example.cz", "all", "user_unknown", hard, hardAt);
        Instant complainedAt = Instant.parse("2026-12-02T12:00:00Z");
        long m2 = store.insertMessage("b".repeat(64), "m2", "test", "complaint", "arf", complainedAt, complainedAt);
        long complaint = store.insertBounce(new BounceRecord(0, m2, "b5@example.cz", "complaint", "complaint", null,
                null, "B1", "R5", "verp", complainedAt));
        suppressions.suppress("b5@example.cz", "marketing", "complaint", complaint, complainedAt);
        kpis = new BounceKpiDao(db.dataSource());
    }

    private static Send sent(String campaign, String recipient, String email, String day) {
        return Send.sent(campaign, recipient, email, null, Instant.parse(day + "T08:00:00Z"));
    }

    private static RawEvent event(String at, String type, String campaign, String recipient, EventFlags flags) {
        return new RawEvent(UUID.randomUUID().toString(), Instant.parse(at), type, "GET", campaign, recipient,
                type.equals("click") ? "hero" : null, null, type.equals("click") ? "https://example.cz/" : null, "k1",
                null, null, null, "n1", null, 1L, flags);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void growthAndChurnPerListAndMonth() {
        assertThat(kpis.healthByMonth("NEWS")).containsExactly(
                new BounceKpiDao.ListHealthMonth(LocalDate.parse("2026-06-01"), 3, 1, 0, 0, 1),
                new BounceKpiDao.ListHealthMonth(LocalDate.parse("2026-11-01"), 1, 1, 1, 0, 2));
        assertThat(kpis.healthByMonth("VIP")).as("a2 is new to VIP in December although NEWS mailed it in June")
                .containsExactly(new BounceKpiDao.ListHealthMonth(LocalDate.parse("2026-12-01"), 2, 0, 0, 1, 1));
        assertThat(kpis.healthByMonth("NONE")).isEmpty();
    }

    @Test
    void oneRowPerListThenAllAddresses() {
        assertThat(kpis.listHealth()).extracting(BounceKpiDao.ListHealth::listId)
                .containsExactly("NEWS", "VIP", null);
        Instant asOf = Instant.parse("2026-12-03T08:00:00Z");
        BounceKpiDao.ListHealth news = kpis.listHealth().get(0);
        assertThat(news.listName()).isEqualTo("Newsletter");
        assertThat(news.addresses()).isEqualTo(4);
        assertThat(news.unsubscribes()).isEqualTo(2);
        assertThat(news.hardBounces()).isEqualTo(1);
        assertThat(news.complaints()).isZero();
        assertThat(news.churn()).isEqualTo(3);
        assertThat(news.churnRate()).isEqualByComparingTo("0.7500");
        assertThat(news.asOf()).isEqualTo(asOf);
        assertThat(news.mailable()).as("a4 suppressed after its hard bounce").isEqualTo(3);
        assertThat(news.eligible90()).isEqualTo(3);
        assertThat(news.inactive90()).as("a1 (last clean click in July) and a3 (an MPP open is not clean)")
                .isEqualTo(2);
        assertThat(news.share90()).isEqualByComparingTo("0.6667");
        assertThat(news.eligible180()).isEqualTo(3);
        assertThat(news.inactive180()).as("a3 only").isEqualTo(1);
        assertThat(news.share180()).isEqualByComparingTo("0.3333");

        BounceKpiDao.ListHealth vip = kpis.listHealth().get(1);
        assertThat(vip.addresses()).isEqualTo(2);
        assertThat(vip.complaints()).isEqualTo(1);
        assertThat(vip.churn()).isEqualTo(1);
        assertThat(vip.churnRate()).isEqualByComparingTo("0.5000");
        assertThat(vip.mailable()).as("a complaint stops marketing mail, not all mail").isEqualTo(2);
        assertThat(vip.eligible90()).as("first mailed by VIP two days before as_of").isZero();
        assertThat(vip.share90()).isNull();
        assertThat(vip.share180()).isNull();

        BounceKpiDao.ListHealth all = kpis.listHealth().get(2);
        assertThat(all.overall()).isTrue();
        assertThat(all.addresses()).as("a1 a2 a3 a4 b5 and x9 of the campaign without a list").isEqualTo(6);
        assertThat(all.unsubscribes()).isEqualTo(2);
        assertThat(all.hardBounces()).isEqualTo(1);
        assertThat(all.complaints()).isEqualTo(1);
        assertThat(all.churn()).isEqualTo(4);
        assertThat(all.churnRate()).isEqualByComparingTo("0.6667");
        assertThat(all.asOf()).isEqualTo(asOf);
        assertThat(all.mailable()).isEqualTo(5);
        assertThat(all.eligible90()).isEqualTo(3);
        assertThat(all.inactive90()).isEqualTo(2);
        assertThat(all.share90()).isEqualByComparingTo(new BigDecimal("0.6667"));
        assertThat(all.inactive180()).isEqualTo(1);
    }

    @Test
    void aListNeverMailedHasZerosAndNoShare() {
        new JdbcTemplate(db.dataSource()).update("""
                INSERT INTO pkl_mail_list (list_id, name, kind, created_at) VALUES ('EMPTY', 'Nobody yet', 'imported', ?)""",
                Timestamp.from(Instant.parse("2026-12-01T00:00:00Z")));
        assertThat(kpis.listHealth()).filteredOn(h -> "EMPTY".equals(h.listId())).singleElement().satisfies(h -> {
            assertThat(h.addresses()).isZero();
            assertThat(h.churn()).isZero();
            assertThat(h.churnRate()).isNull();
            assertThat(h.mailable()).isZero();
            assertThat(h.share90()).isNull();
        });
    }
}
