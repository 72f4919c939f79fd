package cz.proklik.mailer.send;

import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignStatus;
import cz.proklik.erp.campaign.CampaignVariant;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.mailing.ErpContactDao;
import cz.proklik.erp.mailing.TemplateDao;
import cz.proklik.erp.mailing.card.CampaignCard;
import cz.proklik.erp.mailing.card.CampaignCardDao;
import cz.proklik.erp.mailing.delivery.DeliveryDao;
import cz.proklik.erp.mailing.delivery.SendControlDao;
import cz.proklik.erp.mailing.list.ListDao;
import cz.proklik.erp.mailing.list.MailList;
import cz.proklik.erp.mailing.suppression.StoredSuppressions;
import cz.proklik.erp.report.CampaignReportDao;
import cz.proklik.erp.standin.StandinDataGenerator;
import cz.proklik.mailer.campaign.CampaignComposer;
import cz.proklik.mailer.lists.CriteriaParser;
import cz.proklik.mailer.lists.ListEvaluator;
import cz.proklik.mailer.lists.ListRecipient;
import cz.proklik.mailer.render.Fixtures;
import cz.proklik.tracking.autologin.AutologinCodec;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.verp.VerpAddress;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A real H2 file database with generated ERP contacts, the spring template, a list of everyone with consent and a
 * campaign card with an A/B split: what a campaign send needs, built the way the CLI builds it.
 */
final class SendFixture implements AutoCloseable {
    static final String CAMPAIGN = "C2026-SEND";

    final Database db;
    final CampaignComposer composer;
    final DeliveryDao deliveries;
    final SendControlDao controls;
    final List<ListRecipient> recipients;
    final VerpAddress verp = new VerpAddress(Fixtures.KEYS);
    /** Rows committed "handing over" before each hand-off, as on SQL Server; false: the journal claims them (H2). */
    boolean claimInDatabase;
    private final Path dir;

    SendFixture(Path dir, int contacts, String linkBaseUrl) {
        this.dir = dir;
        db = Database.embedded(dir);
        claimInDatabase = !db.ownedByThisProcess();
        SchemaMigrator.of(db).migrate();
        new StandinDataGenerator(db.dataSource()).generate(contacts, 7, Instant.parse("2026-11-30T00:00:00Z"));
        new TemplateDao(db.dataSource()).save(Fixtures.spring());
        ListDao lists = new ListDao(db.dataSource());
        MailList all = new MailList("all", "Všichni", MailList.Kind.CRITERIA, null, Instant.EPOCH,
                List.of(CriteriaParser.parse("order_count>=0")));
        lists.save(all, List.of());
        CampaignDao campaigns = new CampaignDao(db.dataSource());
        campaigns.register(new Campaign(CAMPAIGN, "Zimní rozesílka", null, "2026-12-02_zimni_rozesilka", "newsletter",
                null, null, 5, CampaignStatus.TESTED));
        campaigns.saveVariant(new CampaignVariant(CAMPAIGN, "A", null, new BigDecimal("50")));
        campaigns.saveVariant(new CampaignVariant(CAMPAIGN, "B", null, new BigDecimal("50")));
        CampaignCard card = new CampaignCard(CAMPAIGN, 1, LocalDate.of(2026, 12, 2), "all", "spring-2026", null, true,
                BigDecimal.TEN, List.of("G-P1", "G-P2"), Map.of(), Instant.EPOCH);
        new CampaignCardDao(db.dataSource()).save(card);
        composer = new CampaignComposer(campaigns.find(CAMPAIGN).orElseThrow(), card, campaigns.variants(CAMPAIGN),
                Map.of("spring-2026", new TemplateDao(db.dataSource()).find("spring-2026").orElseThrow()),
                new ErpContactDao(db.dataSource()).products(card.productIds()),
                new CampaignComposer.Signing(linkBaseUrl, new LinkCodec(Fixtures.KEYS),
                        new AutologinCodec(Fixtures.LOGIN_KEYS), Duration.ofDays(14),
                        "https://shop.example.com/newsletter/{campaign}", Clock.systemUTC()));
        deliveries = new DeliveryDao(db.dataSource(), Clock.systemUTC());
        controls = new SendControlDao(db.dataSource(), Clock.systemUTC());
        recipients = new ListEvaluator(lists, List.of(new StoredSuppressions(db.dataSource()))).evaluate(all)
                .recipients();
    }

    /** The recipients that get mail (not in the 10 % holdout). */
    List<ListRecipient> mailed() {
        return recipients.stream().filter(r -> composer.assignment().variantOf(r.contactId()).isPresent()).toList();
    }

    static SmtpSettings smtp(int port, int connections) {
        return new SmtpSettings("127.0.0.1", port, SmtpSettings.Security.NONE, null, null, connections,
                Duration.ofSeconds(5), Duration.ofSeconds(10), null, null);
    }

    static SendSettings settings(int maxInDoubt) {
        return new SendSettings("mail.shop.example.com", "bounces", "shop.example.com", "unsubscribe@shop.example.com",
                Duration.ofSeconds(30), Duration.ofMillis(200), maxInDoubt, null);
    }

    CampaignSender sender(SmtpSettings smtp, SendSettings settings, Pacing pacing, Consumer<String> notes) {
        // The journals in the test's folder, as the CLI keeps them in the home folder, not in a temporary one.
        SendSettings journalled = settings.journalDir() == null ? settings.withJournalDir(dir.resolve("send-journal"))
                : settings;
        return new CampaignSender(new CampaignSender.Parts(deliveries, controls, new CampaignDao(db.dataSource()),
                new ErpContactDao(db.dataSource()), composer, verp, db::flushCommits, claimInDatabase,
                new CampaignReportDao(db.dataSource())::variants), smtp, journalled, pacing, Clock.systemUTC(), notes);
    }

    @Override
    public void close() {
        db.close();
    }
}
