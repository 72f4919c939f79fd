package cz.proklik.mailer.preview;

import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignLink;
import cz.proklik.erp.campaign.CampaignStatus;
import cz.proklik.erp.campaign.CampaignVariant;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.mailing.ErpContact;
import cz.proklik.erp.mailing.ErpContactDao;
import cz.proklik.erp.mailing.StoredTemplate;
import cz.proklik.erp.mailing.TemplateDao;
import cz.proklik.erp.mailing.card.CampaignCard;
import cz.proklik.erp.mailing.card.CampaignCardDao;
import cz.proklik.erp.mailing.list.ListDao;
import cz.proklik.erp.mailing.list.MailList;
import cz.proklik.mailer.campaign.CampaignComposer;
import cz.proklik.mailer.lists.CriteriaParser;
import cz.proklik.mailer.render.Fixtures;
import cz.proklik.mailer.render.MintedLink;
import cz.proklik.mailer.render.RenderException;
import cz.proklik.redirect.RedirectServer;
import cz.proklik.redirect.RedirectSettings;
import cz.proklik.tracking.autologin.AutologinCodec;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.link.LinkCodec;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The campaign card end to end on a real H2 database, and the preview's links through the real redirect page. */
class CampaignPreviewTest {
    @TempDir
    Path dir;

    private CampaignComposer setUp(Database db, String baseUrl, List<String> products, BigDecimal holdout) {
        SchemaMigrator.of(db).migrate();
        StoredTemplate spring = Fixtures.spring();
        new TemplateDao(db.dataSource()).save(spring);
        new ListDao(db.dataSource()).save(new MailList("praha", "Praha", MailList.Kind.CRITERIA, null, Instant.EPOCH,
                List.of(CriteriaParser.parse("region=Praha"))), List.of());
        CampaignDao campaigns = new CampaignDao(db.dataSource());
        campaigns.register(new Campaign("C2026-SPRING", "Jarní novinky", null, "2026-12-01_jarni_novinky", "newsletter",
                null, null, 5, CampaignStatus.DRAFT));
        campaigns.saveVariant(new CampaignVariant("C2026-SPRING", "A", null, new BigDecimal("50")));
        campaigns.saveVariant(new CampaignVariant("C2026-SPRING", "B", null, new BigDecimal("50")));
        CampaignCard card = new CampaignCard("C2026-SPRING", 1, LocalDate.of(2026, 12, 1), "praha", "spring-2026", null,
                true, holdout, products, Map.of(), Instant.EPOCH);
        new CampaignCardDao(db.dataSource()).save(card);
        assertThat(new CampaignCardDao(db.dataSource()).find("C2026-SPRING")).contains(card);
        return new CampaignComposer(campaigns.find("C2026-SPRING").orElseThrow(), card,
                campaigns.variants("C2026-SPRING"), Map.of("spring-2026", new TemplateDao(db.dataSource())
                .find("spring-2026").orElseThrow()), new ErpContactDao(db.dataSource()).products(products),
                new CampaignComposer.Signing(baseUrl, new LinkCodec(Fixtures.KEYS),
                        new AutologinCodec(Fixtures.LOGIN_KEYS), Duration.ofDays(14),
                        "https://shop.example.com/newsletter/{campaign}", Clock.systemUTC()));
    }

    @Test
    void thePreviewIsTheExactMimeMessageAndItsLinksRedirectThroughTheRealServer() throws Exception {
        ClickLogWriter log = ClickLogWriter.start(new ClickLogWriter.Settings(dir.resolve("clicklog"), "t1", 1 << 20,
                Duration.ofHours(1), true), Clock.systemUTC());
        try (Database db = Database.embedded(dir.resolve("home"));
             RedirectServer server = RedirectServer.start(new RedirectSettings("127.0.0.1", 0, 1,
                     RedirectSettings.BUILT_IN_FALLBACK, List.of(), List.of("127.0.0.0/8"), 16 * 1024, "t1"),
                     new LinkCodec(Fixtures.KEYS), log)) {
            String base = "http://127.0.0.1:" + server.port();
            CampaignComposer composer = setUp(db, base, List.of("P1", "P2"), BigDecimal.ZERO);
            ErpContact jana = new ErpContactDao(db.dataSource()).find("R1001").orElseThrow();
            CampaignPreview.Result r = CampaignPreview.write(composer, jana, dir.resolve("preview"),
                    new CampaignDao(db.dataSource()), Clock.systemUTC()).orElseThrow();

            MimeMessage read;
            try (InputStream in = Files.newInputStream(r.eml())) {
                read = new MimeMessage(Session.getInstance(new Properties()), in);
            }
            assertThat(read.getSubject()).isEqualTo("Vážená paní Nováková, jarní novinky pro vás");
            assertThat(read.getFrom()[0].toString()).contains("novinky@shop.example.com");
            assertThat(read.getAllRecipients()[0].toString()).contains("jana.novakova@example.com");
            assertThat(read.getHeader("List-Unsubscribe")[0]).isEqualTo("<" + r.mail().unsubscribeUrl() + ">");
            Multipart parts = (Multipart) read.getContent();
            assertThat(parts.getContentType()).startsWith("multipart/alternative");
            String text = (String) parts.getBodyPart(0).getContent();
            String html = (String) parts.getBodyPart(1).getContent();
            assertThat(parts.getBodyPart(1).getContentType()).contains("text/html").contains("UTF-8");
            // MIME canonicalises line ends of text parts to CRLF; the content is otherwise exactly the rendered HTML.
            assertThat(html.replace("\r\n", "\n")).isEqualTo(r.mail().html()).isEqualTo(Files.readString(r.html()));
            assertThat(text.replace("\r\n", "\n")).isEqualTo(r.mail().text());

            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            List<String> hrefs = Jsoup.parse(html).select("a[href^=" + base + "/c/]").eachAttr("href");
            assertThat(hrefs).hasSizeGreaterThanOrEqualTo(8);
            for (String href : hrefs) {
                HttpResponse<Void> resp = http.send(HttpRequest.newBuilder(URI.create(href)).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(resp.statusCode()).isEqualTo(302);
                assertThat(resp.headers().firstValue("Location").orElseThrow()).startsWith("https://shop.example.com/");
            }
            // The links are registered as the campaign's, with the URL as authored (no recipient data).
            List<CampaignLink> links = new CampaignDao(db.dataSource()).links("C2026-SPRING");
            assertThat(links).extracting(CampaignLink::linkId).containsExactlyElementsOf(
                    r.mail().links().stream().map(MintedLink::linkId).toList());
            assertThat(links).filteredOn(l -> l.linkId().equals("link-2")).first()
                    .satisfies(l -> assertThat(l.targetUrl()).contains("{{contact.id}}").doesNotContain("R1001"));
            assertThat(links.get(0).description()).isEqualTo("image: Jarní kolekce");
        }
    }

    @Test
    void aHoldoutRecipientGetsNoMailAndAMissingProductStopsThePreview() throws Exception {
        try (Database db = Database.embedded(dir.resolve("home2"))) {
            CampaignComposer all = setUp(db, "https://t.example.com", List.of("P1"), new BigDecimal("99.99"));
            ErpContact jana = new ErpContactDao(db.dataSource()).find("R1001").orElseThrow();
            assertThat(CampaignPreview.write(all, jana, dir.resolve("p"), new CampaignDao(db.dataSource()),
                    Clock.systemUTC())).isEmpty();
            assertThat(dir.resolve("p")).doesNotExist();
        }
        try (Database db = Database.embedded(dir.resolve("home3"))) {
            assertThatThrownBy(() -> setUp(db, "https://t.example.com", List.of("P1", "P404"), BigDecimal.ZERO))
                    .isInstanceOf(RenderException.class).hasMessageContaining("product P404 is not in the ERP");
        }
    }
}
