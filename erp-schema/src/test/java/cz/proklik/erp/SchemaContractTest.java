package cz.proklik.erp;

import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignLink;
import cz.proklik.erp.campaign.CampaignStatus;
import cz.proklik.erp.campaign.CampaignVariant;
import cz.proklik.erp.csv.CsvRows;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.event.EventFlagRulesDao;
import cz.proklik.erp.event.EventFlags;
import cz.proklik.erp.event.RawEvent;
import cz.proklik.erp.event.RawEventDao;
import cz.proklik.erp.importfile.FileCounts;
import cz.proklik.erp.importfile.ImportFile;
import cz.proklik.erp.importfile.ImportFileDao;
import cz.proklik.erp.importfile.QuarantineDao;
import cz.proklik.erp.importfile.QuarantinedLine;
import cz.proklik.erp.send.BounceKind;
import cz.proklik.erp.send.Send;
import cz.proklik.erp.send.SendDao;
import cz.proklik.erp.send.SendStatus;
import cz.proklik.erp.send.SendsCsvImporter;
import cz.proklik.erp.unsubscribe.UnsubscribeDao;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the schema and its DAOs promise, asserted the same way on every engine. A subclass supplies a freshly
 * created database and the result of migrating it from scratch ({@link #firstMigration}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SchemaContractTest {


    protected static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    protected DataSource dataSource;
    protected SchemaMigrator migrator;
    protected SchemaMigrator.Result firstMigration;
    protected JdbcTemplate jdbc;

    /** Called by the subclass once its database exists: migrates from scratch and keeps what was applied. */
    protected void useDatabase(DataSource ds, SchemaMigrator schemaMigrator) {
        this.dataSource = ds;
        this.migrator = schemaMigrator;
        this.firstMigration = schemaMigrator.migrate();
        this.jdbc = new JdbcTemplate(ds);
    }

    @BeforeEach
    void emptyOurTables() {
        for (String table : List.of("pkl_event", "pkl_quarantine", "pkl_import_file", "pkl_unsubscribe", "pkl_send",
                "pkl_campaign_variant", "pkl_campaign_link", "pkl_campaign")) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    // ---------------------------------------------------------------- migrations

    @Test
    void migrationsApplyFromScratchAndAreIdempotent() {
        assertThat(firstMigration.initialVersion()).isNull();
        assertThat(firstMigration.applied()).extracting(SchemaMigrator.Applied::version)
                .containsSubsequence("1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7",
                        "4.0", "5.0", "6.0", "10.0", "10.1");
        assertThat(firstMigration.targetVersion()).as("the newest migration on the class path")
                .isEqualTo(newestVersion(migrator));

        SchemaMigrator.Result again = migrator.migrate();
        assertThat(again.applied()).isEmpty();
        assertThat(migrator.currentVersion()).isEqualTo(newestVersion(migrator));
        assertThat(migrator.info()).isNotEmpty()
                .allSatisfy(i -> assertThat(i.state()).isIn("Success", "Baseline"));
    }

    /** The highest version among the migrations Flyway resolves, whatever the newest release added. */
    static String newestVersion(SchemaMigrator migrator) {
        return migrator.info().stream().map(SchemaMigrator.Info::version).filter(Objects::nonNull)
                .max(Comparator.comparing(MigrationVersion::fromVersion))
                .orElseThrow();
    }

    @Test
    void everyTableAndViewHasTheDocumentedColumns() {
        Map<String, List<String>> expected = Map.ofEntries(
                Map.entry("pkl_campaign", List.of("campaign_id", "name", "subject", "utm_campaign", "utm_medium",
                        "starts_at", "sent_at", "attribution_days", "status", "created_at")),
                Map.entry("pkl_campaign_link", List.of("campaign_id", "link_id", "description", "target_url",
                        "position_no")),
                Map.entry("pkl_campaign_variant", List.of("campaign_id", "variant", "description", "share_pct")),
                Map.entry("pkl_send", List.of("send_id", "campaign_id", "recipient_id", "email", "variant", "sent_at",
                        "status", "error_text", "bounce_kind", "bounced_at", "updated_at")),
                Map.entry("pkl_event", List.of("id", "event_id", "event_time", "event_type", "method", "campaign_id",
                        "recipient_id", "link_id", "variant", "target", "key_id", "reason", "client_ip", "user_agent",
                        "node", "request_path", "file_id", "file_seq", "imported_at", "is_bot_ua",
                        "is_security_scanner", "is_prefetch", "is_mpp_suspect", "is_too_fast_after_send", "ua_class",
                        "ua_name", "device_class", "flagged_at", "is_clean", "burst_rule", "rules_version",
                        "response_kind", "note")),
                Map.entry("pkl_agg_response", List.of("campaign_id", "recipient_id", "responses", "replies", "calls",
                        "visits", "others", "first_response_at", "last_response_at")),
                Map.entry("pkl_eval_response", List.of("campaign_id", "recipient_id", "event_id", "response_kind",
                        "responded_at", "note", "imported_at")),
                Map.entry("pkl_eval_recipient_response", List.of("campaign_id", "recipient_id", "responses",
                        "replies", "calls", "visits", "others", "first_response_at", "last_response_at")),
                Map.entry("pkl_eval_campaign_response", List.of("campaign_id", "responses", "responding_recipients",
                        "replies", "calls", "visits", "others", "last_response_at")),
                Map.entry("pkl_import_file", List.of("file_id", "source_dir", "file_name", "node", "sha256", "size_bytes",
                        "line_count", "imported_count", "duplicate_count", "quarantined_count", "started_at",
                        "finished_at", "status", "error_text")),
                Map.entry("pkl_quarantine", List.of("quarantine_id", "file_id", "line_no", "reason", "detail",
                        "raw_line", "raw_truncated", "created_at")),
                Map.entry("pkl_unsubscribe", List.of("campaign_id", "recipient_id", "unsubscribed_at",
                        "source_event_id")),
                Map.entry("pkl_send_message", List.of("message_id", "campaign_id", "recipient_id", "created_at")),
                Map.entry("pkl_bounce_message", List.of("bounce_message_id", "message_key", "message_id", "source",
                        "kind", "format", "received_at", "processed_at")),
                Map.entry("pkl_bounce", List.of("bounce_id", "bounce_message_id", "email", "kind", "reason",
                        "status_code", "diagnostic", "campaign_id", "recipient_id", "matched_by", "occurred_at")),
                Map.entry("pkl_suppression", List.of("email", "purpose", "reason", "bounce_id", "suppressed_at")),
                Map.entry("pkl_mail_delivery", List.of("delivery_id", "campaign_id", "recipient_id", "email", "variant",
                        "state", "message_id", "attempts", "next_attempt_at", "smtp_reply", "queued_at",
                        "handed_over_at", "finished_at", "updated_at", "occurrence_key")),
                Map.entry("pkl_trigger", List.of("trigger_id", "kind", "days", "hours", "min_amount", "campaign_id",
                        "template_id", "shop_code", "personal_greeting", "active_from", "status", "created_at",
                        "last_run_at")),
                Map.entry("pkl_trigger_occurrence", List.of("trigger_id", "contact_id", "occurrence_key",
                        "occurred_at", "detail", "found_at", "delivery_id")),
                Map.entry("pkl_mail_send_control", List.of("campaign_id", "pause_requested", "pause_reason", "runner",
                        "heartbeat_at", "started_at", "ab_test_done_at", "ab_winner", "ab_winner_reason",
                        "updated_at")),
                Map.entry("pkl_mail_template", List.of("template_id", "name", "from_address", "from_name",
                        "default_language", "default_shop", "source_sha256", "imported_at")),
                Map.entry("pkl_mail_template_version", List.of("template_id", "language_code", "shop_code", "subject",
                        "from_address", "from_name", "login_url", "product_url", "html")),
                Map.entry("pkl_erp_contact_greeting", List.of("contact_id", "salutation", "vocative_first_name",
                        "vocative_last_name", "gender")),
                Map.entry("pkl_erp_contact", List.of("contact_id", "email", "first_name", "last_name",
                        "language_code", "region", "country_code", "organisation_id", "email_consent", "birthday")),
                Map.entry("pkl_erp_organisation", List.of("organisation_id", "name", "country_code", "region",
                        "category")),
                Map.entry("pkl_erp_product", List.of("product_id", "sku", "name", "product_group", "price",
                        "image_url")),
                Map.entry("pkl_erp_order", List.of("order_id", "contact_id", "organisation_id", "ordered_at",
                        "currency", "gross_amount", "discount_amount", "net_amount", "is_return",
                        "return_of_order_id", "shop_code")),
                Map.entry("pkl_erp_send", List.of("campaign_id", "recipient_id", "email", "sent_at", "status",
                        "error_text", "changed_at")),
                Map.entry("pkl_erp_registration", List.of("contact_id", "registered_at", "shop_code")),
                Map.entry("pkl_erp_cart", List.of("cart_id", "contact_id", "shop_code", "changed_at", "item_count",
                        "order_id")),
                Map.entry("pkl_erp_preorder", List.of("preorder_id", "contact_id", "product_id", "preordered_at",
                        "is_open")),
                Map.entry("pkl_erp_stock", List.of("product_id", "available_qty")),
                Map.entry("pkl_erp_cart_item", List.of("cart_id", "line_no", "product_id", "quantity", "unit_price")),
                Map.entry("pkl_campaign_refresh", List.of("campaign_id", "refreshed_at", "refresh_reason",
                        "sends_changed_upto", "sends_read", "sends_refused")),
                Map.entry("pkl_erp_order_line", List.of("order_id", "line_no", "product_id", "quantity",
                        "gross_amount", "net_amount")),
                Map.entry("pkl_batch_job_instance", List.of("job_instance_id", "version", "job_name", "job_key")),
                Map.entry("pkl_batch_step_execution_context", List.of("step_execution_id", "short_context",
                        "serialized_context")));
        expected.forEach((table, columns) -> assertThat(columnsOf(table)).as(table)
                .containsExactlyInAnyOrderElementsOf(columns));

        for (String table : List.of("pkl_batch_job_execution", "pkl_batch_job_execution_params",
                "pkl_batch_step_execution", "pkl_batch_job_execution_context", "pkl_standin_contact",
                "pkl_standin_organisation", "pkl_standin_product", "pkl_standin_order", "pkl_standin_order_line")) {
            assertThat(columnsOf(table)).as(table).isNotEmpty();
        }
        // The views are the contract; the stand-in tables behind them must keep the same shape.
        for (String name : List.of("contact", "organisation", "product", "order_line", "contact_greeting", "send",
                "registration", "cart", "preorder", "stock", "cart_item")) {
            assertThat(columnsOf("pkl_standin_" + name)).containsExactlyInAnyOrderElementsOf(
                    columnsOf("pkl_erp_" + name));
        }
        // Except the order's shop (14.0), kept in a table of its own that the repeatable seed does not rewrite.
        List<String> order = new ArrayList<>(columnsOf("pkl_standin_order"));
        order.add("shop_code");
        assertThat(order).containsExactlyInAnyOrderElementsOf(columnsOf("pkl_erp_order"));
        assertThat(columnsOf("pkl_standin_order_shop")).containsExactlyInAnyOrder("order_id", "shop_code");
    }

    @Test
    void springBatchSequencesExist() {
        for (String seq : List.of("PKL_BATCH_JOB_SEQ", "PKL_BATCH_JOB_EXECUTION_SEQ", "PKL_BATCH_STEP_EXECUTION_SEQ")) {
            Long first = jdbc.queryForObject("SELECT NEXT VALUE FOR " + seq, Long.class);
            assertThat(first).as(seq).isNotNull();
        }
    }

    // ---------------------------------------------------------------- ERP adapter views

    @Test
    void adapterViewsReturnTheStandinRows() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pkl_erp_contact", Integer.class)).isEqualTo(5);
        assertThat(jdbc.queryForMap("""
                SELECT c.first_name, c.last_name, c.email_consent, o.name AS organisation
                FROM pkl_erp_contact c JOIN pkl_erp_organisation o ON o.organisation_id = c.organisation_id
                WHERE c.contact_id = 'R1001'"""))
                .containsEntry("first_name", "Jana").containsEntry("last_name", "Nováková")
                .containsEntry("organisation", "Pekárna Novák");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pkl_erp_organisation", Integer.class)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT sku FROM pkl_erp_product WHERE product_id = 'P3'", String.class))
                .isEqualTo("SKU-GRINDER");
        // Net revenue of R1001 after the return: 967 - 149.
        assertThat(jdbc.queryForObject(
                "SELECT SUM(net_amount) FROM pkl_erp_order WHERE contact_id = 'R1001'", BigDecimal.class))
                .isEqualByComparingTo("818");
        assertThat(jdbc.queryForObject("""
                SELECT return_of_order_id FROM pkl_erp_order WHERE is_return = 1""", String.class)).isEqualTo("O-5001");
        assertThat(jdbc.queryForObject("""
                SELECT SUM(l.quantity) FROM pkl_erp_order_line l JOIN pkl_erp_product p ON p.product_id = l.product_id
                WHERE p.sku = 'SKU-MUG-WHITE'""", BigDecimal.class)).isEqualByComparingTo("3");
    }

    // ---------------------------------------------------------------- campaigns

    @Test
    void campaignWithLinksAndVariantsRoundTrips() {
        CampaignDao campaigns = new CampaignDao(dataSource);
        Campaign c = new Campaign("C2026-11", "November promo", "Káva za polovic", "2026-11-25_promo_coffee",
                "newsletter", T0, null, Campaign.DEFAULT_ATTRIBUTION_DAYS, CampaignStatus.DRAFT);
        campaigns.register(c);
        campaigns.saveLink(new CampaignLink("C2026-11", "hero", "Hero image", "https://shop.example.com/", 1));
        campaigns.saveLink(new CampaignLink("C2026-11", "btn_secondary", "Second button",
                "https://shop.example.com/b", 2));
        campaigns.saveVariant(new CampaignVariant("C2026-11", "A", "Subject A", new BigDecimal("50.00")));
        campaigns.saveVariant(new CampaignVariant("C2026-11", "B", "Subject B", new BigDecimal("50.00")));
        campaigns.saveVariant(new CampaignVariant("C2026-11", "B", "Subject B, shorter", new BigDecimal("40.00")));

        assertThat(campaigns.find("C2026-11")).contains(c);
        assertThat(campaigns.findByUtmCampaign("2026-11-25_promo_coffee")).contains(c);
        assertThat(campaigns.links("C2026-11")).extracting(CampaignLink::linkId).containsExactly("hero",
                "btn_secondary");
        assertThat(campaigns.variants("C2026-11")).extracting(CampaignVariant::variant, CampaignVariant::description)
                .containsExactly(tuple("A", "Subject A"), tuple("B", "Subject B, shorter"));

        campaigns.setStatus("C2026-11", CampaignStatus.SENDING);
        assertThat(campaigns.find("C2026-11")).get().extracting(Campaign::status).isEqualTo(CampaignStatus.SENDING);

        Campaign sameUtm = Campaign.draft("C2026-12", "December", null, "2026-11-25_promo_coffee");
        assertThatThrownBy(() -> campaigns.register(sameUtm)).isInstanceOf(DuplicateKeyException.class);
        assertThat(campaigns.exists("C2026-12")).isFalse();
    }

    // ---------------------------------------------------------------- sends

    @Test
    void sendsCsvImportReportsBadRowsAndReimportDoesNotDuplicate() throws Exception {
        CampaignDao campaigns = new CampaignDao(dataSource);
        campaigns.register(Campaign.draft("C1", "Campaign one", null, "2026-11-25_one"));
        SendDao sends = new SendDao(dataSource);
        SendsCsvImporter importer = new SendsCsvImporter(sends, campaigns);
        String csv = String.join("\r\n",
                "campaign_id,recipient_id,email,variant,sent_at,status,error_text,bounce_kind,bounced_at",
                "C1,R1001,jana.novakova@example.com,A,2026-11-25T09:00:00Z,sent,,,",
                "C1,R1002,petr.svoboda@example.com,B,2026-11-25T09:00:01Z,bounced,\"550 5.1.1 user unknown, sorry\",hard,2026-11-25T09:00:05Z",
                "C9,R1003,martina@example.sk,A,2026-11-25T09:00:02Z,sent,,,",
                "C1,R1004,not-an-address,A,2026-11-25T09:00:03Z,sent,,,",
                "C1,R1005,anna@example.pl,A,yesterday,sent,,,",
                "C1,R 1006,x@example.com,A,,sent,,,",
                "C1,R1007,x@example.com,A,,delivered,,,",
                "C1,R1008,y@example.com,A,,sent,,hard,",
                "C1,R1009,z@example.com,A,,sent",
                "C1,R1010,\"multi",
                "line\"@example.com,B,2026-11-25 09:00:09,failed,SMTP timeout,,",
                "");

        SendsCsvImporter.Result first = importer.importFrom(new StringReader(csv));

        assertThat(first.rows()).isEqualTo(10);
        assertThat(first.imported()).isEqualTo(2);
        assertThat(first.errors()).extracting(CsvRows.RowError::line).containsExactly(4L, 5L, 6L, 7L, 8L,
                9L, 10L, 11L);
        assertThat(first.errors()).extracting(CsvRows.RowError::reason).satisfiesExactly(
                r -> assertThat(r).contains("unknown campaign 'C9'"),
                r -> assertThat(r).contains("email"),
                r -> assertThat(r).contains("sent_at"),
                r -> assertThat(r).contains("recipient_id"),
                r -> assertThat(r).contains("status"),
                r -> assertThat(r).contains("bounce_kind"),
                r -> assertThat(r).contains("expected 9 values, found 6"),
                r -> assertThat(r).contains("email"));

        assertThat(sends.find("C1", "R1002")).get().satisfies(s -> {
            assertThat(s.status()).isEqualTo(SendStatus.BOUNCED);
            assertThat(s.bounceKind()).isEqualTo(BounceKind.HARD);
            assertThat(s.errorText()).isEqualTo("550 5.1.1 user unknown, sorry");
            assertThat(s.bouncedAt()).isEqualTo(Instant.parse("2026-11-25T09:00:05Z"));
            assertThat(s.variant()).isEqualTo("B");
        });

        SendsCsvImporter.Result again = importer.importFrom(new StringReader(csv));
        assertThat(again.imported()).isEqualTo(2);
        assertThat(again.errors()).hasSize(8);
        assertThat(sends.countByCampaign("C1")).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pkl_send", Integer.class)).isEqualTo(2);
    }

    @Test
    void upsertOverwritesAndMarkBouncedUpdates() {
        new CampaignDao(dataSource).register(Campaign.draft("C1", "Campaign one", null, "2026-11-25_one"));
        SendDao sends = new SendDao(dataSource);
        sends.upsert(List.of(Send.sent("C1", "R1", "a@example.com", null, T0),
                Send.sent("C1", "R1", "a2@example.com", null, T0)));
        assertThat(sends.byCampaign("C1")).singleElement().extracting(Send::email).isEqualTo("a2@example.com");

        assertThat(sends.markBounced("C1", "R1", BounceKind.SOFT, T0.plusSeconds(60), "mailbox full")).isTrue();
        assertThat(sends.find("C1", "R1")).get().extracting(Send::status, Send::bounceKind)
                .containsExactly(SendStatus.BOUNCED, BounceKind.SOFT);
    }

    @Test
    void idsThatDifferOnlyInCaseAreDifferentRecipients() {
        new CampaignDao(dataSource).register(Campaign.draft("C1", "Campaign one", null, "2026-11-25_one"));
        SendDao sends = new SendDao(dataSource);
        sends.upsert(List.of(Send.sent("C1", "abc", "lower@example.com", null, T0),
                Send.sent("C1", "ABC", "upper@example.com", null, T0)));

        assertThat(sends.byCampaign("C1")).extracting(Send::recipientId, Send::email)
                .containsExactlyInAnyOrder(tuple("abc", "lower@example.com"), tuple("ABC", "upper@example.com"));
        assertThat(sends.find("C1", "abc")).get().extracting(Send::email).isEqualTo("lower@example.com");
    }

    @Test
    void ratesFarAboveOneDoNotOverflow() {
        new CampaignDao(dataSource).register(Campaign.draft("C-RATES", "Rates", null, "2026-11-25_rates"));
        jdbc.update("DELETE FROM pkl_agg_campaign WHERE campaign_id = 'C-RATES'");
        jdbc.update("DELETE FROM pkl_agg_send WHERE campaign_id = 'C-RATES'");
        // One delivered e-mail, 200,000 clicks by 150,000 recipients who opened once: a rate of 200,000.
        jdbc.update("INSERT INTO pkl_agg_send (campaign_id, variant, recipients, sent, failed, bounced, bounced_hard,"
                + " bounced_soft) VALUES ('C-RATES', N'', 1, 1, 0, 0, 0, 0)");
        jdbc.update("INSERT INTO pkl_agg_campaign (campaign_id, variant, opens_raw, opens_clean, unique_opens_raw,"
                + " unique_opens_clean, clicks_raw, clicks_clean, unique_clicks_raw, unique_clicks_clean)"
                + " VALUES ('C-RATES', N'', 1, 1, 1, 1, 200000, 200000, 150000, 150000)");
        try {
            Map<String, Object> row = jdbc.queryForMap("SELECT ctr_total_raw, ctor_raw FROM pkl_eval_campaign"
                    + " WHERE campaign_id = 'C-RATES'");
            assertThat(new BigDecimal(row.get("ctr_total_raw").toString())).isEqualByComparingTo("200000");
            assertThat(new BigDecimal(row.get("ctor_raw").toString())).isEqualByComparingTo("150000");
        } finally {
            jdbc.update("DELETE FROM pkl_agg_campaign WHERE campaign_id = 'C-RATES'");
            jdbc.update("DELETE FROM pkl_agg_send WHERE campaign_id = 'C-RATES'");
        }
    }

    // ---------------------------------------------------------------- raw events

    @Test
    void duplicateEventsInOneBatchAndAcrossBatchesAreSkippedAndCounted() {
        RawEventDao events = new RawEventDao(dataSource);
        RawEvent a = click("R1", 0);
        RawEvent b = click("R2", 1);
        RawEvent c = click("R3", 2);

        RawEventDao.InsertResult first = events.insertBatch(null, List.of(a, b, a, c, b));
        assertThat(first).isEqualTo(new RawEventDao.InsertResult(3, 2));

        RawEvent d = click("R4", 3);
        RawEventDao.InsertResult second = events.insertBatch(null, List.of(c, d, a));
        assertThat(second).isEqualTo(new RawEventDao.InsertResult(1, 2));

        assertThat(events.count()).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT event_id) FROM pkl_event", Integer.class)).isEqualTo(4);
        assertThat(events.insertBatch(null, List.of())).isEqualTo(new RawEventDao.InsertResult(0, 0));
    }

    @Test
    void everyFieldOfAnEventRoundTripsAndIsCleanFollowsTheFlags() {
        ImportFileDao files = new ImportFileDao(dataSource);
        long fileId = files.start("proklik-n1-20261125T090000000Z-000001.csv", "n1", "ab".repeat(32), 1234L, T0);
        RawEventDao events = new RawEventDao(dataSource);
        RawEvent rejected = new RawEvent(UUID.randomUUID().toString(), T0.plusMillis(1), "rejected", "GET", null,
                null, null, null, null, "k0", "BAD_SIGNATURE", "192.0.2.0", "curl/8.5.0", "n1", "/c/1.k0.xxx.yyy",
                2L, EventFlags.NONE);
        RawEvent scanner = click("R1", 5).withFlags(new EventFlags(false, true, true, false, false, "scanner",
                "Proofpoint", "unknown"));
        RawEvent human = click("R2", 6).withFlags(new EventFlags(false, false, false, false, false, "browser",
                "Firefox", "desktop"));
        events.insertBatch(fileId, List.of(rejected, scanner, human));

        List<RawEventDao.StoredEvent> stored = events.byFile(fileId);
        assertThat(stored).extracting(RawEventDao.StoredEvent::event).containsExactly(rejected, scanner, human);
        assertThat(stored).extracting(RawEventDao.StoredEvent::clean).containsExactly(true, false, true);
        assertThat(stored).allSatisfy(s -> assertThat(s.fileId()).isEqualTo(fileId));

        EventFlags bot = new EventFlags(true, false, false, false, false, "bot", "Googlebot", "unknown");
        assertThat(events.updateFlags(Map.of(human.eventId(), bot, "00000000-0000-7000-8000-000000000000", bot)))
                .isEqualTo(1);
        assertThat(events.findByEventId(human.eventId())).get().satisfies(s -> {
            assertThat(s.clean()).isFalse();
            assertThat(s.event().flags()).isEqualTo(bot);
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event WHERE is_clean = 1", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void databaseFlagRulesCoverAFileAcrossSlicesAndLeaveOtherFilesAlone() {
        new CampaignDao(dataSource).register(Campaign.draft("C1", "Black Friday", "Deals", "2026-11-25_bf"));
        new SendDao(dataSource).upsert(List.of(Send.sent("C1", "R0", "r0@example.com", "A", T0.minusMillis(500))));
        ImportFileDao files = new ImportFileDao(dataSource);
        long fileA = files.start("proklik-n1-20261125T090000000Z-000001.csv", "n1", "ab".repeat(32), 1L, T0);
        long fileB = files.start("proklik-n2-20261125T090000000Z-000001.csv", "n2", "cd".repeat(32), 1L, T0);
        RawEventDao events = new RawEventDao(dataSource);
        int recipients = 1_500; // 3 clicks and 1 open each: 6,000 rows of file A, more than one slice
        List<RawEvent> a = new ArrayList<>();
        List<RawEvent> b = new ArrayList<>();
        for (int r = 0; r < recipients; r++) {
            Instant t = T0.plusSeconds(60L * r);
            for (String link : List.of("hero", "btn", "footer")) {
                a.add(event("click", "R" + r, link, t, "192.0.2.0"));
                t = t.plusMillis(200);
            }
            a.add(event("open", "R" + r, null, t.plusMillis(500), "192.0.2.0"));
            if (r % 100 == 0) {
                // interleaved in id order with file A's rows, as a second importer's would be
                events.insertBatch(fileA, a);
                a.clear();
                b.add(event("click", "R" + r, "hero", t, "192.0.2.0"));
                events.insertBatch(fileB, b);
                b.clear();
            }
        }
        events.insertBatch(fileA, a);

        EventFlagRulesDao.Thresholds thresholds = new EventFlagRulesDao.Thresholds(Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(2), 3);
        int updated = new EventFlagRulesDao(dataSource).applyToFile(fileA, thresholds, T0.plusSeconds(1));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event WHERE file_id = ? AND event_type = 'click'"
                + " AND burst_rule = 'click' AND is_security_scanner = 1", Integer.class, fileA))
                .isEqualTo(3 * recipients);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event WHERE file_id = ? AND event_type = 'open'"
                + " AND burst_rule = 'open_after' AND is_clean = 0", Integer.class, fileA)).isEqualTo(recipients);
        assertThat(jdbc.queryForList("SELECT recipient_id FROM pkl_event WHERE is_too_fast_after_send = 1",
                String.class)).as("R0's clicks, 0.5-0.9 s after the send").containsExactly("R0", "R0", "R0");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event WHERE file_id = ? AND is_clean = 1",
                Integer.class, fileB)).as("another file's rows between A's ids are not A's to flag").isEqualTo(15);
        assertThat(updated).isEqualTo(4 * recipients + 3);
        assertThat(new EventFlagRulesDao(dataSource).applyToFile(fileA, thresholds, T0)).as("idempotent").isZero();
    }

    /**
     * The import decides the database rules in memory, block by block, from a file's events and the clicks stored
     * near them (EventFlagRulesDao.applyToFile); the set-based statements flags recompute runs are the reference. On
     * generated traffic dense enough for every rule and every edge (times on the half second, so clicks fall exactly
     * on the window's ends; bursts across two files whose rows interleave; flags set by an earlier file; null links
     * and addresses), both must set the same flags on the same rows and report the same count.
     */
    @Test
    void databaseFlagRulesDecidedInMemoryEqualTheSetBasedStatements() {
        EventFlagRulesDao.Thresholds thresholds = new EventFlagRulesDao.Thresholds(Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(2), 3);
        for (long seed = 1; seed <= 6; seed++) {
            emptyOurTables();
            java.util.Random random = new java.util.Random(seed);
            CampaignDao campaigns = new CampaignDao(dataSource);
            SendDao sends = new SendDao(dataSource);
            for (String c : List.of("C1", "C2")) {
                campaigns.register(Campaign.draft(c, "Campaign " + c, "Deals", "2026-11-25_" + c));
                for (int r = 0; r < 12; r += 2) {
                    sends.upsert(List.of(Send.sent(c, "R" + r, "r" + r + "@example.com", "A",
                            T0.plusMillis(500L * random.nextInt(20)))));
                }
            }
            ImportFileDao files = new ImportFileDao(dataSource);
            long fileA = files.start("proklik-n1-20261125T090000000Z-00000" + seed + ".csv", "n1", "ab".repeat(32),
                    1L, T0);
            long fileB = files.start("proklik-n2-20261125T090000000Z-00000" + seed + ".csv", "n2", "cd".repeat(32),
                    1L, T0);
            RawEventDao events = new RawEventDao(dataSource);
            for (int batch = 0; batch < 12; batch++) {
                for (long file : List.of(fileA, fileB)) {
                    List<RawEvent> rows = new ArrayList<>();
                    for (int i = 0; i < 12; i++) {
                        String type = random.nextInt(3) == 0 ? "open" : "click";
                        String link = type.equals("open") || random.nextInt(12) == 0 ? null
                                : "L" + random.nextInt(4);
                        String ip = random.nextInt(10) == 0 ? null : "192.0.2." + random.nextInt(2);
                        String campaign = random.nextInt(8) == 0 ? "C2" : "C1";
                        RawEvent e = event(type, "R" + random.nextInt(12), link,
                                T0.plusMillis(500L * random.nextInt(40)), ip);
                        rows.add(new RawEvent(new UUID(seed, random.nextLong()).toString(), e.time(), e.type(),
                                e.method(), campaign, e.recipient(), e.link(), e.variant(), e.target(), e.keyId(),
                                e.reason(), e.clientIp(), e.userAgent(), e.node(), e.requestPath(), e.fileSeq(),
                                e.flags()));
                    }
                    events.insertBatch(file, rows);
                }
            }
            Instant now = T0.plusSeconds(3_600);
            List<Map<String, Object>> before = flagsOf();

            EventFlagRulesDao statements = new EventFlagRulesDao(dataSource);
            int byStatements = statements.applyToFileByStatements(fileB, thresholds, now)
                    + statements.applyToFileByStatements(fileA, thresholds, now);
            List<Map<String, Object>> expected = flagsOf();
            before.forEach(row -> jdbc.update("UPDATE pkl_event SET is_too_fast_after_send = ?,"
                    + " is_security_scanner = ?, burst_rule = ?, flagged_at = ? WHERE id = ?",
                    row.get("is_too_fast_after_send"), row.get("is_security_scanner"), row.get("burst_rule"),
                    row.get("flagged_at"), row.get("id")));
            assertThat(flagsOf()).as("restored").isEqualTo(before);

            EventFlagRulesDao inMemory = new EventFlagRulesDao(dataSource, 7); // blocks of 7 ids: many block edges
            int decided = inMemory.applyToFile(fileB, thresholds, now) + inMemory.applyToFile(fileA, thresholds, now);

            assertThat(flagsOf()).as("seed %d", seed).isEqualTo(expected);
            assertThat(decided).as("seed %d", seed).isEqualTo(byStatements);
            assertThat(expected).as("seed %d flags every rule", seed)
                    .anyMatch(r -> ((Number) r.get("is_too_fast_after_send")).intValue() == 1)
                    .anyMatch(r -> "click".equals(r.get("burst_rule")))
                    .anyMatch(r -> "open_before".equals(r.get("burst_rule")))
                    .anyMatch(r -> "open_after".equals(r.get("burst_rule")));
            assertThat(inMemory.applyToFile(fileA, thresholds, now)).as("idempotent").isZero();
        }
    }

    private List<Map<String, Object>> flagsOf() {
        return jdbc.queryForList("SELECT id, CAST(is_too_fast_after_send AS INT) AS is_too_fast_after_send,"
                + " CAST(is_security_scanner AS INT) AS is_security_scanner, burst_rule, flagged_at"
                + " FROM pkl_event ORDER BY id");
    }

    private static RawEvent event(String type, String recipient, String link, Instant time, String ip) {
        return new RawEvent(UUID.randomUUID().toString(), time, type, "GET", "C1", recipient, link, "A",
                link == null ? null : "https://shop.example.com/", "k1", null, ip, "Mozilla/5.0 (X11)", "n1", null,
                null, EventFlags.NONE);
    }

    // ---------------------------------------------------------------- import files, quarantine, unsubscribes

    @Test
    void importFileAndQuarantineRoundTrip() {
        ImportFileDao files = new ImportFileDao(dataSource);
        QuarantineDao quarantine = new QuarantineDao(dataSource);
        String name = "proklik-n1-20261125T090000000Z-000007.csv";
        long id = files.start(name, "n1", "0f".repeat(32), 4096L, T0);
        files.addCounts(id, new FileCounts(10, 7, 1, 2));
        files.addCounts(id, new FileCounts(1, 1, 0, 0));
        assertThat(files.find(id)).get().extracting(ImportFile::counts).isEqualTo(new FileCounts(11, 8, 1, 2));

        String longLine = "x".repeat(5000);
        List<QuarantinedLine> bad = List.of(
                QuarantinedLine.of(id, 3, "CHECKSUM", "crc32c 1a2b3c4d expected 00000000", "3,0190...,click", T0),
                QuarantinedLine.of(id, 11, "TORN", null, longLine, T0));
        assertThat(quarantine.addAll(bad)).isEqualTo(2);
        assertThat(quarantine.addAll(bad)).isZero();
        assertThat(quarantine.byFile(id)).satisfiesExactly(
                q -> assertThat(q).isEqualTo(bad.get(0)),
                q -> {
                    assertThat(q.reason()).isEqualTo("TORN");
                    assertThat(q.rawLine()).hasSize(QuarantinedLine.MAX_RAW);
                    assertThat(q.rawTruncated()).isTrue();
                });

        files.finish(id, new FileCounts(11, 8, 1, 2), T0.plusSeconds(3));
        ImportFile done = files.findByName(name).orElseThrow();
        assertThat(done.status()).isEqualTo(ImportFile.Status.IMPORTED);
        assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(done.sha256()).isEqualTo("0f".repeat(32));
        assertThat(files.isImported(name)).isTrue();
        assertThatThrownBy(() -> files.start(name, "n1", "0f".repeat(32), 4096L, T0))
                .isInstanceOf(IllegalStateException.class);

        long failed = files.start("proklik-n2-20261125T090000000Z-000001.csv", "n2", "aa".repeat(32), 1L, T0);
        files.fail(failed, "disk gone", T0.plusSeconds(1));
        assertThat(files.find(failed)).get().extracting(ImportFile::status, ImportFile::errorText)
                .containsExactly(ImportFile.Status.FAILED, "disk gone");
        assertThat(files.start("proklik-n2-20261125T090000000Z-000001.csv", "n2", "aa".repeat(32), 1L, T0))
                .isEqualTo(failed);
        assertThat(files.find(failed)).get().extracting(ImportFile::status).isEqualTo(ImportFile.Status.RUNNING);
        assertThat(files.recent(10)).extracting(ImportFile::id).containsExactly(failed, id);
    }

    @Test
    void oneUnsubscribePerRecipientAndCampaignEarliestWins() {
        UnsubscribeDao unsubscribes = new UnsubscribeDao(dataSource);
        String later = UUID.randomUUID().toString();
        String earlier = UUID.randomUUID().toString();
        assertThat(unsubscribes.record("C1", "R1", T0.plusSeconds(60), later)).isTrue();
        assertThat(unsubscribes.record("C1", "R1", T0, earlier)).isFalse();
        assertThat(unsubscribes.record("C1", "R1", T0.plusSeconds(120), UUID.randomUUID().toString())).isFalse();
        assertThat(unsubscribes.record("C2", "R1", T0, null)).isTrue();
        assertThat(unsubscribes.byCampaign("C1")).singleElement()
                .isEqualTo(new UnsubscribeDao.Unsubscribe("C1", "R1", T0, earlier));
    }

    // ---------------------------------------------------------------- helpers

    protected static RawEvent click(String recipient, int millis) {
        return new RawEvent(UUID.randomUUID().toString(), T0.plusMillis(millis), "click", "GET", "C1", recipient,
                "hero", "A", "https://shop.example.com/?utm_source=email", "k1", null, "192.0.2.0",
                "Mozilla/5.0 (Žluťoučký kůň)", "n1", null, (long) millis + 1, EventFlags.NONE);
    }

    protected List<String> columnsOf(String tableOrView) {
        List<String> names = jdbc.queryForList(
                "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE LOWER(TABLE_NAME) = ?", String.class,
                tableOrView.toLowerCase(Locale.ROOT));
        List<String> lower = new ArrayList<>();
        names.forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
        return lower;
    }
}
