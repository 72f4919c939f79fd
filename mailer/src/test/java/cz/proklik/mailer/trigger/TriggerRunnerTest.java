package cz.proklik.mailer.trigger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignStatus;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.mailing.ErpContactDao;
import cz.proklik.erp.mailing.TemplateDao;
import cz.proklik.erp.mailing.delivery.DeliveryDao;
import cz.proklik.erp.mailing.delivery.DeliveryState;
import cz.proklik.erp.mailing.delivery.SendControlDao;
import cz.proklik.erp.mailing.list.ListDao;
import cz.proklik.erp.mailing.suppression.StoredSuppressions;
import cz.proklik.erp.report.CampaignReportDao;
import cz.proklik.erp.trigger.Trigger;
import cz.proklik.erp.trigger.TriggerDao;
import cz.proklik.erp.trigger.TriggerKind;
import cz.proklik.erp.unsubscribe.UnsubscribeDao;
import cz.proklik.mailer.campaign.CampaignComposer;
import cz.proklik.mailer.lists.ListEvaluator;
import cz.proklik.mailer.render.Fixtures;
import cz.proklik.mailer.send.CampaignSender;
import cz.proklik.mailer.send.Pacing;
import cz.proklik.mailer.send.SendSettings;
import cz.proklik.mailer.send.SmtpSettings;
import cz.proklik.mailer.send.pacing.AbTestSettings;
import cz.proklik.mailer.send.pacing.AutoPauseSettings;
import cz.proklik.mailer.send.pacing.DomainGroups;
import cz.proklik.mailer.send.pacing.PacerSettings;
import cz.proklik.mailer.send.pacing.PacingSettings;
import cz.proklik.mailer.send.pacing.RetrySettings;
import cz.proklik.mailer.template.TemplateFiles;
import cz.proklik.tracking.autologin.AutologinCodec;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.LinkKind;
import cz.proklik.tracking.link.LinkVerification;
import cz.proklik.tracking.link.TrackingLink;
import cz.proklik.tracking.verp.VerpAddress;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every trigger kind over the stand-in ERP on a real H2 file database, mailed through a real SMTP server (GreenMail):
 * it fires for the right contacts only, once per occurrence (a second run sends nothing), again for a new occurrence
 * (the next birthday, a second cart), never to a suppressed contact, whose occurrence shows why; each mail shows its
 * own occurrence's products, goes out only in the sending window, within the daily cap per contact, and is counted
 * per occurrence by the trigger evaluation views.
 */
class TriggerRunnerTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Prague");
    private static final String BASE = "https://t.shop.example.com";

    @TempDir
    Path dir;

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private Database db;
    private JdbcTemplate sql;
    private Instant now;

    @BeforeEach
    void start() throws Exception {
        smtp.start();
        db = Database.embedded(dir.resolve("db"));
        SchemaMigrator.of(db).migrate();
        sql = new JdbcTemplate(db.dataSource());
        new TemplateDao(db.dataSource()).save(TemplateFiles.read(Fixtures.templateDir("trigger"), Clock.systemUTC()));
        now = Instant.now();
    }

    @AfterEach
    void stop() {
        db.close();
        smtp.stop();
    }

    @Test
    void eachKindMailsTheRightContactsOnceAndSuppressedOnesShowWhy() throws Exception {
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        contact("A1", today.withYear(1990), true);
        contact("A2", today.withYear(1991), true);
        contact("A3", today.withYear(1992), false);
        contact("A4", today.plusDays(1).withYear(1993), true);
        new UnsubscribeDao(db.dataSource()).record("OLD-NEWSLETTER", "A2", now.minus(Duration.ofDays(30)), null);
        for (String c : List.of("B1", "B2", "B3", "B4", "C1", "C2", "C3", "D1", "D2", "D3", "E1", "E2", "E3")) {
            contact(c, null, true);
        }
        registration("B1", ago(Duration.ofDays(10)));
        registration("B2", ago(Duration.ofDays(10)));
        order("O-B2", "B2", ago(Duration.ofDays(8)), "300");
        registration("B3", ago(Duration.ofDays(3)));
        registration("B4", ago(Duration.ofDays(400)));
        cart("K-C1", "C1", ago(Duration.ofHours(5)), null);
        cart("K-C2", "C2", ago(Duration.ofHours(5)), null);
        order("O-C2", "C2", ago(Duration.ofHours(4)), "450");
        cart("K-C3", "C3", ago(Duration.ofMinutes(30)), null);
        sql.update("INSERT INTO pkl_standin_stock VALUES ('P-IN', 3), ('P-OUT', 0)");
        product("P-IN", "SKU-IN", "Mlýnek", "890");
        preorder("V-D1", "D1", "P-IN", true);
        preorder("V-D2", "D2", "P-OUT", true);
        preorder("V-D3", "D3", "P-IN", false);
        order("O-E1", "E1", ago(Duration.ofDays(1)), "5000");
        order("O-E2", "E2", ago(Duration.ofDays(1)), "500");
        order("O-E3", "E3", ago(Duration.ofDays(6)), "5000");

        Instant activeFrom = ago(Duration.ofDays(5));
        Trigger birthday = add("birthday", TriggerKind.BIRTHDAY, null, null, null, activeFrom);
        Trigger welcome = add("welcome", TriggerKind.NO_PURCHASE, 7, null, null, activeFrom);
        Trigger cart = add("cart", TriggerKind.ABANDONED_CART, null, 2, null, activeFrom);
        Trigger stock = add("stock", TriggerKind.BACK_IN_STOCK, null, null, null, activeFrom);
        Trigger big = add("big", TriggerKind.ORDER_OVER, null, null, new BigDecimal("2000"), activeFrom);

        Map<String, TriggerRunner.Outcome> first = runAll(Clock.systemUTC());

        assertThat(mailedTo()).containsExactlyInAnyOrder("a1@example.com", "b1@example.com", "c1@example.com",
                "d1@example.com", "e1@example.com");
        assertThat(first.get("birthday").found()).isEqualTo(3);
        assertThat(first.get("birthday").queued()).isEqualTo(1);
        assertThat(first.get("birthday").suppressed()).containsOnly(Map.entry("no_consent", 1),
                Map.entry("unsubscribed", 1));
        Map<String, TriggerDao.Recorded> byContact = new HashMap<>();
        triggers(Clock.systemUTC()).occurrences("birthday", 10).forEach(r -> byContact.put(r.contactId(), r));
        assertThat(byContact.get("A1").state()).isEqualTo(DeliveryState.ACCEPTED);
        assertThat(byContact.get("A1").key()).isEqualTo(String.valueOf(today.getYear()));
        assertThat(byContact.get("A2").state()).isEqualTo(DeliveryState.SKIPPED);
        assertThat(byContact.get("A2").outcome()).startsWith("not mailed: unsubscribed");
        assertThat(byContact.get("A3").outcome()).isEqualTo("not mailed: no_consent (pkl_erp_contact.email_consent)");
        assertThat(triggers(Clock.systemUTC()).occurrences("cart", 10)).singleElement()
                .satisfies(r -> assertThat(r.detail()).startsWith("cart K-C1 (2 items) left since"));

        // Each mail's links are tracked for the trigger's campaign and the contact, with utm_medium=trigger.
        for (MimeMessage m : smtp.getReceivedMessages()) {
            String html = html(m);
            Matcher link = Pattern.compile(Pattern.quote(BASE) + "/c/([A-Za-z0-9._~-]+)").matcher(html);
            assertThat(link.find()).as(html).isTrue();
            LinkVerification.Valid valid = (LinkVerification.Valid) new LinkCodec(Fixtures.KEYS)
                    .verify(LinkKind.CLICK, link.group(1));
            String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
            assertThat(valid.link().recipient()).isEqualTo(to.substring(0, 2).toUpperCase());
            assertThat(valid.link().target()).startsWith("https://shop.example.com/kosik?utm_source=email"
                    + "&utm_medium=trigger&utm_campaign=");
        }
        // The evaluation views count each trigger as a campaign of its own.
        CampaignReportDao report = new CampaignReportDao(db.dataSource());
        for (String t : List.of("birthday", "welcome", "cart", "stock", "big")) {
            assertThat(report.campaign(t).orElseThrow().kpis().sent()).as(t).isEqualTo(1);
        }

        // A second run finds nothing new and sends nothing.
        Map<String, TriggerRunner.Outcome> second = runAll(Clock.systemUTC());
        assertThat(second.values()).allSatisfy(o -> assertThat(o.found()).isZero());
        assertThat(smtp.getReceivedMessages()).hasSize(5);

        // A second abandoned cart is a new occurrence: mailed again; the first is not.
        cart("K-C1-2", "C1", ago(Duration.ofHours(3)), null);
        TriggerRunner.Outcome again = runner(Clock.systemUTC()).run(cart, this::sender);
        assertThat(again.queued()).isEqualTo(1);
        assertThat(mailedTo()).filteredOn("c1@example.com"::equals).hasSize(2);

        // Next year's birthday is a new occurrence too; the unsubscribed and the one without consent stay out.
        LocalDate nextYear = today.plusYears(1);
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(nextYear.toEpochDay() - today.toEpochDay()));
        TriggerRunner.Outcome nextBirthday = runner(later).run(birthday, this::sender);
        assertThat(nextBirthday.queued()).isEqualTo(1);
        assertThat(mailedTo()).filteredOn("a1@example.com"::equals).hasSize(2);
        assertThat(smtp.getReceivedMessages()).hasSize(7);
        assertThat(triggers(later).occurrences("birthday", 10)).extracting(TriggerDao.Recorded::key)
                .contains(String.valueOf(nextYear.getYear()));
        // No other trigger mailed anyone new meanwhile.
        assertThat(List.of(welcome, stock, big)).allSatisfy(t -> assertThat(triggers(Clock.systemUTC())
                .counts(t.id()).get(DeliveryState.ACCEPTED)).isEqualTo(1));
    }

    @Test
    void theMailShowsExactlyItsOccurrencesProductsEscapedEachWithATrackedLink() throws Exception {
        contact("C1", null, true);
        contact("D1", null, true);
        product("P-A", "SKU-A", "Káva <b>\"Etiopie\"</b> & spol", "249");
        product("P-B", "SKU-B", "Filtry", "89.9");
        product("P-C", "SKU-C", "Hrnek", "150");
        product("P-D", "SKU-D", "Konvice", "1290");
        cart("K-1", "C1", ago(Duration.ofHours(5)), null);
        cartItem("K-1", 1, "P-A", "2", "199.5");
        cartItem("K-1", 2, "P-B", "1", null);
        cart("K-2", "C1", ago(Duration.ofHours(4)), null);
        cartItem("K-2", 1, "P-C", "3", null);
        sql.update("INSERT INTO pkl_standin_stock VALUES ('P-D', 5)");
        preorder("V-D1", "D1", "P-D", true);
        Trigger cart = add("cart", TriggerKind.ABANDONED_CART, null, 2, null, ago(Duration.ofDays(1)));
        Trigger stock = add("stock", TriggerKind.BACK_IN_STOCK, null, null, null, ago(Duration.ofDays(1)));

        runner(Clock.systemUTC()).run(cart, this::sender);
        runner(Clock.systemUTC()).run(stock, this::sender);

        // Each mail shows its own occurrence's products, nothing of the contact's other cart.
        Map<String, List<Shown>> byCart = new HashMap<>();
        List<Shown> stockMail = null;
        assertThat(smtp.getReceivedMessages()).hasSize(3);
        for (MimeMessage m : smtp.getReceivedMessages()) {
            List<Shown> shown = shown(html(m));
            assertThat(shown).as(html(m)).isNotEmpty();
            if (html(m).contains("Konvice")) {
                stockMail = shown;
            } else {
                byCart.put(html(m).contains("Hrnek") ? "K-2" : "K-1", shown);
            }
        }
        assertThat(byCart.get("K-1")).extracting(Shown::text).containsExactly(
                "Káva &lt;b&gt;&quot;Etiopie&quot;&lt;/b&gt; &amp; spol, 2 ks, 199,50 Kč", "Filtry, 1 ks, 89,90 Kč");
        assertThat(byCart.get("K-2")).extracting(Shown::text).containsExactly("Hrnek, 3 ks, 150,00 Kč");
        assertThat(stockMail).extracting(Shown::text).containsExactly("Konvice, 1\u00a0290,00 Kč");
        // A tracked link each: signed for the contact, the product's page with its SKU as utm_term.
        LinkCodec codec = new LinkCodec(Fixtures.KEYS);
        List<TrackingLink> k1 = byCart.get("K-1").stream().map(p -> verified(codec, p.token())).toList();
        assertThat(k1).extracting(TrackingLink::campaign).containsOnly("cart");
        assertThat(k1).extracting(TrackingLink::recipient).containsOnly("C1");
        assertThat(k1).extracting(TrackingLink::link).containsExactly("item-1", "item-2");
        assertThat(k1.get(0).target()).startsWith("https://shop.example.com/p/SKU-A?utm_source=email"
                + "&utm_medium=trigger").endsWith("&utm_content=item-1&utm_term=SKU-A");
        assertThat(k1.get(1).target()).startsWith("https://shop.example.com/p/SKU-B?").endsWith("utm_term=SKU-B");
        assertThat(verified(codec, stockMail.get(0).token()).target()).startsWith("https://shop.example.com/p/SKU-D?");
        assertThat(verified(codec, stockMail.get(0).token()).recipient()).isEqualTo("D1");
    }

    /** One product line of a mail: the signed token of its link, its text as the HTML has it. */
    private record Shown(String token, String text) {
    }

    private static List<Shown> shown(String html) {
        Matcher m = Pattern.compile("<p class=\"product\"><a href=\"" + Pattern.quote(BASE)
                + "/c/([A-Za-z0-9._~-]+)\" data-pkl-id=\"item\">(.*?)</a>(.*?)</p>").matcher(html);
        List<Shown> shown = new ArrayList<>();
        while (m.find()) {
            shown.add(new Shown(m.group(1), m.group(2) + m.group(3)));
        }
        return shown;
    }

    private static TrackingLink verified(LinkCodec codec, String token) {
        return ((LinkVerification.Valid) codec.verify(LinkKind.CLICK, token)).link();
    }

    @Test
    void foundOutsideTheSendingWindowTheMailWaitsAndTheFirstRunInsideSendsIt() throws Exception {
        contact("B1", null, true);
        registration("B1", ago(Duration.ofDays(10)));
        Trigger welcome = add("welcome", TriggerKind.NO_PURCHASE, 7, null, null, ago(Duration.ofDays(5)));
        // A window that opens in two hours and is one hour long, wherever now is in the day.
        LocalTime local = LocalTime.ofInstant(now, ZONE).withSecond(0).withNano(0);
        SendingWindow window = SendingWindow.of(local.plusHours(2), local.plusHours(3), ZONE);
        TriggerRunner.SendingRules rules = new TriggerRunner.SendingRules(window, 0);

        TriggerRunner.Outcome outside = runner(Clock.systemUTC(), rules).run(welcome, this::sender);

        assertThat(outside.queued()).isEqualTo(1);
        assertThat(outside.send()).isNull();
        assertThat(outside.waitsUntil()).isBetween(now.plus(Duration.ofMinutes(119)), now.plus(Duration.ofHours(2)));
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(triggers(Clock.systemUTC()).counts("welcome").get(DeliveryState.QUEUED)).isEqualTo(1);

        Clock inside = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(150));
        TriggerRunner.Outcome next = runner(inside, rules).run(welcome, this::sender);

        assertThat(next.found()).isZero();
        assertThat(next.waitsUntil()).isNull();
        assertThat(next.send()).isInstanceOf(CampaignSender.Result.Finished.class);
        assertThat(mailedTo()).containsExactly("b1@example.com");
    }

    @Test
    void aSendStillGoingWhenTheWindowClosesPausesAndTheRestWaitsForTheNextOpening() throws Exception {
        for (int i = 10; i < 22; i++) {
            contact("B" + i, null, true);
            registration("B" + i, ago(Duration.ofDays(10)));
        }
        Trigger welcome = add("welcome", TriggerKind.NO_PURCHASE, 7, null, null, ago(Duration.ofDays(5)));
        // Two mails a second: twelve need six seconds, and the window closes two seconds from now.
        Pacing slow = new Pacing(new PacingSettings(new PacerSettings(0, Duration.ZERO, 2, 0, DomainGroups.none()),
                new RetrySettings(1, Duration.ofSeconds(1), 1, Duration.ofSeconds(1)), AutoPauseSettings.off(),
                AbTestSettings.off()), Clock.systemUTC());
        LocalTime local = LocalTime.now(ZONE);
        SendingWindow closing = SendingWindow.of(local.minusHours(1), local.plusSeconds(2), ZONE);

        TriggerRunner.Outcome cut = runner(Clock.systemUTC(), new TriggerRunner.SendingRules(closing, 0))
                .run(welcome, t -> sender(t, slow));

        assertThat(cut.queued()).isEqualTo(12);
        assertThat(cut.send()).isInstanceOf(CampaignSender.Result.Paused.class);
        assertThat(((CampaignSender.Result.Paused) cut.send()).reason()).startsWith("the sending window");
        assertThat(cut.waitsUntil()).isAfter(now.plus(Duration.ofHours(22)));
        int sentBeforeTheClose = smtp.getReceivedMessages().length;
        assertThat(sentBeforeTheClose).isLessThan(12);
        assertThat(triggers(Clock.systemUTC()).counts("welcome").get(DeliveryState.QUEUED))
                .isEqualTo(12L - sentBeforeTheClose);

        TriggerRunner.Outcome rest = runner(Clock.systemUTC()).run(welcome, this::sender);

        assertThat(rest.send()).isInstanceOf(CampaignSender.Result.Finished.class);
        assertThat(mailedTo()).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void aContactGetsAtMostTheDailyCapOfTriggerMailsOverAllTriggersTheRestIsSkippedWithTheReason() throws Exception {
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        contact("C1", today.withYear(1990), true);
        contact("C2", null, true);
        cart("K-1", "C1", ago(Duration.ofHours(5)), null);
        cart("K-2", "C1", ago(Duration.ofHours(4)), null);
        cart("K-3", "C2", ago(Duration.ofHours(4)), null);
        Trigger cart = add("cart", TriggerKind.ABANDONED_CART, null, 2, null, ago(Duration.ofDays(1)));
        Trigger birthday = add("birthday", TriggerKind.BIRTHDAY, null, null, null, ago(Duration.ofDays(1)));
        TriggerRunner.SendingRules capTwo = new TriggerRunner.SendingRules(SendingWindow.ALWAYS, 2);

        TriggerRunner.Outcome carts = runner(Clock.systemUTC(), capTwo).run(cart, this::sender);
        TriggerRunner.Outcome birthdays = runner(Clock.systemUTC(), capTwo).run(birthday, this::sender);

        assertThat(carts.queued()).isEqualTo(3);
        assertThat(birthdays.found()).isEqualTo(1);
        assertThat(birthdays.queued()).isZero();
        assertThat(birthdays.suppressed()).containsOnly(Map.entry(TriggerRunner.DAILY_CAP, 1));
        assertThat(mailedTo()).containsExactlyInAnyOrder("c1@example.com", "c1@example.com", "c2@example.com");
        assertThat(triggers(Clock.systemUTC()).occurrences("birthday", 10)).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(DeliveryState.SKIPPED);
            assertThat(r.outcome()).isEqualTo("not mailed: daily_cap (2 trigger mails to this contact on " + today
                    + ", sent or waiting; proklik.triggers.daily-cap)");
        });

        // The next day the contact has a new allowance; the skipped birthday is not mailed late.
        Clock tomorrow = Clock.offset(Clock.systemUTC(), Duration.ofDays(1));
        cart("K-4", "C1", now.plus(Duration.ofHours(20)), null);
        TriggerRunner.Outcome nextDay = runner(tomorrow, capTwo).run(cart, this::sender);
        assertThat(nextDay.queued()).isEqualTo(1);
        assertThat(runner(tomorrow, capTwo).run(birthday, this::sender).found()).isZero();
        assertThat(mailedTo()).filteredOn("c1@example.com"::equals).hasSize(3);
    }

    @Test
    void theTriggerViewsCountEachMailWithItsOwnSendTimeAndItsReactionsUntilTheNext() throws Exception {
        contact("C1", null, true);
        cart("K-1", "C1", ago(Duration.ofHours(5)), null);
        Trigger cart = add("cart", TriggerKind.ABANDONED_CART, null, 2, null, ago(Duration.ofDays(1)));
        runner(Clock.systemUTC()).run(cart, this::sender);
        Thread.sleep(50);
        cart("K-2", "C1", ago(Duration.ofHours(3)), null);
        runner(Clock.systemUTC()).run(cart, this::sender);
        assertThat(mailedTo()).containsExactly("c1@example.com", "c1@example.com");
        Instant first = sentAt("K-1");
        Instant second = sentAt("K-2");
        assertThat(second).isAfter(first);
        // A clean click between the two mails belongs to the first; after the second, a clean and a bot's to it.
        event("click", first.plusMillis(Duration.between(first, second).toMillis() / 2), false);
        event("click", second.plusSeconds(60), false);
        event("click", second.plusSeconds(61), true);
        event("open", second.plusSeconds(30), false);
        sql.update("INSERT INTO pkl_standin_order (order_id, contact_id, ordered_at, currency, gross_amount,"
                + " net_amount) VALUES ('O-1', 'C1', ?, 'CZK', 500, 500)", ts(second.plusSeconds(600)));
        new AggregateMaintainer(db.dataSource()).rebuild(); // as "aggregates rebuild": the clicks folded, orders attributed

        Map<String, Object> k1 = sql.queryForMap("SELECT * FROM pkl_eval_trigger_mail WHERE occurrence_key = 'K-1'");
        Map<String, Object> k2 = sql.queryForMap("SELECT * FROM pkl_eval_trigger_mail WHERE occurrence_key = 'K-2'");
        assertThat(k1).containsEntry("MAIL_STATE", "accepted").containsEntry("CLICKS_RAW", 1)
                .containsEntry("CLICKS_CLEAN", 1).containsEntry("OPENS_CLEAN", 0).containsEntry("ORDERS", 0);
        assertThat(((Timestamp) k1.get("NEXT_SENT_AT")).toLocalDateTime()).isEqualTo(utc(second));
        assertThat(k2).containsEntry("CLICKS_RAW", 2).containsEntry("CLICKS_CLEAN", 1)
                .containsEntry("OPENS_CLEAN", 1).containsEntry("ORDERS", 1).containsEntry("NEXT_SENT_AT", null);
        assertThat((BigDecimal) k2.get("REVENUE_NET")).isEqualByComparingTo("500");

        Map<String, Object> perTrigger = sql.queryForMap("SELECT * FROM pkl_eval_trigger WHERE trigger_id = 'cart'");
        assertThat(perTrigger).containsEntry("OCCURRENCES", 2).containsEntry("MAILS_SENT", 2)
                .containsEntry("CONTACTS_MAILED", 1).containsEntry("MAILS_CLICKED_CLEAN", 2)
                .containsEntry("MAILS_OPENED_CLEAN", 1).containsEntry("ORDERS", 1);
        assertThat((BigDecimal) perTrigger.get("CLICK_RATE_CLEAN")).isEqualByComparingTo("1");
        assertThat((BigDecimal) perTrigger.get("REVENUE_PER_MAIL")).isEqualByComparingTo("250");
        // The campaign views count the contact once, as for every campaign.
        assertThat(new CampaignReportDao(db.dataSource()).campaign("cart").orElseThrow().kpis().sent()).isEqualTo(1);
    }

    private Instant sentAt(String key) {
        return sql.queryForObject("SELECT sent_at FROM pkl_eval_trigger_mail WHERE occurrence_key = ?",
                Timestamp.class, key).toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime utc(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private void event(String type, Instant at, boolean bot) {
        sql.update("INSERT INTO pkl_event (event_id, event_time, event_type, method, campaign_id, recipient_id, link_id,"
                + " node, imported_at, is_bot_ua) VALUES (?, ?, ?, 'GET', 'cart', 'C1', 'shop', 'n1', ?, ?)",
                UUID.randomUUID().toString(), ts(at), type, ts(at), bot);
    }

    @Test
    void aQueuedOccurrenceLeftByACrashIsSentByTheNextRunUnlessTheContactUnsubscribedMeanwhile() throws Exception {
        contact("B1", null, true);
        contact("B2", null, true);
        registration("B1", ago(Duration.ofDays(10)));
        registration("B2", ago(Duration.ofDays(10)));
        Trigger welcome = add("welcome", TriggerKind.NO_PURCHASE, 7, null, null, ago(Duration.ofDays(5)));
        // A run that recorded both occurrences and died before the send.
        TriggerDao dao = triggers(Clock.systemUTC());
        dao.newOccurrences(welcome, now, ZONE).forEach(o -> dao.record(welcome, o, null));
        new UnsubscribeDao(db.dataSource()).record("welcome", "B2", now, null);

        TriggerRunner.Outcome next = runner(Clock.systemUTC()).run(welcome, this::sender);

        assertThat(next.found()).isZero();
        assertThat(next.skippedBeforeSend()).isEqualTo(1);
        assertThat(mailedTo()).containsExactly("b1@example.com");
        assertThat(dao.occurrences("welcome", 10)).filteredOn(r -> r.contactId().equals("B2")).singleElement()
                .satisfies(r -> assertThat(r.outcome()).startsWith("not mailed: unsubscribed"));
        assertThat(new CampaignDao(db.dataSource()).find("welcome").orElseThrow().utmMedium()).isEqualTo("trigger");
    }

    private Map<String, TriggerRunner.Outcome> runAll(Clock clock) throws Exception {
        Map<String, TriggerRunner.Outcome> outcomes = new HashMap<>();
        for (Trigger t : triggers(clock).all(false)) {
            outcomes.put(t.id(), runner(clock).run(t, this::sender));
        }
        return outcomes;
    }

    private TriggerDao triggers(Clock clock) {
        return new TriggerDao(db.dataSource(), clock);
    }

    private TriggerRunner runner(Clock clock) {
        return runner(clock, TriggerRunner.SendingRules.NONE);
    }

    private TriggerRunner runner(Clock clock, TriggerRunner.SendingRules rules) {
        return new TriggerRunner(triggers(clock), new DeliveryDao(db.dataSource(), clock),
                new ListEvaluator(new ListDao(db.dataSource()), List.of(new StoredSuppressions(db.dataSource()))),
                clock, ZONE, rules);
    }

    private CampaignSender sender(Trigger t) {
        return sender(t, Pacing.unthrottled(1, Duration.ofSeconds(1), Clock.systemUTC()));
    }

    private CampaignSender sender(Trigger t, Pacing pacing) {
        Clock clock = Clock.systemUTC();
        CampaignDao campaigns = new CampaignDao(db.dataSource());
        CampaignComposer composer = new CampaignComposer(campaigns.find(t.campaignId()).orElseThrow(),
                TriggerRunner.card(t), List.of(), Map.of(t.templateId(),
                new TemplateDao(db.dataSource()).find(t.templateId()).orElseThrow()), Map.of(),
                new CampaignComposer.Signing(BASE, new LinkCodec(Fixtures.KEYS), new AutologinCodec(Fixtures.LOGIN_KEYS),
                        Duration.ofDays(14), null, clock)).withProductsOfDelivery(triggers(clock)::productsOfDelivery);
        return new CampaignSender(new CampaignSender.Parts(new DeliveryDao(db.dataSource(), clock),
                new SendControlDao(db.dataSource(), clock), campaigns, new ErpContactDao(db.dataSource()), composer,
                new VerpAddress(Fixtures.KEYS), db::flushCommits, !db.ownedByThisProcess(),
                new CampaignReportDao(db.dataSource())::variants),
                new SmtpSettings("127.0.0.1", smtp.getSmtp().getPort(), SmtpSettings.Security.NONE, null, null, 2,
                        Duration.ofSeconds(5), Duration.ofSeconds(10), null, null),
                new SendSettings("mail.shop.example.com", "bounces", "shop.example.com", null, Duration.ofSeconds(30),
                        Duration.ofMillis(200), 2, null).withJournalDir(dir.resolve("send-journal")),
                pacing, clock, line -> { });
    }

    private Trigger add(String id, TriggerKind kind, Integer days, Integer hours, BigDecimal amount,
                        Instant activeFrom) {
        Trigger t = new Trigger(id, kind, days, hours, amount, id, "notice", null, true, activeFrom, true, now, null);
        triggers(Clock.systemUTC()).add(t, new Campaign(id, "Trigger " + id, null, "2026-12-02_trigger_" + id,
                "trigger", activeFrom, null, 5, CampaignStatus.DRAFT));
        return t;
    }

    private List<String> mailedTo() throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            to.add(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress());
        }
        return to;
    }

    private static String html(MimeMessage m) throws Exception {
        Multipart parts = (Multipart) m.getContent();
        return (String) parts.getBodyPart(1).getContent();
    }

    private Instant ago(Duration d) {
        return now.minus(d);
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    private void contact(String id, LocalDate birthday, boolean consent) {
        sql.update("INSERT INTO pkl_standin_contact (contact_id, email, first_name, last_name, language_code,"
                        + " email_consent, birthday) VALUES (?, ?, 'Jana', 'Nováková', 'cs', ?, ?)", id,
                id.toLowerCase() + "@example.com", consent, birthday);
    }

    private void registration(String contact, Instant at) {
        sql.update("INSERT INTO pkl_standin_registration VALUES (?, ?, 'eshop-cz')", contact, ts(at));
    }

    private void cart(String id, String contact, Instant changed, String order) {
        sql.update("INSERT INTO pkl_standin_cart VALUES (?, ?, 'eshop-cz', ?, 2, ?)", id, contact, ts(changed), order);
    }

    private void product(String id, String sku, String name, String price) {
        sql.update("INSERT INTO pkl_standin_product (product_id, sku, name, price) VALUES (?, ?, ?, ?)", id, sku, name,
                new BigDecimal(price));
    }

    private void cartItem(String cart, int line, String product, String quantity, String unitPrice) {
        sql.update("INSERT INTO pkl_standin_cart_item VALUES (?, ?, ?, ?, ?)", cart, line, product,
                new BigDecimal(quantity), unitPrice == null ? null : new BigDecimal(unitPrice));
    }

    private void preorder(String id, String contact, String product, boolean open) {
        sql.update("INSERT INTO pkl_standin_preorder VALUES (?, ?, ?, ?, ?)", id, contact, product,
                ts(ago(Duration.ofDays(20))), open);
    }

    private void order(String id, String contact, Instant at, String amount) {
        sql.update("INSERT INTO pkl_standin_order (order_id, contact_id, ordered_at, currency, gross_amount,"
                + " net_amount) VALUES (?, ?, ?, 'CZK', ?, ?)", id, contact, ts(at), new BigDecimal(amount),
                new BigDecimal(amount));
    }
}
