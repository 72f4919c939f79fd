package cz.proklik.mailer.lists;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.mailing.list.ListDao;
import cz.proklik.erp.mailing.list.MailList;
import cz.proklik.erp.mailing.suppression.BounceSuppressions;
import cz.proklik.erp.mailing.suppression.StoredSuppressions;
import cz.proklik.erp.mailing.suppression.Suppression;
import cz.proklik.erp.mailing.suppression.SuppressionReason;
import cz.proklik.erp.mailing.suppression.SuppressionSource;
import cz.proklik.erp.privacy.RecipientErasure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lists against the stand-in ERP of a real H2 file database (seed: R1001-R1005, orders O-5001..O-5004). */
class ListEvaluationTest {
    @TempDir
    Path home;
    private Database db;
    private JdbcTemplate jdbc;
    private ListDao lists;
    private ListEvaluator evaluator;

    @BeforeEach
    void open() {
        db = Database.embedded(home);
        SchemaMigrator.of(db).migrate();
        jdbc = new JdbcTemplate(db.dataSource());
        lists = new ListDao(db.dataSource());
        evaluator = new ListEvaluator(lists, List.of(new StoredSuppressions(db.dataSource())));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static MailList criteria(String... criteria) {
        return new MailList("L1", "test", MailList.Kind.CRITERIA, null, Instant.EPOCH,
                Arrays.stream(criteria).map(CriteriaParser::parse).toList());
    }

    private List<String> recipients(String... criteria) {
        return evaluator.evaluate(criteria(criteria)).recipients().stream().map(ListRecipient::contactId).toList();
    }

    @Test
    void criteriaSelectContactsFromTheErpOrderHistory() {
        assertThat(recipients("order_count>=1")).containsExactly("R1001", "R1002", "R1003");
        assertThat(recipients("avg_receipt>=1000")).containsExactly("R1002");
        assertThat(recipients("order_sum<100")).containsExactly("R1003", "R1005"); // R1004: no consent
        assertThat(recipients("last_order>=2026-11-21")).containsExactly("R1002", "R1003");
        assertThat(recipients("product=P2")).containsExactly("R1001", "R1003");
        assertThat(recipients("product_group=machines")).containsExactly("R1002");
        assertThat(recipients("region=Praha", "language=cs")).containsExactly("R1001");
        assertThat(recipients("country!=CZ")).containsExactly("R1003", "R1005");
        assertThat(recipients("product_group!=coffee", "order_count>=1")).containsExactly("R1002", "R1003");
        // Seed 001's web shop: O-5001 and O-5002 were bought in the default shop, O-5003 in eshop-sk.
        assertThat(recipients("shop=default")).containsExactly("R1001", "R1002");
        assertThat(recipients("shop=eshop-sk")).containsExactly("R1003");
        assertThat(recipients("shop!=eshop-sk")).containsExactly("R1001", "R1002", "R1005");
    }

    @Test
    void criteriaAreEvaluatedAgainWhenTheErpDataChanges() {
        MailList list = criteria("product=P1");
        assertThat(evaluator.evaluate(list).recipients()).extracting(ListRecipient::contactId).containsExactly("R1001");
        jdbc.update("""
                INSERT INTO pkl_standin_order (order_id, contact_id, ordered_at, currency, gross_amount, net_amount)
                VALUES ('O-9001', 'R1005', '2026-11-30 10:00:00', 'CZK', 918, 918)""");
        jdbc.update("""
                INSERT INTO pkl_standin_order_line (order_id, line_no, product_id, quantity, gross_amount, net_amount)
                VALUES ('O-9001', 1, 'P1', 2, 918, 918), ('O-9001', 2, 'P1', 1, 459, 459)""");
        // Two matching lines, two matching orders of R1001 later: still one mail per person.
        jdbc.update("""
                INSERT INTO pkl_standin_order (order_id, contact_id, ordered_at, currency, gross_amount, net_amount)
                VALUES ('O-9002', 'R1001', '2026-11-30 11:00:00', 'CZK', 459, 459)""");
        jdbc.update("""
                INSERT INTO pkl_standin_order_line (order_id, line_no, product_id, quantity, gross_amount, net_amount)
                VALUES ('O-9002', 1, 'P1', 1, 459, 459)""");
        assertThat(evaluator.evaluate(list).recipients()).extracting(ListRecipient::contactId)
                .containsExactly("R1001", "R1005");
    }

    @Test
    void unsubscribedBouncedComplainedAndNoConsentContactsAreExcludedWithTheirReason() {
        jdbc.update("INSERT INTO pkl_unsubscribe (campaign_id, recipient_id, unsubscribed_at) VALUES ('C0', 'R1002', '2026-11-02 10:00:00')");
        jdbc.update("INSERT INTO pkl_campaign (campaign_id, name, utm_campaign, created_at) VALUES ('C0', 'c', '2026-11-01_c', '2026-11-01 00:00:00')");
        jdbc.update("""
                INSERT INTO pkl_send (campaign_id, recipient_id, email, status, bounce_kind, bounced_at, updated_at)
                VALUES ('C0', 'R1003', 'martina.horvathova@example.sk', 'bounced', 'hard', '2026-11-01 10:00:00',
                        '2026-11-01 10:00:00')""");
        SuppressionSource complaints = recipients -> recipients.stream()
                .filter(r -> "anna.kowalska@example.pl".equals(r.email()))
                .map(r -> new Suppression(r.contactId(), SuppressionReason.COMPLAINED, "feedback loop", null)).toList();
        ListEvaluation all = new ListEvaluator(lists, List.of(new StoredSuppressions(db.dataSource()), complaints))
                .evaluate(criteria("country!=XX"));
        assertThat(all.recipients()).extracting(ListRecipient::contactId).containsExactly("R1001");
        assertThat(all.excluded()).extracting(e -> e.contactId() + ":" + e.reasons().get(0).reason().code())
                .containsExactly("R1002:unsubscribed", "R1003:hard_bounced", "R1004:no_consent", "R1005:complained");
    }

    @Test
    void theBouncesModulesSuppressionListPlugsIn() {
        jdbc.update("""
                INSERT INTO pkl_suppression (email, purpose, reason, suppressed_at) VALUES
                ('petr.svoboda@example.com', 'all', 'no_such_user', '2026-11-20 10:00:00'),
                ('martina.horvathova@example.sk', 'marketing', 'complaint', '2026-11-21 10:00:00')""");
        ListEvaluation e = new ListEvaluator(lists, List.of(new StoredSuppressions(db.dataSource()),
                new BounceSuppressions(db.dataSource())))
                .evaluate(criteria("order_count>=1"));
        assertThat(e.recipients()).extracting(ListRecipient::contactId).containsExactly("R1001");
        assertThat(e.excluded()).extracting(x -> x.contactId() + ":" + x.reasons().get(0).reason().code()
                + ":" + x.reasons().get(0).detail()).containsExactly("R1002:hard_bounced:pkl_suppression: no_such_user",
                "R1003:complained:pkl_suppression: complaint");
    }

    @Test
    void oneAddressGetsOneMailAndBadAddressesAreExcluded() {
        jdbc.update("UPDATE pkl_standin_contact SET email = 'JANA.novakova@example.com' WHERE contact_id = 'R1002'");
        jdbc.update("UPDATE pkl_standin_contact SET email = 'not-an-address' WHERE contact_id = 'R1003'");
        jdbc.update("UPDATE pkl_standin_contact SET email = NULL WHERE contact_id = 'R1005'");
        ListEvaluation e = evaluator.evaluate(criteria("country!=XX"));
        assertThat(e.recipients()).extracting(ListRecipient::contactId).containsExactly("R1001");
        assertThat(e.excluded()).extracting(x -> x.contactId() + ":" + x.reasons().get(0).reason().code())
                .containsExactly("R1002:duplicate_address", "R1003:bad_address", "R1004:no_consent", "R1005:no_address");
    }

    @Test
    void reactionListsComeFromTheAggregates() {
        jdbc.update("""
                INSERT INTO pkl_agg_recipient (campaign_id, recipient_id, opens_raw, opens_clean, clicks_raw, clicks_clean)
                VALUES ('C1', 'R1001', 2, 1, 1, 1), ('C1', 'R1002', 1, 1, 0, 0), ('C1', 'R1003', 3, 0, 0, 0)""");
        jdbc.update("""
                INSERT INTO pkl_agg_recipient_link (campaign_id, recipient_id, link_id, clicks_raw, clicks_clean)
                VALUES ('C1', 'R1001', 'hero', 1, 1), ('C1', 'R1003', 'hero', 2, 0)""");
        assertThat(recipients("clicked=C1/hero")).containsExactly("R1001");
        assertThat(recipients("clicked=C1")).containsExactly("R1001");
        assertThat(recipients("clicked=C1/footer")).isEmpty();
        // R1003's opens were all flagged (e.g. Apple MPP): not a clean open.
        assertThat(recipients("opened_not_clicked=C1")).containsExactly("R1002");
    }

    @Test
    void aListIsSavedAndReadBackWithItsCriteria() {
        MailList list = criteria("order_count>=2", "region=Praha");
        lists.save(list, List.of());
        assertThat(lists.find("L1")).contains(list);
        assertThat(lists.all()).hasSize(1);
    }

    @Test
    void badCriteriaAreRefusedBeforeAnySql() {
        assertThatThrownBy(() -> CriteriaParser.parse("order_count>=two")).hasMessageContaining("not a integer");
        assertThatThrownBy(() -> CriteriaParser.parse("region>=Praha")).hasMessageContaining("allows only");
        assertThatThrownBy(() -> CriteriaParser.parse("email=x")).hasMessageContaining("unknown criterion field");
        assertThatThrownBy(() -> CriteriaParser.parse("last_order>=yesterday")).hasMessageContaining("yyyy-mm-dd");
        // Text values are bound parameters: SQL in a value is just a region nobody lives in.
        assertThat(recipients("region=Praha' OR '1'='1")).isEmpty();
    }

    @Test
    void anImportedCsvListReportsEveryBadLineAndKeepsTheGoodOnes() throws Exception {
        String csv = """
                email;contact_id
                jana.novakova@example.com;
                ;R1002
                not an address;
                nobody@example.com;
                ;R9999
                JANA.NOVAKOVA@example.com;
                ;R1002
                "broken;R1003
                """;
        CsvListImport.Result r = new CsvListImport(lists).read(new StringReader(csv));
        assertThat(r.members()).extracting(c -> c.contactId() + "@" + c.lineNo()).containsExactly("R1001@2", "R1002@3");
        assertThat(r.problems()).extracting(p -> p.lineNo() + ":" + p.reason()).contains(
                "4:bad_address", "5:unknown_contact", "6:unknown_contact", "7:duplicate", "8:duplicate", "9:not_csv");
        lists.save(new MailList("L2", "imported", MailList.Kind.IMPORTED, "x.csv", Instant.EPOCH, List.of()), r.members());
        // Not re-synced: a new ERP contact with the same criteria never joins; consent still comes from the ERP.
        jdbc.update("UPDATE pkl_standin_contact SET email_consent = 0 WHERE contact_id = 'R1002'");
        ListEvaluation e = evaluator.evaluate(lists.find("L2").orElseThrow());
        assertThat(e.recipients()).extracting(ListRecipient::contactId).containsExactly("R1001");
        assertThat(e.excluded()).extracting(Exclusion::contactId).containsExactly("R1002");
        // The right to erasure reaches imported lists too.
        assertThat(new RecipientErasure(db.dataSource()).forget("R1001"))
                .containsEntry("pkl_mail_list_member", 1);
        assertThat(lists.members("L2")).extracting(c -> c.contactId()).containsExactly("R1002");
    }
}
