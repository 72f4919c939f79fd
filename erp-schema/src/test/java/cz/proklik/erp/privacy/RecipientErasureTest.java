package cz.proklik.erp.privacy;

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
import cz.proklik.erp.report.CampaignReportDao;
import cz.proklik.erp.report.RecipientReaction;
import cz.proklik.erp.send.Send;
import cz.proklik.erp.send.SendDao;
import cz.proklik.erp.unsubscribe.UnsubscribeDao;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Forget me": after the erasure nothing Proklik stores names the person or holds their address, while every
 * campaign figure - also after a rebuild from the raw events - is what it was.
 */
class RecipientErasureTest {
    static final Instant SENT = Instant.parse("2026-11-02T08:00:00Z");

    @TempDir
    Path home;

    private Database database;
    private JdbcTemplate jdbc;
    private CampaignReportDao report;
    private AggregateMaintainer aggregates;

    @BeforeEach
    void twoCampaignsWithTheirReactions() {
        database = Database.embedded(home);
        SchemaMigrator.of(database).migrate();
        jdbc = new JdbcTemplate(database.dataSource());
        report = new CampaignReportDao(database.dataSource());
        aggregates = new AggregateMaintainer(database.dataSource());
        CampaignDao campaigns = new CampaignDao(database.dataSource());
        for (String c : List.of("C1", "C2")) {
            campaigns.register(new Campaign(c, "Campaign " + c, null, c.toLowerCase() + "_utm", "newsletter", SENT,
                    SENT, 5, CampaignStatus.DONE));
            new SendDao(database.dataSource()).upsert(List.of(
                    Send.sent(c, "R1", "anna@example.com", "A", SENT), Send.sent(c, "R2", "ben@example.com", "B", SENT)));
        }
        long file = new ImportFileDao(database.dataSource()).start("proklik-n1-20261102T090000000Z-000001.csv", "n1",
                "a1".repeat(32), 100L, SENT);
        new RawEventDao(database.dataSource()).insertBatch(file, List.of(
                event("open", "C1", "R1", null, 10), event("click", "C1", "R1", "hero", 11),
                event("click", "C1", "R1", "hero", 12), event("click", "C2", "R1", "tea", 30),
                event("open", "C1", "R2", null, 40), event("click", "C1", "R2", "hero", 41)));
        aggregates.addFile(file);
        jdbc.update("INSERT INTO pkl_standin_order (order_id, contact_id, ordered_at, currency, gross_amount,"
                + " discount_amount, net_amount, is_return) VALUES ('O1', 'R1', ?, 'CZK', 500.00, 0.00, 500.00, 0)",
                LocalDateTime.ofInstant(SENT.plusSeconds(3600), ZoneOffset.UTC));
        aggregates.attribution().refresh();
        new UnsubscribeDao(database.dataSource()).record("C1", "R1", SENT.plusSeconds(7200), null);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void nothingNamesTheRecipientAnyMoreAndEveryFigureStays() {
        List<Object> figures = figures();

        Map<String, Integer> changed = new RecipientErasure(database.dataSource()).forget("R1");

        assertThat(changed).containsEntry("pkl_event", 4).containsEntry("pkl_send", 2)
                .containsEntry("pkl_agg_recipient", 2).containsEntry("pkl_agg_attribution", 1);
        // The columns come from the schema itself, so a table added later that holds recipient ids is checked too.
        List<Map<String, Object>> columns = jdbc.queryForList("""
                SELECT c.table_name, c.column_name FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE t.table_type = 'BASE TABLE' AND LOWER(c.table_name) LIKE 'pkl%'
                  AND LOWER(c.table_name) NOT LIKE 'pkl%standin%'
                  AND LOWER(c.column_name) IN ('recipient_id', 'contact_id')""");
        assertThat(columns).extracting(c -> (c.get("table_name") + "." + c.get("column_name")).toLowerCase(Locale.ROOT))
                .as("the schema query finds the known recipient columns")
                .contains("pkl_event.recipient_id", "pkl_send.recipient_id", "pkl_agg_recipient.recipient_id",
                        "pkl_agg_recipient_link.recipient_id", "pkl_agg_click.recipient_id",
                        "pkl_agg_attribution.contact_id", "pkl_unsubscribe.recipient_id");
        for (Map<String, Object> column : columns) {
            // Both names come from INFORMATION_SCHEMA, never from data.
            String table = (String) column.get("table_name");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + column.get("column_name")
                    + " = 'R1'", Integer.class)).as(table).isZero();
        }
        assertThat(jdbc.queryForList("SELECT email FROM pkl_send ORDER BY email", String.class))
                .containsExactly("", "", "ben@example.com", "ben@example.com");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event WHERE recipient_id LIKE 'erased:%'"
                + " AND client_ip IS NULL AND user_agent IS NULL", Integer.class)).isEqualTo(4);
        // One token for the person everywhere: the reaction list still shows one recipient with both clicks, the
        // order and the opt-out, just not who it was.
        String token = jdbc.queryForObject(
                "SELECT DISTINCT recipient_id FROM pkl_event WHERE recipient_id LIKE 'erased:%'", String.class);
        assertThat(jdbc.queryForList("SELECT recipient_id FROM pkl_unsubscribe", String.class)).containsExactly(token);
        assertThat(report.recipients("C1")).extracting(RecipientReaction::recipientId)
                .containsExactlyInAnyOrder("R2", token);
        assertThat(figures()).isEqualTo(figures);

        aggregates.rebuild();
        assertThat(figures()).isEqualTo(figures);
    }

    @Test
    void anUnknownRecipientChangesNothing() {
        List<Object> figures = figures();
        assertThat(new RecipientErasure(database.dataSource()).forget("R9").values()).allMatch(n -> n == 0);
        assertThat(figures()).isEqualTo(figures);
    }

    private List<Object> figures() {
        List<Object> rows = new ArrayList<>();
        for (String c : List.of("C1", "C2")) {
            rows.add(report.campaign(c).orElseThrow().kpis());
            rows.addAll(report.links(c));
            rows.addAll(report.variants(c));
            rows.add(report.revenue(c));
            rows.add(report.reactingRecipientCount(c));
        }
        return rows;
    }

    private static RawEvent event(String type, String campaign, String recipient, String link, int minutes) {
        return new RawEvent(UUID.randomUUID().toString(), SENT.plusSeconds(minutes * 60L), type, "GET", campaign,
                recipient, link, "A", link == null ? null : "https://shop.example.com/", "k1", null, "192.0.2.0",
                "Mozilla/5.0 (X11)", "n1", null, 1L, EventFlags.NONE);
    }
}
